#include "train/SettleAheadSteps.h"

namespace shelfscope {

SettleAheadSteps::SettleAheadSteps(std::unique_ptr<StepStrategy> inner, std::int32_t userRows,
                                   std::int32_t bookRows)
    : inner_(std::move(inner)), settleAhead_(*inner_->rowSettler(), userRows, bookRows) {}

SettleAheadSteps::~SettleAheadSteps() = default;

void SettleAheadSteps::beginEpoch(std::span<const std::int32_t> users,
                                  std::span<const std::int32_t> books, std::size_t batchSize) {
    inner_->beginEpoch(users, books, batchSize);
    settleAhead_.beginEpoch(users, books, batchSize, inner_->steps() + 1);
}

double SettleAheadSteps::step(std::int64_t index, const Batch& batch) {
    settleAhead_.beforeBatch(index);
    return inner_->step(index, batch);
}

std::int64_t SettleAheadSteps::stopSoon(std::int64_t batchesDone) {
    return settleAhead_.stopSoon(batchesDone);
}

void SettleAheadSteps::quiesce() {
    settleAhead_.quiesce();
    inner_->quiesce();
}

} // namespace shelfscope
