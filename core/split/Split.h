#pragma once

#include "data/RatingTable.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

/// Row numbers of a rating table divided into a training and a test part.
struct RowSplit {
    std::vector<std::int32_t> trainRows;
    std::vector<std::int32_t> testRows;
};

struct HoldoutConfig {
    double testFraction = 0.2;
    std::uint64_t seed = 42;
};

/// A seeded random holdout: ceil(testFraction * rows) rows for testing, both parts in ascending
/// row order. Bit-identical for a seed on every platform.
RowSplit randomHoldout(std::size_t rows, const HoldoutConfig& config = {});

/// scikit-learn's `train_test_split(rows, test_size=testFraction, random_state=seed)`, row for
/// row and in its order: the notebook's split when applied to the file with duplicates kept.
RowSplit notebookSplit(std::size_t rows, double testFraction = 0.2, std::uint32_t seed = 42);

struct PerUserHoldoutConfig {
    std::int32_t perUser = 5; ///< k: test ratings taken from each user with at least 2k
    std::uint64_t seed = 42;
};

/// Holds out k random ratings of every user who has at least 2k, for ranking metrics; other
/// users' ratings all train. Both parts in ascending row order.
RowSplit perUserHoldout(const RatingTable& table, const PerUserHoldoutConfig& config = {});

/// Throws std::invalid_argument unless 0 < fraction < 1.
void checkTestFraction(double fraction);

} // namespace shelfscope
