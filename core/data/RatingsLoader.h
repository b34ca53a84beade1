#pragma once

#include "data/RatingTable.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace shelfscope {

struct RatingsLoadConfig {
    std::string path; ///< ratings.csv or ratings.csv.gz
    RatingScale scale;
    /// Keep every row, repeated (user, book) pairs included, in file order, as the notebook
    /// did. Off by default: the last occurrence of a pair wins.
    bool keepDuplicates = false;
};

/// Which release's header the file had; it decides what the book ids mean.
enum class RatingsHeader { BookUserRating, UserBookRating };

struct DuplicateReport {
    std::int64_t rowsDropped = 0;      ///< rows removed (earlier occurrences of a pair)
    std::int64_t pairs = 0;            ///< distinct (user, book) pairs that occurred more than once
    std::int64_t conflictingPairs = 0; ///< of those, pairs whose ratings disagree
};

struct RatingsLoadResult {
    RatingTable table;
    RatingsHeader header = RatingsHeader::BookUserRating;
    std::int64_t rowsRead = 0;
    DuplicateReport duplicates;
    RatingHistogram histogramBeforeDedup;
    double seconds = 0.0;
};

/// Reads a ratings file strictly: any malformed line throws DataError naming file, line, column
/// and text. The header decides the column order; other columns are ignored.
RatingsLoadResult loadRatings(const RatingsLoadConfig& config,
                              const ProgressCallback& progress = {},
                              const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
