#pragma once

#include <span>
#include <string_view>

namespace shelfscope {

/// One genre of the fixed list: the name shown to users and the shelves (Goodreads tag names,
/// matched exactly) that stand for it, its main shelf first.
struct GenreDefinition {
    std::string_view name;
    std::span<const std::string_view> shelves;
};

/// The fixed genre list (docs/DATA.md shows it with each shelf's use in goodbooks-10k). Its order
/// breaks ties: when shelves of two genres are a book's most used, the genre listed first wins;
/// specific genres come before broad ones (contemporary, classics, young adult, children's).
std::span<const GenreDefinition> genreList();

/// Index in genreList() of the genre a shelf stands for ("sci-fi" -> Science fiction), or -1.
int genreOfShelf(std::string_view shelf);

/// Index in genreList() of a genre by its display name, or -1.
int genreByName(std::string_view name);

/// True for shelves about the reader rather than the book, left out of a book's top shelves:
/// reading status (to-read, currently-reading, dnf, ...), owning and format (owned, kindle,
/// ebook, library, audiobook, ...), clubs and school, series bookkeeping, and by pattern: any
/// name with a year 1900-2099 in it (read-in-2015), star ratings (5-stars), names starting
/// "to-" or "my-", and names with favorite/favourite/fave in them. The list is in docs/DATA.md.
bool isNonDescriptiveShelf(std::string_view shelf);

} // namespace shelfscope
