#include "train/ImplicitSets.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace shelfscope {

namespace {

/// The (user, book) pairs of both row sets as sorted 64-bit keys, for binary search.
std::vector<std::uint64_t> sortedPairs(const RatingRows& a, const RatingRows& b) {
    std::vector<std::uint64_t> pairs;
    pairs.reserve(a.size() + b.size());
    for (const RatingRows* rows : {&a, &b})
        for (std::size_t i = 0; i < rows->size(); ++i)
            pairs.push_back(static_cast<std::uint64_t>(static_cast<std::uint32_t>(rows->users[i]))
                                << 32 |
                            static_cast<std::uint32_t>(rows->books[i]));
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

} // namespace

const char* implicitBooksName(const ImplicitSetConfig& config) {
    if (config.rated)
        return config.toRead ? "rated-and-to-read" : "rated";
    return config.toRead ? "to-read" : "none";
}

std::optional<ImplicitSetConfig> implicitBooksOf(std::string_view name) {
    for (const bool rated : {true, false})
        for (const bool toRead : {true, false})
            if (name == implicitBooksName({rated, toRead}))
                return ImplicitSetConfig{rated, toRead};
    return std::nullopt;
}

ImplicitSets buildImplicitSets(const TrainingData& data, const ReaderBookRows& toRead,
                               const ImplicitSetConfig& config) {
    const auto users = static_cast<std::size_t>(data.userRows);
    for (std::size_t i = 0; i < toRead.size(); ++i)
        if (toRead.users[i] < 0 || toRead.users[i] >= data.userRows || toRead.books[i] < 0 ||
            toRead.books[i] >= data.bookRows)
            throw std::invalid_argument("to-read entry " + std::to_string(i) +
                                        " names a reader or book outside the model");
    const std::vector<std::uint64_t> heldOut = sortedPairs(data.validation, data.test);
    const auto isHeldOut = [&](std::int32_t u, std::int32_t b) {
        const std::uint64_t key = static_cast<std::uint64_t>(static_cast<std::uint32_t>(u)) << 32 |
                                  static_cast<std::uint32_t>(b);
        return std::binary_search(heldOut.begin(), heldOut.end(), key);
    };
    ImplicitSets sets;
    sets.start.assign(users + 1, 0);
    const auto count = [&](std::int32_t u) { ++sets.start[static_cast<std::size_t>(u) + 1]; };
    if (config.rated)
        for (std::int32_t u : data.train.users)
            count(u);
    std::vector<std::uint8_t> useToRead(toRead.size(), 0);
    if (config.toRead)
        for (std::size_t i = 0; i < toRead.size(); ++i)
            if (!isHeldOut(toRead.users[i], toRead.books[i])) {
                useToRead[i] = 1;
                count(toRead.users[i]);
            }
    for (std::size_t u = 0; u < users; ++u)
        sets.start[u + 1] += sets.start[u];
    sets.books.resize(static_cast<std::size_t>(sets.start[users]));
    std::vector<std::int64_t> next(sets.start.begin(), sets.start.end() - 1);
    const auto add = [&](std::int32_t u, std::int32_t b) {
        sets.books[static_cast<std::size_t>(next[static_cast<std::size_t>(u)]++)] = b;
    };
    if (config.rated)
        for (std::size_t i = 0; i < data.train.size(); ++i)
            add(data.train.users[i], data.train.books[i]);
    for (std::size_t i = 0; i < toRead.size(); ++i)
        if (useToRead[i])
            add(toRead.users[i], toRead.books[i]);
    // Sort and drop repeats (a rated book also to be read, a pair the file repeats) in place.
    std::int64_t write = 0;
    for (std::size_t u = 0; u < users; ++u) {
        const auto first = sets.books.begin() + sets.start[u];
        const auto last = sets.books.begin() + sets.start[u + 1];
        std::sort(first, last);
        const auto end = std::unique(first, last);
        const std::int64_t kept = end - first;
        std::copy(first, end, sets.books.begin() + write);
        sets.start[u] = write;
        write += kept;
    }
    sets.start[users] = write;
    sets.books.resize(static_cast<std::size_t>(write));
    sets.books.shrink_to_fit();
    return sets;
}

} // namespace shelfscope
