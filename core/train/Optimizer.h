#pragma once

#include "model/Parameter.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace shelfscope {

/// Updates a model's parameters from batch gradients. Embedding tables are updated row by row;
/// an optimizer whose dense update would move untouched rows too (Adam, as Keras applies it)
/// settles those moves lazily in prepareRows() and synchronize().
class Optimizer {
public:
    virtual ~Optimizer() = default;

    /// Sizes the optimizer state for these parameters; resets any previous state.
    virtual void attach(const std::vector<Parameter>& parameters) = 0;
    /// Starts the next step (1, 2, ...).
    virtual void beginStep() = 0;
    /// Brings rows of an embedding table up to date before the step reads them.
    virtual void prepareRows(std::size_t index, Parameter& parameter,
                             std::span<const std::int32_t> rows) = 0;
    /// Whether settleRows() does anything: rows this optimizer settles lazily can be settled
    /// for a coming step by another thread.
    virtual bool settlesRowsAhead() const { return false; }
    /// Brings distinct rows of an embedding table up to date through step `throughStep`, which
    /// may lie ahead of step(). Safe on one other thread while the training thread works on
    /// rows disjoint from these.
    virtual void settleRows(std::size_t /*index*/, Parameter& /*parameter*/,
                            std::span<const std::int32_t> /*rows*/, std::int64_t /*throughStep*/) {}
    /// Hints that a coming step will read these rows (repeats allowed); only a speed matter.
    virtual void prefetchRows(std::size_t /*index*/, std::span<const std::int32_t> /*rows*/) const {
    }
    /// Applies the step to rows of an embedding table; grad has one row per entry of rows.
    virtual void applyRows(std::size_t index, Parameter& parameter,
                           std::span<const std::int32_t> rows,
                           const Eigen::Ref<const Matrix>& grad) = 0;
    /// Applies the step to a dense parameter.
    virtual void applyDense(std::size_t index, Parameter& parameter, const Matrix& grad) = 0;
    /// Brings every row of every table up to date (before evaluating, saving or copying weights).
    virtual void synchronize(std::vector<Parameter>& parameters) = 0;
    virtual std::int64_t step() const = 0;
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
