#pragma once

#include "model/Parameter.h"

#include <vector>

namespace shelfscope {

struct PcaConfig {
    int components = 2;
    /// Scale every row to unit length first (the notebook does before its second PCA and t-SNE).
    bool normalizeRows = false;
};

struct PcaResult {
    Matrix coordinates; ///< one row per input row, `components` columns
    /// Share of the total variance along each component, largest first.
    std::vector<double> explainedVarianceRatio;
    Matrix components; ///< one unit-length direction per row, in input space
};

/// Rows scaled to unit L2 length (zero rows stay zero).
Matrix normalizedRows(const Matrix& rows);

/// Principal components of the rows (centred). Each component's sign is fixed so that its
/// largest-magnitude entry is positive, which makes the result deterministic. Throws
/// std::invalid_argument when there are fewer than 2 rows or more components than columns.
PcaResult principalComponents(const Matrix& rows, const PcaConfig& config = {});

} // namespace shelfscope
