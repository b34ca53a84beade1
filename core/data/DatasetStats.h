#pragma once

#include "data/RatingTable.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

/// Minimum, median and maximum of a list of counts.
struct CountSummary {
    std::int64_t min = 0;
    double median = 0.0;
    std::int64_t max = 0;
    double mean = 0.0;
};

/// How the ratings spread over readers and books.
struct RatingSpread {
    RatingHistogram histogram; ///< of the kept ratings
    CountSummary perUser;
    CountSummary perBook;
    double meanRating = 0.0;
};

RatingSpread describeRatings(const RatingTable& table);

/// How many ratings each of `groups` indices has.
std::vector<std::int64_t> countPerIndex(const std::vector<std::int32_t>& indices,
                                        std::int32_t groups);

CountSummary summarizeCounts(std::vector<std::int64_t> counts);

/// Groups (readers or books) whose count lies in [low, high].
struct CountBin {
    std::int64_t low = 0;
    std::int64_t high = 0;
    std::int64_t groups = 0;
};

/// A histogram of counts in at most maxBins bins of equal whole-number width, from the smallest
/// count to the largest; empty for no counts.
std::vector<CountBin> binCounts(const std::vector<std::int64_t>& counts, int maxBins);

} // namespace shelfscope
