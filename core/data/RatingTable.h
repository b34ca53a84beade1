#pragma once

#include "data/IdIndex.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace shelfscope {

/// The range a rating may take, inclusive (1..5 stars for goodbooks-10k).
struct RatingScale {
    float min = 1.0f;
    float max = 5.0f;
    bool contains(double value) const { return value >= min && value <= max; }
};

/// Ratings stored column by column (12 bytes a rating): row r says user userIndex[r] gave book
/// bookIndex[r] the rating rating[r]. Indices are dense; users/books map them to raw file ids.
struct RatingTable {
    std::vector<std::int32_t> userIndex;
    std::vector<std::int32_t> bookIndex;
    std::vector<float> rating;
    IdIndex users;
    IdIndex books;
    RatingScale scale;

    std::size_t size() const { return rating.size(); }
    std::int32_t userCount() const { return users.size(); }
    std::int32_t bookCount() const { return books.size(); }
    /// Bytes held by the three columns (their used length, not their capacity).
    std::size_t columnBytes() const { return size() * (sizeof(std::int32_t) * 2 + sizeof(float)); }
};

/// How often each rating value occurs, ascending by value.
struct RatingHistogram {
    std::vector<std::pair<float, std::int64_t>> counts;
    std::int64_t total() const;
    std::int64_t countOf(float value) const;
};

/// Histogram of a rating column; exact for any value, fast for whole and half stars.
RatingHistogram histogramOf(const std::vector<float>& ratings);

} // namespace shelfscope
