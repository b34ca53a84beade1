#pragma once

#include "model/Batch.h"
#include "train/TrainingData.h"
#include "util/Random.h"

#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// The training ratings in the current epoch's order, column by column, cut into mini-batches.
///
/// The ratings themselves are shuffled, one (user, book, rating) record per swap, not an index
/// into the columns: a shuffled index would cost a random visit to each of the three columns per
/// rating on top of the swap. The same swaps in the same order, so epoch e holds the ratings in
/// the order a shuffled index would give.
class EpochOrder {
public:
    EpochOrder(const RatingRows& train, std::size_t batchSize);

    /// Reshuffles the last epoch's order (Fisher-Yates, in place: no second copy of the rows).
    void shuffle(Random& shuffler);

    std::int64_t batches() const { return batches_; }
    std::size_t batchSize() const { return batchSize_; }
    std::size_t size() const { return ratings_.size(); }
    /// Batch `index` (0-based) of the epoch; the last may be shorter.
    Batch batch(std::int64_t index) const;
    /// Ratings in the first `count` batches.
    std::int64_t ratingsIn(std::int64_t count) const;
    std::span<const std::int32_t> users() const { return users_; }
    std::span<const std::int32_t> books() const { return books_; }

private:
    std::vector<std::int32_t> users_;
    std::vector<std::int32_t> books_;
    std::vector<float> ratings_;
    std::size_t batchSize_;
    std::int64_t batches_;
};

} // namespace shelfscope
