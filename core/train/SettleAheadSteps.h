#pragma once

#include "train/SettleAhead.h"
#include "train/StepStrategy.h"

#include <memory>

namespace shelfscope {

/// A strategy whose rows settle lazily, with a second thread settling the rows of coming
/// batches (SettleAhead). The steps are the inner strategy's, on the same rows in the same
/// order, so the model is bit-identical to the inner strategy's alone.
class SettleAheadSteps final : public StepStrategy {
public:
    /// `inner` must have a rowSettler().
    SettleAheadSteps(std::unique_ptr<StepStrategy> inner, std::int32_t userRows,
                     std::int32_t bookRows);
    ~SettleAheadSteps() override;

    void beginEpoch(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                    std::size_t batchSize) override;
    double step(std::int64_t index, const Batch& batch) override;
    void prefetch(const Batch& batch) const override { inner_->prefetch(batch); }
    std::int64_t stopSoon(std::int64_t batchesDone) override;
    void quiesce() override;
    void synchronize() override { inner_->synchronize(); }
    std::int64_t steps() const override { return inner_->steps(); }

private:
    std::unique_ptr<StepStrategy> inner_;
    SettleAhead settleAhead_; // after inner_: destroyed (its helper joined) first
};

} // namespace shelfscope
