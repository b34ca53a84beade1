#pragma once

#include "model/Batch.h"
#include "model/Model.h"
#include "train/RowSettler.h"
#include "train/TrainEngine.h"
#include "train/Trainer.h"

#include <cstdint>
#include <memory>
#include <span>

namespace shelfscope {

/// How a training run computes its optimizer steps. Strategies differ in speed, never in the
/// model they train: the trainer picks one with chooseStepStrategy.
class StepStrategy {
public:
    virtual ~StepStrategy() = default;

    /// Starts an epoch whose batch b (0-based) holds users/books [b * batchSize, ...) of these
    /// columns; they stay valid and unchanged for the epoch.
    virtual void beginEpoch(std::span<const std::int32_t> /*users*/,
                            std::span<const std::int32_t> /*books*/, std::size_t /*batchSize*/) {}
    /// Runs the next optimizer step on batch `index` of the epoch and returns its objective
    /// (mean squared error plus penalty). When that is not finite the step is not applied.
    virtual double step(std::int64_t index, const Batch& batch) = 0;
    /// Hints that the next step reads the rows of `batch`; only a speed matter.
    virtual void prefetch(const Batch& /*batch*/) const {}
    /// The batch count of the epoch at which training may stop early (at least batchesDone).
    virtual std::int64_t stopSoon(std::int64_t batchesDone) { return batchesDone; }
    /// Waits for work other threads do for coming steps.
    virtual void quiesce() {}
    /// Brings every row up to date and the model's weights with them (before evaluating,
    /// saving or copying them).
    virtual void synchronize() = 0;
    /// Optimizer steps run so far.
    virtual std::int64_t steps() const = 0;
    /// The rows this strategy settles lazily, which another thread may settle for coming steps;
    /// nullptr when it has none.
    virtual RowSettler* rowSettler() { return nullptr; }
};

/// The fastest strategy for this model and these settings:
/// - the dot model without biases under the dense-equivalent Adam on one thread: the fused path
///   (FusedDotAdam), each row's weights, moments and last step in one cache line;
/// - any other model: its gradients and the optimizer, a step split among `threads` when it is
///   large enough to gain (about a million multiply-adds: tuned-nn);
/// - either, with two threads and steps too small to split, decorated with SettleAhead, which
///   settles the rows of coming batches on the second thread (bit-identical).
std::unique_ptr<StepStrategy> chooseStepStrategy(Model& model, const TrainConfig& config,
                                                 const TrainEngine& engine = {});

} // namespace shelfscope
