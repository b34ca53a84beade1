#pragma once

#include "model/Parameter.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace shelfscope {

/// Rows of embedding tables that an optimizer brings up to date only when they are read: Adam
/// as Keras applies it moves every row at every step, and the dense-equivalent Adam settles
/// those moves in closed form instead (docs/ARCHITECTURE.md). Nothing else needs this.
class LazyRows {
public:
    virtual ~LazyRows() = default;
    /// Brings rows of an embedding table up to date before the current step reads them.
    virtual void prepareRows(std::size_t index, Parameter& parameter,
                             std::span<const std::int32_t> rows) = 0;
    /// Brings distinct rows of an embedding table up to date through step `throughStep`, which
    /// may lie ahead of the optimizer's step. Safe on one other thread while the training
    /// thread works on rows disjoint from these.
    virtual void settleRows(std::size_t index, Parameter& parameter,
                            std::span<const std::int32_t> rows, std::int64_t throughStep) = 0;
    /// Hints that a coming step will read these rows (repeats allowed); only a speed matter.
    virtual void prefetchRows(std::size_t index, std::span<const std::int32_t> rows) const = 0;
    /// Brings every row of every table up to date (before evaluating, saving or copying).
    virtual void synchronize(std::vector<Parameter>& parameters) = 0;
};

/// Updates a model's parameters from batch gradients: embedding tables row by row, dense
/// parameters whole.
class Optimizer {
public:
    virtual ~Optimizer() = default;

    /// Sizes the optimizer state for these parameters; resets any previous state.
    virtual void attach(const std::vector<Parameter>& parameters) = 0;
    /// Starts the next step (1, 2, ...).
    virtual void beginStep() = 0;
    /// Applies the step to rows of an embedding table; grad has one row per entry of rows.
    virtual void applyRows(std::size_t index, Parameter& parameter,
                           std::span<const std::int32_t> rows,
                           const Eigen::Ref<const Matrix>& grad) = 0;
    /// Applies the step to a dense parameter.
    virtual void applyDense(std::size_t index, Parameter& parameter, const Matrix& grad) = 0;
    virtual std::int64_t step() const = 0;
    /// The rows this optimizer settles lazily, or nullptr when every row is current after each
    /// step (SGD, the literal dense Adam).
    virtual LazyRows* lazyRows() { return nullptr; }
};

struct AdamConfig {
    float learningRate = 1e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-7f;
};

/// How Adam treats embedding rows a batch does not touch.
enum class AdamRows {
    /// As Keras does: every row moves on its momentum at every step. Rows the batch does not
    /// touch are settled in closed form when next read, so the cost stays per touched row.
    DenseEquivalent,
    /// The literal dense update of every row at every step: the reference, O(all rows) a step.
    DenseReference,
};

std::unique_ptr<Optimizer> makeAdam(const AdamConfig& config, AdamRows rows);
/// Plain stochastic gradient descent: p -= learningRate * grad.
std::unique_ptr<Optimizer> makeSgd(float learningRate);

} // namespace shelfscope
