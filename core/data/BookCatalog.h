#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace shelfscope {

/// What books.csv says about one book. `id` is the id the ratings file uses for it.
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
    std::string genre; ///< only the demo library has it
};

/// The books of a data set, looked up by the ids the ratings use.
class BookCatalog {
public:
    /// Adds a book; returns false (and adds nothing) when the id is already present.
    bool add(Book book);

    std::size_t size() const { return books_.size(); }
    bool empty() const { return books_.empty(); }
    const std::vector<Book>& books() const { return books_; }
    const Book* find(std::int32_t id) const;
    /// The title, or "Book #<id>" for a book that books.csv does not describe.
    std::string displayTitle(std::int32_t id) const;

private:
    std::vector<Book> books_;
    std::unordered_map<std::int32_t, std::size_t> positionById_;
};

} // namespace shelfscope
