#pragma once

#include "data/BookCatalog.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// What books.csv (and book_tags.csv) says about a book that a map can be coloured by.
enum class BookAttribute {
    Genre,         ///< categorical: the book's genre shelf
    Language,      ///< categorical: language_code, English variants as one
    AverageRating, ///< numeric: Goodreads' average rating
    Popularity,    ///< numeric: log10(1 + ratings_count)
    Year,          ///< numeric: original publication year
};

const char* bookAttributeName(BookAttribute attribute);
bool isCategorical(BookAttribute attribute);

/// A categorical attribute of a list of books: each book's category (-1: unknown, e.g. no
/// genre, or a book books.csv lacks), the category names, most books first (ties by name), and
/// how many books each holds. Categories beyond `maxCategories` are merged into a last one
/// named "Other".
struct CategoricalValues {
    std::vector<std::string> labels;
    std::vector<std::int32_t> counts;
    std::vector<std::int32_t> codes; ///< per book, an index into labels or -1
    std::int32_t unknown = 0;        ///< books with code -1
};

/// A numeric attribute of a list of books: NaN where unknown, and the range a colour scale
/// should span (the 2nd to the 98th percentile of the known values, so a few outliers such as
/// a year of -1750 do not wash out the rest).
struct NumericValues {
    std::vector<float> values;
    float low = 0.0f;
    float high = 0.0f;
    float min = 0.0f; ///< of the known values
    float max = 0.0f;
    std::int32_t unknown = 0;
};

CategoricalValues categoricalAttribute(const BookCatalog& books,
                                       const std::vector<std::int32_t>& bookIds,
                                       BookAttribute attribute, std::size_t maxCategories = 20);
NumericValues numericAttribute(const BookCatalog& books, const std::vector<std::int32_t>& bookIds,
                               BookAttribute attribute);

/// An English name for a books.csv language code ("eng", "en-US" -> "English", "fre" ->
/// "French"); unknown codes are returned as they are, the empty code as "".
std::string languageName(std::string_view code);

} // namespace shelfscope
