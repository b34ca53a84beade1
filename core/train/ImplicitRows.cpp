#include "train/ImplicitRows.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

SparseRows groupByRow(std::int32_t rowCount, std::span<const std::int32_t> rows,
                      std::span<const std::int32_t> cols, std::span<const float> weights) {
    if (rows.size() != cols.size() || rows.size() != weights.size())
        throw std::invalid_argument("implicit signals need one column and weight per row");
    std::vector<std::int64_t> count(static_cast<std::size_t>(rowCount) + 1, 0);
    for (std::int32_t r : rows) {
        if (r < 0 || r >= rowCount)
            throw std::invalid_argument("implicit signal row " + std::to_string(r) +
                                        " is outside the table");
        ++count[static_cast<std::size_t>(r) + 1];
    }
    std::partial_sum(count.begin(), count.end(), count.begin());
    std::vector<std::int32_t> order(rows.size());
    {
        std::vector<std::int64_t> next(count.begin(), count.end() - 1);
        for (std::size_t i = 0; i < rows.size(); ++i)
            order[static_cast<std::size_t>(next[static_cast<std::size_t>(rows[i])]++)] =
                static_cast<std::int32_t>(i);
    }
    SparseRows grouped;
    grouped.start.assign(1, 0);
    grouped.start.reserve(static_cast<std::size_t>(rowCount) + 1);
    grouped.cols.reserve(rows.size());
    grouped.weights.reserve(rows.size());
    for (std::int32_t r = 0; r < rowCount; ++r) {
        const auto first = order.begin() + count[static_cast<std::size_t>(r)];
        const auto last = order.begin() + count[static_cast<std::size_t>(r) + 1];
        // Stable, so equal columns add their weights in input order: the same sums every run.
        std::stable_sort(first, last, [&](std::int32_t a, std::int32_t b) {
            return cols[static_cast<std::size_t>(a)] < cols[static_cast<std::size_t>(b)];
        });
        const auto rowStart = static_cast<std::int64_t>(grouped.cols.size());
        for (auto it = first; it != last; ++it) {
            const auto i = static_cast<std::size_t>(*it);
            if (static_cast<std::int64_t>(grouped.cols.size()) > rowStart &&
                grouped.cols.back() == cols[i])
                grouped.weights.back() += weights[i];
            else {
                grouped.cols.push_back(cols[i]);
                grouped.weights.push_back(weights[i]);
            }
        }
        grouped.start.push_back(static_cast<std::int64_t>(grouped.cols.size()));
    }
    return grouped;
}

Gram regularizedGram(const Matrix& factors, float regularization) {
    Gram gram = Gram::Zero(factors.cols(), factors.cols());
    gram.selfadjointView<Eigen::Lower>().rankUpdate(factors.transpose());
    gram.triangularView<Eigen::StrictlyUpper>() = gram.transpose();
    gram.diagonal().array() += regularization;
    return gram;
}

namespace {

using ConstRow = Eigen::Map<const Eigen::VectorXf>;

ConstRow rowOf(const Matrix& table, std::int32_t row) {
    return ConstRow(table.data() + static_cast<Eigen::Index>(row) * table.cols(), table.cols());
}

} // namespace

void conjugateGradientRow(const Gram& gram, const Matrix& other, std::span<const std::int32_t> cols,
                          std::span<const float> weights, int steps, float* xData, CgWorkspace& w) {
    const Eigen::Index dim = gram.rows();
    Eigen::Map<Eigen::VectorXf> x(xData, dim);
    // r = b - A x in one pass: b - A x = -G x + sum_i ((1 + w_i) - w_i (y_i . x)) y_i.
    w.r.noalias() = -(gram * x);
    for (std::size_t k = 0; k < cols.size(); ++k) {
        const ConstRow y = rowOf(other, cols[k]);
        w.r += ((1.0f + weights[k]) - weights[k] * y.dot(x)) * y;
    }
    w.p = w.r;
    float rr = w.r.squaredNorm();
    for (int step = 0; step < steps; ++step) {
        if (!(rr > 1e-20f))
            break; // converged: a further step would divide by (nearly) zero
        w.ap.noalias() = gram * w.p;
        for (std::size_t k = 0; k < cols.size(); ++k) {
            const ConstRow y = rowOf(other, cols[k]);
            w.ap += (weights[k] * y.dot(w.p)) * y;
        }
        const float pap = w.p.dot(w.ap);
        if (!(pap > 0.0f))
            break;
        const float a = rr / pap;
        x += a * w.p;
        w.r -= a * w.ap;
        const float next = w.r.squaredNorm();
        w.p = w.r + (next / rr) * w.p;
        rr = next;
    }
}

Eigen::VectorXf exactImplicitRow(const Gram& gram, const Matrix& other,
                                 std::span<const std::int32_t> cols,
                                 std::span<const float> weights) {
    Eigen::MatrixXd a = gram.cast<double>();
    Eigen::VectorXd b = Eigen::VectorXd::Zero(gram.rows());
    for (std::size_t k = 0; k < cols.size(); ++k) {
        const Eigen::VectorXd y = rowOf(other, cols[k]).cast<double>();
        a.selfadjointView<Eigen::Lower>().rankUpdate(y, static_cast<double>(weights[k]));
        b += (1.0 + static_cast<double>(weights[k])) * y;
    }
    return a.selfadjointView<Eigen::Lower>().ldlt().solve(b).cast<float>();
}

} // namespace shelfscope
