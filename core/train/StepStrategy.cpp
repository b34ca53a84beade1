#include "train/StepStrategy.h"

#include "train/FusedDotAdam.h"
#include "train/GenericSteps.h"
#include "train/SettleAheadSteps.h"

#include <algorithm>

namespace shelfscope {

namespace {

/// Rough arithmetic of one training step, to decide whether to split it among threads.
double multiplyAddsPerStep(const Model& model, int batchSize) {
    double perItem = 4.0 * model.config().dim;
    if (model.kind() == ModelKind::Neural)
        for (const Parameter& p : model.parameters())
            if (p.axis == ParameterAxis::Dense)
                perItem += 3.0 * static_cast<double>(p.values.size()); // forward + two backward
    return perItem * batchSize;
}

/// FusedDotAdam as a strategy.
class FusedSteps final : public StepStrategy {
public:
    FusedSteps(Model& model, const AdamConfig& adam, float l2) : fused_(model, adam, l2) {}

    double step(std::int64_t /*index*/, const Batch& batch) override { return fused_.step(batch); }
    void prefetch(const Batch& batch) const override {
        fused_.prefetchRows(ParameterAxis::User, batch.users);
        fused_.prefetchRows(ParameterAxis::Book, batch.books);
    }
    void synchronize() override { fused_.synchronize(); }
    std::int64_t steps() const override { return fused_.steps(); }
    RowSettler* rowSettler() override { return &fused_; }

private:
    FusedDotAdam fused_;
};

std::unique_ptr<Optimizer> makeOptimizer(const TrainConfig& config, const TrainEngine& engine) {
    if (config.optimizer == OptimizerKind::Sgd)
        return makeSgd(config.sgdLearningRate);
    return makeAdam(config.adam, engine.adamRows);
}

} // namespace

std::unique_ptr<StepStrategy> chooseStepStrategy(Model& model, const TrainConfig& config,
                                                 const TrainEngine& engine) {
    // Handing half a step to another core costs microseconds and, on this project's 2-core
    // VMs, sometimes much more; measured, it pays from about a million multiply-adds a step
    // (tuned-nn: 1.5x) and loses below (notebook-nn, tuned-dot).
    const bool worthSplitting = multiplyAddsPerStep(model, config.batchSize) >= 1'000'000;
    const int threads = worthSplitting ? std::max(1, config.threads) : 1;
    std::unique_ptr<StepStrategy> steps;
    if (threads == 1 && engine.allowFused && config.optimizer == OptimizerKind::Adam &&
        engine.adamRows == AdamRows::DenseEquivalent && FusedDotAdam::handles(model))
        steps = std::make_unique<FusedSteps>(model, config.adam, config.l2);
    else
        steps = std::make_unique<GenericSteps>(model, makeOptimizer(config, engine), config.l2,
                                               threads);
    // Steps too small to split still leave the second core a job: settling coming rows.
    if (threads == 1 && config.threads > 1 && steps->rowSettler())
        return std::make_unique<SettleAheadSteps>(std::move(steps), model.userRows(),
                                                  model.bookRows());
    return steps;
}

} // namespace shelfscope
