#include "train/RowSettler.h"

#include "model/PrefetchRows.h"

namespace shelfscope {

void OptimizerRowSettler::settleRows(ParameterAxis axis, std::span<const std::int32_t> rows,
                                     std::int64_t throughStep) {
    for (std::size_t p = 0; p < parameters_.size(); ++p)
        if (parameters_[p].axis == axis)
            rows_.settleRows(p, parameters_[p], rows, throughStep);
}

void OptimizerRowSettler::prefetchRows(ParameterAxis axis,
                                       std::span<const std::int32_t> rows) const {
    for (std::size_t p = 0; p < parameters_.size(); ++p) {
        if (parameters_[p].axis != axis)
            continue;
        const Matrix& values = parameters_[p].values;
        prefetchTableRows(values, rows, static_cast<std::size_t>(values.cols()) * sizeof(float));
        rows_.prefetchRows(p, rows);
    }
}

} // namespace shelfscope
