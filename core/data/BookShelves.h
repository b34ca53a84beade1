#pragma once

#include "data/BookCatalog.h"
#include "data/TagTable.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace shelfscope {

/// How many shelves Book::topShelves keeps.
inline constexpr std::size_t kTopShelves = 8;

/// One row of book_tags.csv once its tag id is resolved: a shelf of a book and its readers.
struct TagCount {
    std::int32_t tag = 0; ///< index in the TagTable
    std::int64_t count = 0;
};

/// What RepeatedTagMerger::merge found in one book's shelves.
struct RepeatedTags {
    std::size_t tags = 0;       ///< tags that occurred more than once
    std::size_t dropped = 0;    ///< entries merged away
    std::int32_t firstTag = -1; ///< the first repeated tag, in the order of the rows
};

/// Merges repeats of a tag among a book's shelves into one entry that keeps the larger count
/// (goodbooks-10k repeats 8 pairs, with equal or nearly equal counts, so adding them up would
/// count the same readers twice). Entries stay in the order of their first row. One merger
/// serves book after book: it keeps a slot per tag instead of sorting each book's rows.
class RepeatedTagMerger {
public:
    explicit RepeatedTagMerger(std::int32_t tagCount)
        : slot_(static_cast<std::size_t>(tagCount), 0) {}

    RepeatedTags merge(std::vector<TagCount>& shelves);

private:
    // Per tag: 0 when not seen in this book, else its entry + 1, negated once it repeats.
    std::vector<std::int64_t> slot_;
};

/// Sets book.genre, book.genreShelf and book.topShelves from its shelves (each tag once).
/// Only shelves with a count above 0 count. The genre is that of the most-used shelf in the genre
/// list; equal counts go to the genre listed first, then to the shelf name first in byte order.
/// The top shelves are the kTopShelves most-used descriptive shelves, equal counts by name.
/// A book without a listed shelf gets an empty genre and genreShelf.
void assignShelves(Book& book, std::span<const TagCount> shelves, const TagTable& tags);

/// How many books of the catalog have each genre, most common first (equal counts in genre-list
/// order); books without a genre are not counted. Genres no book has are left out.
std::vector<std::pair<std::string, std::int64_t>> countGenres(const BookCatalog& books);

} // namespace shelfscope
