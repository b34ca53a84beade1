#include "data/BookShelves.h"

#include "data/GenreShelves.h"

#include <algorithm>
#include <map>

namespace shelfscope {

RepeatedTags mergeRepeatedTags(std::vector<TagCount>& shelves) {
    std::sort(shelves.begin(), shelves.end(), [](const TagCount& a, const TagCount& b) {
        return a.tag != b.tag ? a.tag < b.tag : a.count > b.count;
    });
    // Each tag's largest count now comes first among its repeats: keep that entry.
    RepeatedTags repeated;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < shelves.size();) {
        std::size_t end = i + 1;
        while (end < shelves.size() && shelves[end].tag == shelves[i].tag)
            ++end;
        if (end - i > 1) {
            if (repeated.tags == 0)
                repeated.firstTag = shelves[i].tag;
            ++repeated.tags;
            repeated.dropped += end - i - 1;
        }
        shelves[kept++] = shelves[i];
        i = end;
    }
    shelves.resize(kept);
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
    std::vector<const TagCount*> descriptive;
    for (const TagCount& shelf : shelves) {
        if (shelf.count <= 0)
            continue;
        if (tags.genre(shelf.tag) >= 0 && (best == nullptr || beats(shelf, *best)))
            best = &shelf;
        if (tags.descriptive(shelf.tag))
            descriptive.push_back(&shelf);
    }
    book.genre.clear();
    book.genreShelf = {};
    if (best != nullptr) {
        book.genre = std::string(genreList()[static_cast<std::size_t>(tags.genre(best->tag))].name);
        book.genreShelf = {tags.name(best->tag), best->count};
    }
    const auto keep = std::min(descriptive.size(), kTopShelves);
    std::partial_sort(descriptive.begin(), descriptive.begin() + static_cast<long>(keep),
                      descriptive.end(), [&](const TagCount* a, const TagCount* b) {
                          if (a->count != b->count)
                              return a->count > b->count;
                          return tags.name(a->tag) < tags.name(b->tag);
                      });
    book.topShelves.clear();
    for (std::size_t i = 0; i < keep; ++i)
        book.topShelves.push_back({tags.name(descriptive[i]->tag), descriptive[i]->count});
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
