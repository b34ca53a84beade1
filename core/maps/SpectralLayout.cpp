#include "maps/SpectralLayout.h"

#include "io/DataError.h"
#include "util/BlockRounds.h"
#include "util/Random.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>

namespace shelfscope {

namespace {

constexpr Eigen::Index kBlock = 4; ///< two wanted vectors and two guards

Eigen::MatrixXd orthonormalized(const Eigen::MatrixXd& block) {
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(block);
    return qr.householderQ() * Eigen::MatrixXd::Identity(block.rows(), block.cols());
}

} // namespace

int connectedComponents(const SparseAffinities& graph) {
    const std::size_t n = graph.points();
    std::vector<std::int32_t> component(n, -1);
    std::vector<std::int32_t> stack;
    int components = 0;
    for (std::size_t seed = 0; seed < n; ++seed) {
        if (component[seed] >= 0)
            continue;
        component[seed] = components;
        stack.assign(1, static_cast<std::int32_t>(seed));
        while (!stack.empty()) {
            const auto i = static_cast<std::size_t>(stack.back());
            stack.pop_back();
            for (std::int64_t e = graph.start[i]; e < graph.start[i + 1]; ++e) {
                const auto j = static_cast<std::size_t>(graph.column[static_cast<std::size_t>(e)]);
                if (graph.value[static_cast<std::size_t>(e)] > 0.0f && component[j] < 0) {
                    component[j] = components;
                    stack.push_back(static_cast<std::int32_t>(j));
                }
            }
        }
        ++components;
    }
    return components;
}

std::optional<Matrix> spectralLayout(const SparseAffinities& graph, const Matrix& start,
                                     std::uint64_t seed, int threads, int iterations,
                                     const std::atomic<bool>& cancel) {
    const auto n = static_cast<Eigen::Index>(graph.points());
    if (n < kBlock + 1 || connectedComponents(graph) != 1)
        return std::nullopt;
    // D^-1/2 W D^-1/2 in compressed rows, and the trivial eigenvector D^1/2 1 (normalised).
    Eigen::VectorXd inverseRoot(n);
    Eigen::VectorXd trivial(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        double degree = 0.0;
        for (std::int64_t e = graph.start[static_cast<std::size_t>(i)];
             e < graph.start[static_cast<std::size_t>(i) + 1]; ++e)
            degree += graph.value[static_cast<std::size_t>(e)];
        inverseRoot(i) = 1.0 / std::sqrt(degree);
        trivial(i) = std::sqrt(degree);
    }
    trivial.normalize();
    std::vector<double> weight(graph.value.size());
    for (Eigen::Index i = 0; i < n; ++i)
        for (std::int64_t e = graph.start[static_cast<std::size_t>(i)];
             e < graph.start[static_cast<std::size_t>(i) + 1]; ++e)
            weight[static_cast<std::size_t>(e)] =
                graph.value[static_cast<std::size_t>(e)] * inverseRoot(i) *
                inverseRoot(graph.column[static_cast<std::size_t>(e)]);

    Eigen::MatrixXd block(n, kBlock);
    Random random(seed);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index c = 0; c < kBlock; ++c)
            block(i, c) = random.normal();
    if (start.rows() == n && start.cols() >= 2)
        for (Eigen::Index c = 0; c < 2; ++c) {
            const Eigen::VectorXd column = start.col(c).cast<double>();
            const double norm = column.norm();
            if (norm > 0.0)
                block.col(c) = column / norm + 1e-3 * block.col(c) / std::sqrt(double(n));
        }
    // The operator's rows are shared out among the threads in chunks; each row's sum has a
    // fixed order, so the result does not depend on the thread count. Small graphs stay on one
    // thread (see optimizeUmapLayout).
    Eigen::MatrixXd next(n, kBlock);
    constexpr Eigen::Index kRows = 512;
    BlockRounds rounds(
        std::clamp(static_cast<int>(graph.value.size() / 50000), 1, std::max(1, threads)),
        static_cast<std::int32_t>((n + kRows - 1) / kRows), [&](std::int32_t chunk, int) {
            const Eigen::Index first = chunk * kRows;
            const Eigen::Index last = std::min(n, first + kRows);
            for (Eigen::Index i = first; i < last; ++i) {
                Eigen::Matrix<double, 1, kBlock> neighbours =
                    Eigen::Matrix<double, 1, kBlock>::Zero();
                for (std::int64_t e = graph.start[static_cast<std::size_t>(i)];
                     e < graph.start[static_cast<std::size_t>(i) + 1]; ++e)
                    neighbours += weight[static_cast<std::size_t>(e)] *
                                  block.row(graph.column[static_cast<std::size_t>(e)]);
                next.row(i) = 0.5 * (block.row(i) + neighbours);
            }
        });
    // next = (I + D^-1/2 W D^-1/2) block / 2, without the trivial direction.
    const auto apply = [&] {
        rounds.run();
        next -= trivial * (trivial.transpose() * next);
    };
    block -= trivial * (trivial.transpose() * block);
    block = orthonormalized(block);
    for (int iteration = 0; iteration < iterations; ++iteration) {
        if (cancel.load(std::memory_order_relaxed))
            throw OperationCancelled();
        apply();
        block.swap(next);
        // The block's columns drift toward the top eigenvector; a QR now and then keeps them
        // apart (the operator's norm is at most 1, so nothing overflows in between).
        if (iteration % 8 == 7)
            block = orthonormalized(block);
    }
    block = orthonormalized(block);
    // Rayleigh-Ritz: the best two directions within the block.
    apply();
    const Eigen::MatrixXd projected = block.transpose() * next;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(
        0.5 * (projected + projected.transpose()));
    const Eigen::MatrixXd vectors = block * solver.eigenvectors().rightCols(2).rowwise().reverse();
    Matrix layout = vectors.cast<float>();
    for (Eigen::Index c = 0; c < 2; ++c) {
        const float low = layout.col(c).minCoeff();
        const float high = layout.col(c).maxCoeff();
        if (!std::isfinite(low) || !std::isfinite(high) || !(high - low > 0.0f))
            return std::nullopt;
        // The sign of an eigenvector is arbitrary: fix it so the largest entry is positive.
        if (-low > high)
            layout.col(c) = -layout.col(c);
    }
    return layout;
}

} // namespace shelfscope
