#include "maps/FuzzyGraph.h"

#include "util/StepPool.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shelfscope {

namespace {

/// Sigma's floor, as a share of the mean neighbour distance: keeps the exponent finite where
/// every neighbour lies at (about) the same distance.
constexpr double kMinScaleShare = 1e-3;

/// Runs body(first, last) over `pool.size()` contiguous parts of [0, n).
template <typename Body> void forParts(StepPool& pool, std::size_t n, Body&& body) {
    pool.run([&](int part) {
        const auto parts = static_cast<std::size_t>(pool.size());
        body(n * static_cast<std::size_t>(part) / parts,
             n * static_cast<std::size_t>(part + 1) / parts);
    });
}

} // namespace

LocalScales smoothNeighborDistances(const NeighborGraph& graph, int threads) {
    const std::size_t n = graph.points();
    const auto k = static_cast<std::size_t>(graph.k);
    LocalScales scales;
    scales.rho.assign(n, 0.0f);
    scales.sigma.assign(n, 1.0f);
    double total = 0.0;
    for (float d2 : graph.distance2)
        total += std::sqrt(static_cast<double>(d2));
    const double meanOverall = graph.distance2.empty() ? 0.0 : total / graph.distance2.size();
    const double target = std::log2(static_cast<double>(k + 1));
    StepPool pool(std::max(1, threads));
    forParts(pool, n, [&](std::size_t first, std::size_t last) {
        std::vector<double> distance(k);
        for (std::size_t i = first; i < last; ++i) {
            double rho = 0.0;
            double sum = 0.0;
            for (std::size_t m = 0; m < k; ++m) {
                distance[m] = std::sqrt(static_cast<double>(graph.distance2[i * k + m]));
                sum += distance[m];
                if (rho == 0.0 && distance[m] > 0.0)
                    rho = distance[m]; // neighbours come nearest first
            }
            double low = 0.0;
            double high = std::numeric_limits<double>::infinity();
            double sigma = 1.0;
            for (int step = 0; step < 64; ++step) {
                double members = 0.0;
                for (std::size_t m = 0; m < k; ++m) {
                    const double beyond = distance[m] - rho;
                    members += beyond > 0.0 ? std::exp(-beyond / sigma) : 1.0;
                }
                if (std::abs(members - target) < 1e-5)
                    break;
                if (members > target) { // too wide
                    high = sigma;
                    sigma = (low + high) / 2.0;
                } else {
                    low = sigma;
                    sigma = std::isinf(high) ? sigma * 2.0 : (low + high) / 2.0;
                }
            }
            const double mean = k > 0 ? sum / static_cast<double>(k) : 0.0;
            sigma = std::max(sigma, kMinScaleShare * (rho > 0.0 ? mean : meanOverall));
            scales.rho[i] = static_cast<float>(rho);
            scales.sigma[i] = static_cast<float>(sigma);
        }
    });
    return scales;
}

SparseAffinities fuzzySimplicialSet(const NeighborGraph& graph, int threads) {
    const LocalScales scales = smoothNeighborDistances(graph, threads);
    const std::size_t n = graph.points();
    const auto k = static_cast<std::size_t>(graph.k);
    std::vector<float> membership(graph.index.size());
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t m = 0; m < k; ++m) {
            const double beyond =
                std::sqrt(static_cast<double>(graph.distance2[i * k + m])) - scales.rho[i];
            membership[i * k + m] =
                beyond > 0.0 && scales.sigma[i] > 0.0
                    ? static_cast<float>(std::exp(-beyond / static_cast<double>(scales.sigma[i])))
                    : 1.0f;
        }
    return symmetrizeEdges(graph, membership, [](double forward, double backward) {
        return forward + backward - forward * backward;
    });
}

} // namespace shelfscope
