#include "data/BookCatalog.h"

namespace shelfscope {

bool BookCatalog::add(Book book) {
    const auto [it, inserted] = positionById_.emplace(book.id, books_.size());
    if (!inserted)
        return false;
    books_.push_back(std::move(book));
    return true;
}

const Book* BookCatalog::find(std::int32_t id) const {
    const auto it = positionById_.find(id);
    return it == positionById_.end() ? nullptr : &books_[it->second];
}

std::string BookCatalog::displayTitle(std::int32_t id) const {
    if (const Book* book = find(id); book != nullptr && !book->title.empty())
        return book->title;
    return "Book #" + std::to_string(id);
}

} // namespace shelfscope
