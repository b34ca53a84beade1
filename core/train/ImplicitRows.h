#pragma once

#include "model/Parameter.h"

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// Column-major d x d matrix: the Gram of one side's factors.
using Gram = Eigen::MatrixXf;

/// Observed (row, column) pairs of one side, grouped by row with the columns ascending and each
/// pair once: cols[start[r] .. start[r + 1]) are row r's, weights the extra confidence c - 1.
struct SparseRows {
    std::vector<std::int64_t> start{0};
    std::vector<std::int32_t> cols;
    std::vector<float> weights;
    std::int32_t rowCount() const { return static_cast<std::int32_t>(start.size()) - 1; }
    std::span<const std::int32_t> colsOf(std::int32_t row) const {
        return {cols.data() + start[static_cast<std::size_t>(row)],
                cols.data() + start[static_cast<std::size_t>(row) + 1]};
    }
    std::span<const float> weightsOf(std::int32_t row) const {
        return {weights.data() + start[static_cast<std::size_t>(row)],
                weights.data() + start[static_cast<std::size_t>(row) + 1]};
    }
};

/// Groups pairs by `rows` (rowCount rows); a pair given twice is kept once with the weights
/// added, so a book both rated and on the to-read list counts once with both confidences.
SparseRows groupByRow(std::int32_t rowCount, std::span<const std::int32_t> rows,
                      std::span<const std::int32_t> cols, std::span<const float> weights);

/// Y^T Y + regularization * I for the factor table Y (one row per item).
Gram regularizedGram(const Matrix& factors, float regularization);

/// Scratch vectors of the conjugate-gradient solve, reused row after row.
struct CgWorkspace {
    Eigen::VectorXf x, r, p, ap;
    explicit CgWorkspace(Eigen::Index dim) : x(dim), r(dim), p(dim), ap(dim) {}
};

/// One row of implicit ALS (Hu, Koren and Volinsky 2008): the x minimising
///   sum over observed i of (1 + w_i) (1 - x.y_i)^2 + sum over the others of (x.y_i)^2 + lambda
///   |x|^2,
/// whose normal equations are (G + sum_i w_i y_i y_i^T) x = sum_i (1 + w_i) y_i with G the
/// regularized Gram. `steps` conjugate-gradient steps from the x given (Takacs, Pilaszy and
/// Tikk 2011): each costs O(d^2 + n d) for n observed columns, as G is shared by every row.
void conjugateGradientRow(const Gram& gram, const Matrix& other, std::span<const std::int32_t> cols,
                          std::span<const float> weights, int steps, float* x,
                          CgWorkspace& workspace);

/// The same row solved directly (Cholesky in double precision): the exact minimiser, for
/// fold-in and for checking the conjugate-gradient solve.
Eigen::VectorXf exactImplicitRow(const Gram& gram, const Matrix& other,
                                 std::span<const std::int32_t> cols,
                                 std::span<const float> weights);

} // namespace shelfscope
