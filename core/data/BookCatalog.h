#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace shelfscope {

/// A reader-made shelf (a Goodreads tag such as "fantasy") and how many readers put the book on it.
struct Shelf {
    std::string name;
    std::int64_t count = 0;
    bool operator==(const Shelf&) const = default;
};

/// What books.csv (and, when present, tags.csv with book_tags.csv) says about one book. `id` is the
/// id the ratings file uses for it.
struct Book {
    std::int32_t id = 0;
    std::int32_t goodreadsId = 0; ///< 0 when unknown
    std::int32_t workId = 0;      ///< 0 when unknown
    std::string title;
    std::string originalTitle;
    std::string authors;
    std::optional<int> year; ///< original publication year; negative for BCE
    std::string language;
    std::optional<float> averageRating;
    std::int64_t ratingsCount = 0;
    std::string imageUrl;
    /// Display name of the book's genre from the fixed list in data/GenreShelves.h ("Fantasy"),
    /// chosen from its shelves when the folder has tags.csv and book_tags.csv; else books.csv's
    /// `genre` column if it has one; empty when neither names one.
    std::string genre;
    /// The shelf that decided the genre ("sci-fi" for Science fiction); empty name when the genre
    /// did not come from shelves.
    Shelf genreShelf;
    /// The book's most-used descriptive shelves, most used first (equal counts by name), at most
    /// kTopShelves (data/BookShelves.h); shelves about the reader rather than the book (to-read,
    /// owned, kindle, ...) are left out. Empty without the tag files.
    std::vector<Shelf> topShelves;
};

/// The books of a data set, looked up by the ids the ratings use. A rated book that books.csv
/// does not describe has no entry (find() gives nullptr), so no genre or shelves either.
class BookCatalog {
public:
    /// Adds a book; returns false (and adds nothing) when the id is already present.
    bool add(Book book);

    std::size_t size() const { return books_.size(); }
    bool empty() const { return books_.empty(); }
    const std::vector<Book>& books() const { return books_; }
    /// The book at a position of books(), for filling in what later files (book_tags.csv) add.
    /// Its id must not be changed.
    Book& bookAt(std::size_t position) { return books_[position]; }
    const Book* find(std::int32_t id) const;
    /// The title, or "Book #<id>" for a book that books.csv does not describe.
    std::string displayTitle(std::int32_t id) const;

private:
    std::vector<Book> books_;
    std::unordered_map<std::int32_t, std::size_t> positionById_;
};

} // namespace shelfscope
