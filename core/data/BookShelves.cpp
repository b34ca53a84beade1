#include "data/BookShelves.h"

#include "data/GenreShelves.h"

#include <algorithm>
#include <array>
#include <map>

namespace shelfscope {

RepeatedTags RepeatedTagMerger::merge(std::vector<TagCount>& shelves) {
    RepeatedTags repeated;
    std::size_t kept = 0;
    for (const TagCount& shelf : shelves) {
        std::int64_t& slot = slot_[static_cast<std::size_t>(shelf.tag)];
        if (slot == 0) {
            shelves[kept] = shelf;
            slot = static_cast<std::int64_t>(++kept);
            continue;
        }
        if (slot > 0) {
            if (repeated.tags++ == 0)
                repeated.firstTag = shelf.tag;
            slot = -slot;
        }
        ++repeated.dropped;
        TagCount& first = shelves[static_cast<std::size_t>(-slot - 1)];
        first.count = std::max(first.count, shelf.count);
    }
    shelves.resize(kept);
    for (const TagCount& shelf : shelves)
        slot_[static_cast<std::size_t>(shelf.tag)] = 0;
    return repeated;
}

void assignShelves(Book& book, std::span<const TagCount> shelves, const TagTable& tags) {
    const TagCount* best = nullptr;
    const auto beats = [&](const TagCount& a, const TagCount& b) {
        if (a.count != b.count)
            return a.count > b.count;
        if (tags.genre(a.tag) != tags.genre(b.tag))
            return tags.genre(a.tag) < tags.genre(b.tag);
        return tags.name(a.tag) < tags.name(b.tag);
    };
    const auto moreUsed = [&](const TagCount& a, const TagCount& b) {
        if (a.count != b.count)
            return a.count > b.count;
        return tags.name(a.tag) < tags.name(b.tag);
    };
    // The top shelves by insertion into a short sorted list: no allocation, and most rows fail
    // the first comparison once the list is full.
    std::array<const TagCount*, kTopShelves> top{};
    std::size_t kept = 0;
    for (const TagCount& shelf : shelves) {
        if (shelf.count <= 0)
            continue;
        if (tags.genre(shelf.tag) >= 0 && (best == nullptr || beats(shelf, *best)))
            best = &shelf;
        if (!tags.descriptive(shelf.tag) || (kept == kTopShelves && !moreUsed(shelf, *top.back())))
            continue;
        std::size_t at = std::min(kept, kTopShelves - 1);
        while (at > 0 && moreUsed(shelf, *top[at - 1])) {
            top[at] = top[at - 1];
            --at;
        }
        top[at] = &shelf;
        kept = std::min(kept + 1, kTopShelves);
    }
    book.genre.clear();
    book.genreShelf = {};
    if (best != nullptr) {
        book.genre = std::string(genreList()[static_cast<std::size_t>(tags.genre(best->tag))].name);
        book.genreShelf = {tags.name(best->tag), best->count};
    }
    book.topShelves.clear();
    for (std::size_t i = 0; i < kept; ++i)
        book.topShelves.push_back({tags.name(top[i]->tag), top[i]->count});
}

std::vector<std::pair<std::string, std::int64_t>> countGenres(const BookCatalog& books) {
    std::map<std::string, std::int64_t> counts;
    for (const Book& book : books.books())
        if (!book.genre.empty())
            ++counts[book.genre];
    std::vector<std::pair<std::string, std::int64_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        if (a.second != b.second)
            return a.second > b.second;
        const int ga = genreByName(a.first);
        const int gb = genreByName(b.first);
        // Names outside the list (books.csv's genre column) after listed ones, by name.
        return (ga < 0 ? 1 << 20 : ga) < (gb < 0 ? 1 << 20 : gb);
    });
    return sorted;
}

} // namespace shelfscope
