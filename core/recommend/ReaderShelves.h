#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shelfscope {

/// One reader of a data set at a glance.
struct ReaderSummary {
    std::int32_t userId = 0; ///< ratings.csv's user_id
    std::int32_t ratings = 0;
    std::int32_t toRead = 0;
    float meanRating = 0.0f;
};

/// A book on a reader's shelf with the stars they gave it.
struct ShelfEntry {
    std::int32_t bookId = 0;
    float rating = 0.0f;
};

/// How many of a reader's books fall in a genre.
struct GenreCount {
    std::string genre;
    std::int32_t books = 0;
};

/// Every reader's rated books and to-read list, grouped once per data set (a million ratings
/// take a moment to group) and shared by everything that shows or uses a reader: the reader
/// list, their shelf, recommendations that leave out what they rated. The data set must outlive
/// it.
class ReaderShelves {
public:
    explicit ReaderShelves(const Dataset& dataset);

    /// Every reader who rated a book, by ascending id.
    const std::vector<ReaderSummary>& readers() const { return readers_; }
    /// The summary of a reader, or nullopt when the data set has no such reader.
    std::optional<ReaderSummary> find(std::int32_t userId) const;
    bool knows(std::int32_t userId) const { return find(userId).has_value(); }

    /// The reader's rated books, highest rated first (ties by ascending book id); empty for an
    /// unknown reader.
    std::vector<ShelfEntry> rated(std::int32_t userId) const;
    /// The book ids on the reader's to-read list, ascending.
    std::vector<std::int32_t> toRead(std::int32_t userId) const;
    /// The genres of the reader's rated books (catalogue genres; books without one are left
    /// out), most books first, ties by name; at most `limit`.
    std::vector<GenreCount> topGenres(std::int32_t userId, std::size_t limit = 5) const;

private:
    std::optional<std::int32_t> userIndex(std::int32_t userId) const;

    const Dataset& dataset_;
    std::vector<ReaderSummary> readers_; ///< by dense user index
    std::vector<std::int64_t> ratedStart_;
    std::vector<ShelfEntry> ratedEntries_; ///< each reader's, in shelf order
    std::vector<std::int64_t> toReadStart_;
    std::vector<std::int32_t> toReadBooks_;
};

/// The genres of a set of books, most books first (ties by name); books without a catalogue
/// genre are left out.
std::vector<GenreCount> countGenres(const BookCatalog& books,
                                    const std::vector<std::int32_t>& bookIds,
                                    std::size_t limit = 5);

} // namespace shelfscope
