#pragma once

#include "model/Batch.h"
#include "model/Model.h"
#include "train/FusedDotAdam.h"
#include "train/Optimizer.h"
#include "train/RowSettler.h"
#include "train/SettleAhead.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"
#include "util/Random.h"
#include "util/StepPool.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace shelfscope {

/// Runs a training run's steps on the fastest path the model and settings allow: the dot
/// model without biases under the dense-equivalent Adam on its fused path (FusedDotAdam), any
/// other model through its gradients and the optimizer. With more than one thread, a step large
/// enough is split among the threads: they settle their share of the rows, compute gradients
/// for their share of the items, then add up and apply their share of the parameters (the split
/// is fixed, so a given thread count always gives the same result). Smaller steps stay on the
/// training thread while a helper settles the rows of coming batches (SettleAhead), which
/// changes no result.
class StepRunner {
public:
    StepRunner(Model& model, Optimizer& optimizer, const TrainingData& data,
               const TrainConfig& config);

    /// Shuffles the training ratings into the epoch's order and lays them out column by column
    /// for the steps. The ratings themselves are shuffled, one (user, book, rating) record per
    /// swap, not an index into the columns: a shuffled index would cost a random visit to each
    /// of the three columns per rating on top of the swap. The same swaps in the same order, so
    /// epoch e holds the ratings in the order a shuffled index would give.
    void beginEpoch(Random& shuffler);

    /// The batch count of the epoch at which training can stop early, at least batchesDone:
    /// rows settled ahead for coming batches make those batches part of the run.
    std::int64_t stopSoon(std::int64_t batchesDone);

    /// Brings every row up to date and the model's weights with them (before evaluating,
    /// saving or copying them).
    void synchronize();

    /// Lets the helper finish before the weights are replaced.
    void quiesce();

    /// Runs the step on the epoch's ratings [begin, begin + count). Returns false when the batch
    /// loss was not finite (training diverged).
    bool step(std::size_t begin, std::size_t count, double& objective);

private:
    struct Part {
        std::unique_ptr<ModelWorkspace> workspace;
        Gradients gradients;
        BatchRows rows;
        BatchLoss loss;
    };

    /// The embedding rows a step reads are scattered over tables of megabytes; asking for the
    /// next batch's rows while this one computes hides most of the memory latency.
    void prefetchRowsOfBatchAt(std::size_t begin, std::size_t count) const;

    std::span<const std::int32_t> rowsOf(const Parameter& p) const;

    bool sequentialStep(const Batch& batch, double& objective);

    bool parallelStep(const Batch& batch, double& objective);

    Model& model_;
    Optimizer& optimizer_;
    const TrainConfig& config_;
    std::unique_ptr<StepPool> pool_;
    std::unique_ptr<FusedDotAdam> fused_;
    std::unique_ptr<RowSettler> rowSettler_;
    std::unique_ptr<SettleAhead> settleAhead_;
    std::vector<Part> parts_;
    std::vector<int> denseOwner_;
    std::vector<std::int32_t> userStamp_;
    std::vector<std::int32_t> bookStamp_;
    // The training ratings in the current epoch's order (each epoch shuffles the last's).
    std::vector<std::int32_t> users_;
    std::vector<std::int32_t> books_;
    std::vector<float> ratings_;
    BatchRows rows_;
};

} // namespace shelfscope
