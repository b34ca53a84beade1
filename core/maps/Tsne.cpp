#include "maps/Tsne.h"

#include "config/OptionTable.h"
#include "io/DataError.h"
#include "maps/Affinities.h"
#include "maps/BarnesHutTree.h"
#include "maps/Pca.h"
#include "maps/PlanarLayout.h"
#include "maps/TsneKernels.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"
#include "util/StepPool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The gradient of KL(P || Q) (without the common factor 4) and the normaliser Z.
class Gradient {
public:
    Gradient(const SparseAffinities& p, int threads) : p_(p), pool_(std::max(1, threads)) {}

    /// grad = exaggeration * attraction - repulsion / Z; returns Z.
    double compute(const std::vector<float>& xy, float exaggeration, float theta,
                   std::vector<float>& grad) {
        tree_.build(xy);
        const auto n = static_cast<std::int32_t>(xy.size() / 2);
        const int parts = pool_.size();
        zParts_.assign(static_cast<std::size_t>(parts), 0.0);
        repulsion_.resize(xy.size());
        const float thetaSquared = theta * theta;
        const std::vector<std::int32_t>& order = tree_.order();
        zByRank_.resize(static_cast<std::size_t>(n));
        fxByRank_.resize(static_cast<std::size_t>(n));
        fyByRank_.resize(static_cast<std::size_t>(n));
        workspaces_.resize(static_cast<std::size_t>(parts));
        // Groups of points consecutive in Morton order share one walk of the tree; walks differ
        // in length across the map, so groups are handed out as threads come free.
        std::atomic<std::int32_t> next{0};
        constexpr std::int32_t kGroup = 32;
        pool_.run([&](int part) {
            BarnesHutTree::Workspace& workspace = workspaces_[static_cast<std::size_t>(part)];
            for (std::int32_t first = next.fetch_add(kGroup); first < n;
                 first = next.fetch_add(kGroup))
                tree_.groupRepulsion(first, std::min(n, first + kGroup), thetaSquared, workspace,
                                     zByRank_.data(), fxByRank_.data(), fyByRank_.data());
        });
        // Summed in Morton order whatever the threads did: the same layout gives the same Z.
        for (std::int32_t r = 0; r < n; ++r) {
            const auto i = static_cast<std::size_t>(order[static_cast<std::size_t>(r)]);
            zParts_[0] += zByRank_[static_cast<std::size_t>(r)];
            repulsion_[2 * i] = fxByRank_[static_cast<std::size_t>(r)];
            repulsion_[2 * i + 1] = fyByRank_[static_cast<std::size_t>(r)];
        }
        double z = 0.0;
        for (double part : zParts_)
            z += part;
        const auto inverseZ = static_cast<float>(1.0 / z);
        x_.resize(static_cast<std::size_t>(n));
        y_.resize(static_cast<std::size_t>(n));
        for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
            x_[i] = xy[2 * i];
            y_[i] = xy[2 * i + 1];
        }
        const TsneKernels& kernels = tsneKernels();
        pool_.run([&](int part) {
            kernels.attraction(n * part / parts, n * (part + 1) / parts, x_.data(), y_.data(),
                               p_.start.data(), p_.column.data(), p_.value.data(), exaggeration,
                               repulsion_.data(), inverseZ, grad.data());
        });
        return z;
    }

    /// KL(P || Q) with Q_ij = q_ij / Z, over the nonzero P_ij.
    double divergence(const std::vector<float>& xy, double z) const {
        double kl = 0.0;
        const std::size_t n = p_.points();
        for (std::size_t i = 0; i < n; ++i)
            for (std::int64_t e = p_.start[i]; e < p_.start[i + 1]; ++e) {
                const auto j = static_cast<std::size_t>(p_.column[static_cast<std::size_t>(e)]);
                const double dx = xy[2 * i] - xy[2 * j];
                const double dy = xy[2 * i + 1] - xy[2 * j + 1];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
                const double p = p_.value[static_cast<std::size_t>(e)];
                kl += p * std::log(std::max(p, 1e-12) / std::max(q, 1e-12));
            }
        return kl;
    }

private:
    const SparseAffinities& p_;
    StepPool pool_;
    BarnesHutTree tree_;
    std::vector<double> zParts_;
    std::vector<float> repulsion_;
    std::vector<float> zByRank_, fxByRank_, fyByRank_;
    std::vector<float> x_, y_; ///< the layout's coordinates, one array each
    std::vector<BarnesHutTree::Workspace> workspaces_;
};

/// PCA to 2-D scaled so the first coordinate has standard deviation 1e-4 (scikit-learn's start).
std::vector<float> pcaStart(const Matrix& rows) {
    const PcaResult pca = principalComponents(rows, {2, false});
    const Eigen::VectorXf first = pca.coordinates.col(0);
    const float mean = first.mean();
    const float deviation = std::sqrt((first.array() - mean).square().mean());
    const float scale = deviation > 0.0f ? 1e-4f / deviation : 1.0f;
    std::vector<float> xy(static_cast<std::size_t>(rows.rows()) * 2);
    for (Eigen::Index i = 0; i < rows.rows(); ++i) {
        xy[2 * static_cast<std::size_t>(i)] = pca.coordinates(i, 0) * scale;
        xy[2 * static_cast<std::size_t>(i) + 1] = pca.coordinates(i, 1) * scale;
    }
    return xy;
}

/// Moves the layout so its mean is at the origin (t-SNE's objective does not change).
void centre(std::vector<float>& xy) {
    double x = 0.0;
    double y = 0.0;
    for (std::size_t i = 0; i < xy.size(); i += 2) {
        x += xy[i];
        y += xy[i + 1];
    }
    const auto n = static_cast<double>(xy.size() / 2);
    const auto mx = static_cast<float>(x / n);
    const auto my = static_cast<float>(y / n);
    for (std::size_t i = 0; i < xy.size(); i += 2) {
        xy[i] -= mx;
        xy[i + 1] -= my;
    }
}

/// Gaussian with standard deviation 1e-4 from a seed (Box-Muller).
std::vector<float> randomStart(Eigen::Index n, std::uint64_t seed) {
    Random random(seed);
    std::vector<float> xy(static_cast<std::size_t>(n) * 2);
    for (std::size_t i = 0; i < xy.size(); i += 2) {
        const double radius = std::sqrt(-2.0 * std::log(1.0 - random.uniform()));
        const double angle = 2.0 * 3.14159265358979323846 * random.uniform();
        xy[i] = static_cast<float>(1e-4 * radius * std::cos(angle));
        xy[i + 1] = static_cast<float>(1e-4 * radius * std::sin(angle));
    }
    return xy;
}

} // namespace

TsneResult runTsne(const Matrix& input, const TsneConfig& config, const TsneProgress& progress,
                   const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const Clock::time_point start = Clock::now();
    const Matrix rows = config.normalizeRows ? normalizedRows(input) : input;
    const auto n = static_cast<std::int32_t>(rows.rows());
    const int k =
        static_cast<int>(std::min<double>(n - 1, std::floor(3.0 * config.perplexity + 1)));
    // The ranges shelfscope-cli's map --perplexity, --iterations and --threads check.
    requireInRange(option(CliCommand::Map, "perplexity"), config.perplexity, "t-SNE");
    requireInRange(option(CliCommand::Map, "iterations"), config.iterations, "t-SNE");
    requireInRange(option(CliCommand::Map, "threads"), config.threads, "t-SNE");
    if (n < 3 * config.perplexity + 2)
        throw std::invalid_argument("t-SNE with perplexity " + numberText(config.perplexity) +
                                    " needs at least " +
                                    std::to_string(static_cast<int>(3 * config.perplexity + 2)) +
                                    " rows, got " + std::to_string(n));
    if (!(config.theta > 0.0 && config.theta <= 1.0))
        throw std::invalid_argument("t-SNE needs 0 < theta <= 1");
    const bool continuing = config.initialLayout.size() > 0;
    if (continuing)
        checkStartLayout(config.initialLayout, rows.rows(), "t-SNE");
    const NeighborGraph graph = nearestNeighbors(rows, k, config.threads, cancel);
    const ConditionalAffinities conditional =
        calibratePerplexity(graph, config.perplexity, config.threads);
    if (cancel.load(std::memory_order_relaxed))
        throw OperationCancelled();
    const SparseAffinities p = symmetrize(graph, conditional);
    TsneResult result;
    result.affinitySeconds = secondsSince(start);

    std::vector<float> xy = continuing        ? interleavedXy(config.initialLayout)
                            : config.pcaStart ? pcaStart(rows)
                                              : randomStart(rows.rows(), config.seed);
    int exaggerationIterations = continuing ? 0 : config.exaggerationIterations;
    const std::size_t size = xy.size();
    std::vector<float> grad(size, 0.0f);
    std::vector<float> update(size, 0.0f);
    std::vector<float> gains(size, 1.0f);
    const double rate = config.learningRate > 0.0 ? config.learningRate
                                                  : std::max(n / config.exaggeration / 4.0, 50.0);
    Gradient gradient(p, config.threads);
    double kl = -1.0;
    for (int iteration = 1; iteration <= config.iterations; ++iteration) {
        if (cancel.load(std::memory_order_relaxed))
            throw OperationCancelled();
        const bool exaggerated = iteration <= exaggerationIterations;
        const float momentum = exaggerated ? 0.5f : 0.8f;
        const double z =
            gradient.compute(xy, exaggerated ? static_cast<float>(config.exaggeration) : 1.0f,
                             static_cast<float>(config.theta), grad);
        // Gains grow where the step keeps its direction and shrink where it reverses
        // (Jacobs' delta-bar-delta, as the reference implementation).
        double squaredNorm = 0.0;
        for (std::size_t c = 0; c < size; ++c) {
            const float g = 4.0f * grad[c];
            gains[c] = (update[c] * g < 0.0f) ? gains[c] + 0.2f : std::max(gains[c] * 0.8f, 0.01f);
            squaredNorm += static_cast<double>(gains[c] * g) * static_cast<double>(gains[c] * g);
            update[c] = momentum * update[c] - static_cast<float>(rate) * gains[c] * g;
            xy[c] += update[c];
        }
        bool converged = false;
        if (config.checkEvery > 0 && iteration % config.checkEvery == 0 &&
            std::sqrt(squaredNorm) <= config.minGradientNorm) {
            if (exaggerated) {
                // The layout contracts instead of forming clusters: the main phase takes over,
                // from a layout centred on 0 so its floats keep what separates the points.
                exaggerationIterations = iteration;
                centre(xy);
            } else {
                converged = true;
            }
        }
        if (iteration % config.klEvery == 0 || iteration == config.iterations) {
            // The divergence of the layout the gradient was taken at, before this step: close
            // enough for a progress figure; the final value is recomputed below.
            kl = gradient.divergence(xy, z);
            result.klHistory.push_back(kl);
        }
        if (progress && (iteration % std::max(1, config.snapshotEvery) == 0 ||
                         iteration == config.iterations || converged))
            progress({iteration, config.iterations, kl, xy});
        result.iterations = iteration;
        if (converged)
            break;
    }
    // The exact final KL needs Z of the final layout: one more (unexaggerated) pass.
    const double z = gradient.compute(xy, 1.0f, static_cast<float>(config.theta), grad);
    result.kl = gradient.divergence(xy, z);
    if (result.klHistory.empty())
        result.klHistory.push_back(result.kl);
    result.klHistory.back() = result.kl;
    result.layout = layoutFromXy(xy);
    result.exaggerationIterations = std::min(exaggerationIterations, result.iterations);
    result.seconds = secondsSince(start);
    return result;
}

} // namespace shelfscope
