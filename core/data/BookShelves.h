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

/// What mergeRepeatedTags found.
struct RepeatedTags {
    std::size_t tags = 0;    ///< tags that occurred more than once
    std::size_t dropped = 0; ///< entries merged away
    std::int32_t firstTag = -1;
};

/// Sorts a book's shelves by tag and merges repeats of a tag into one, keeping the larger count
/// (goodbooks-10k repeats 8 pairs, with equal or nearly equal counts, so adding them up would
/// count the same readers twice).
RepeatedTags mergeRepeatedTags(std::vector<TagCount>& shelves);

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
