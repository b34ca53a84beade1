#pragma once

#include "train/StepStrategy.h"
#include "util/StepPool.h"

#include <memory>
#include <vector>

namespace shelfscope {

/// Steps through the model's gradients and an optimizer, for any model. With a StepPool of more
/// than one thread every step is split among them: they settle their share of the rows, compute
/// gradients for their share of the items, then add up and apply their share of the parameters.
/// The split is fixed, so a given thread count always gives the same result.
class GenericSteps final : public StepStrategy {
public:
    GenericSteps(Model& model, std::unique_ptr<Optimizer> optimizer, float l2, int threads);
    ~GenericSteps() override;

    double step(std::int64_t index, const Batch& batch) override;
    void prefetch(const Batch& batch) const override;
    void synchronize() override;
    std::int64_t steps() const override { return optimizer_->step(); }
    RowSettler* rowSettler() override { return rowSettler_.get(); }

private:
    struct Part {
        std::unique_ptr<ModelWorkspace> workspace;
        Gradients gradients;
        BatchRows rows;
        BatchLoss loss;
    };

    std::span<const std::int32_t> rowsOf(const Parameter& p) const;
    void prepareRows(int part, int parts);
    double sequentialStep(const Batch& batch);
    double parallelStep(const Batch& batch);

    Model& model_;
    std::unique_ptr<Optimizer> optimizer_;
    LazyRows* lazyRows_; ///< the optimizer's, or nullptr
    float l2_;
    std::unique_ptr<StepPool> pool_;
    std::unique_ptr<RowSettler> rowSettler_;
    std::vector<Part> parts_;
    std::vector<int> denseOwner_;
    std::vector<std::int32_t> userStamp_;
    std::vector<std::int32_t> bookStamp_;
    BatchRows rows_;
};

} // namespace shelfscope
