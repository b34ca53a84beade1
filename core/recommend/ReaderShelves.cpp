#include "recommend/ReaderShelves.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace shelfscope {

namespace {

/// start[g]..start[g+1] of `order` are the rows of group g (a counting sort by group).
std::vector<std::int64_t> groupRows(const std::vector<std::int32_t>& groups, std::int32_t count,
                                    std::vector<std::int64_t>& order) {
    std::vector<std::int64_t> start(static_cast<std::size_t>(count) + 1, 0);
    for (std::int32_t g : groups)
        ++start[static_cast<std::size_t>(g) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::int64_t> next(start.begin(), start.end() - 1);
    order.resize(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i)
        order[static_cast<std::size_t>(next[static_cast<std::size_t>(groups[i])]++)] =
            static_cast<std::int64_t>(i);
    return start;
}

} // namespace

ReaderShelves::ReaderShelves(const Dataset& dataset) : dataset_(dataset) {
    const RatingTable& ratings = dataset.ratings;
    const std::int32_t users = ratings.userCount();
    std::vector<std::int64_t> order;
    ratedStart_ = groupRows(ratings.userIndex, users, order);
    ratedEntries_.reserve(order.size());
    readers_.resize(static_cast<std::size_t>(users));
    for (std::int32_t u = 0; u < users; ++u) {
        const auto begin = ratedStart_[static_cast<std::size_t>(u)];
        const auto end = ratedStart_[static_cast<std::size_t>(u) + 1];
        double sum = 0.0;
        for (auto i = begin; i < end; ++i) {
            const auto row = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
            ratedEntries_.push_back(
                {ratings.books.rawId(ratings.bookIndex[row]), ratings.rating[row]});
            sum += ratings.rating[row];
        }
        std::sort(ratedEntries_.begin() + begin, ratedEntries_.end(),
                  [](const ShelfEntry& a, const ShelfEntry& b) {
                      return a.rating != b.rating ? a.rating > b.rating : a.bookId < b.bookId;
                  });
        ReaderSummary& summary = readers_[static_cast<std::size_t>(u)];
        summary.userId = ratings.users.rawId(u);
        summary.ratings = static_cast<std::int32_t>(end - begin);
        summary.meanRating =
            end > begin ? static_cast<float>(sum / static_cast<double>(end - begin)) : 0.0f;
    }
    toReadStart_ = groupRows(dataset.toRead.userIndex, users, order);
    toReadBooks_.reserve(order.size());
    for (std::int32_t u = 0; u < users; ++u) {
        const auto begin = toReadStart_[static_cast<std::size_t>(u)];
        const auto end = toReadStart_[static_cast<std::size_t>(u) + 1];
        for (auto i = begin; i < end; ++i)
            toReadBooks_.push_back(ratings.books.rawId(
                dataset.toRead
                    .bookIndex[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])]));
        std::sort(toReadBooks_.begin() + begin, toReadBooks_.end());
        readers_[static_cast<std::size_t>(u)].toRead = static_cast<std::int32_t>(end - begin);
    }
}

std::optional<std::int32_t> ReaderShelves::userIndex(std::int32_t userId) const {
    return dataset_.ratings.users.indexOf(userId);
}

std::optional<ReaderSummary> ReaderShelves::find(std::int32_t userId) const {
    const auto u = userIndex(userId);
    if (!u)
        return std::nullopt;
    return readers_[static_cast<std::size_t>(*u)];
}

std::vector<ShelfEntry> ReaderShelves::rated(std::int32_t userId) const {
    const auto u = userIndex(userId);
    if (!u)
        return {};
    const auto i = static_cast<std::size_t>(*u);
    return {ratedEntries_.begin() + ratedStart_[i], ratedEntries_.begin() + ratedStart_[i + 1]};
}

std::vector<std::int32_t> ReaderShelves::toRead(std::int32_t userId) const {
    const auto u = userIndex(userId);
    if (!u)
        return {};
    const auto i = static_cast<std::size_t>(*u);
    return {toReadBooks_.begin() + toReadStart_[i], toReadBooks_.begin() + toReadStart_[i + 1]};
}

std::vector<GenreCount> ReaderShelves::topGenres(std::int32_t userId, std::size_t limit) const {
    std::vector<std::int32_t> ids;
    for (const ShelfEntry& entry : rated(userId))
        ids.push_back(entry.bookId);
    return countGenres(dataset_.books, ids, limit);
}

std::vector<GenreCount> countGenres(const BookCatalog& books,
                                    const std::vector<std::int32_t>& bookIds, std::size_t limit) {
    std::map<std::string, std::int32_t> counts;
    for (std::int32_t id : bookIds)
        if (const Book* book = books.find(id); book != nullptr && !book->genre.empty())
            ++counts[book->genre];
    std::vector<GenreCount> genres;
    for (const auto& [genre, count] : counts)
        genres.push_back({genre, count});
    std::stable_sort(genres.begin(), genres.end(),
                     [](const GenreCount& a, const GenreCount& b) { return a.books > b.books; });
    if (genres.size() > limit)
        genres.resize(limit);
    return genres;
}

} // namespace shelfscope
