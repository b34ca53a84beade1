#pragma once

#include "model/Parameter.h"
#include "train/Optimizer.h"

#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// Whoever keeps the lazily settled optimizer state of embedding rows: SettleAhead has it
/// settle the rows of coming steps on a second thread.
class RowSettler {
public:
    virtual ~RowSettler() = default;
    /// Brings distinct rows of the user or book tables up to date through step `throughStep`.
    /// Called on another thread than the training one, for rows it leaves alone meanwhile.
    virtual void settleRows(ParameterAxis axis, std::span<const std::int32_t> rows,
                            std::int64_t throughStep) = 0;
    /// Hints that these rows will be settled soon (repeats allowed); only a speed matter.
    virtual void prefetchRows(ParameterAxis axis, std::span<const std::int32_t> rows) const = 0;
};

/// The rows of a model's embedding tables as an optimizer's LazyRows keep them.
class OptimizerRowSettler final : public RowSettler {
public:
    OptimizerRowSettler(std::vector<Parameter>& parameters, LazyRows& rows)
        : parameters_(parameters), rows_(rows) {}

    void settleRows(ParameterAxis axis, std::span<const std::int32_t> rows,
                    std::int64_t throughStep) override;
    void prefetchRows(ParameterAxis axis, std::span<const std::int32_t> rows) const override;

private:
    std::vector<Parameter>& parameters_;
    LazyRows& rows_;
};

} // namespace shelfscope
