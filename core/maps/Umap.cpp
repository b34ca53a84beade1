#include "maps/Umap.h"

#include "config/OptionTable.h"
#include "io/DataError.h"
#include "maps/Affinities.h"
#include "maps/FuzzyGraph.h"
#include "maps/Pca.h"
#include "maps/PlanarLayout.h"
#include "maps/SpectralLayout.h"
#include "maps/UmapCurve.h"
#include "maps/UmapLayout.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void validate(const Matrix& rows, const UmapConfig& config) {
    const Eigen::Index n = rows.rows();
    // The ranges shelfscope-cli's map --neighbors, --epochs and --threads check. min_dist is
    // checked against the spread (fitUmapCurve), which the table's bound for it mirrors.
    const OptionDef& neighbors = option(CliCommand::Map, "neighbors");
    requireInRange(neighbors, config.neighbors, "UMAP");
    if (config.neighbors >= n)
        throw std::invalid_argument("UMAP: neighbors must be between " + numberText(neighbors.min) +
                                    " and the number of rows - 1 (" + std::to_string(n - 1) +
                                    "), got " + std::to_string(config.neighbors));
    requireInRange(option(CliCommand::Map, "epochs"), config.epochs, "UMAP");
    requireInRange(option(CliCommand::Map, "threads"), config.threads, "UMAP");
    if (config.negativeSampleRate < 1 || config.negativeSampleRate > 1000)
        throw std::invalid_argument("UMAP: negative_sample_rate must be between 1 and 1000, got " +
                                    std::to_string(config.negativeSampleRate));
    if (!(config.learningRate > 0.0) || !std::isfinite(config.learningRate))
        throw std::invalid_argument("UMAP: learning_rate must be above 0, got " +
                                    std::to_string(config.learningRate));
    if (config.initialLayout.size() > 0)
        checkStartLayout(config.initialLayout, n, "UMAP");
    checkFiniteRows(rows, "UMAP");
}

/// Each coordinate scaled to [0, 10] (umap-learn's range for a computed start), plus Gaussian
/// jitter of 1e-4 so that duplicate rows do not start on one spot.
std::vector<float> scaledStart(const Matrix& layout, std::uint64_t seed) {
    Random random(seed ^ 0x5eedULL);
    std::vector<float> xy = interleavedXy(layout);
    for (Eigen::Index c = 0; c < 2; ++c) {
        const float low = layout.col(c).minCoeff();
        const float range = layout.col(c).maxCoeff() - low;
        for (Eigen::Index i = 0; i < layout.rows(); ++i) {
            float& value = xy[2 * static_cast<std::size_t>(i) + static_cast<std::size_t>(c)];
            value = range > 0.0f ? 10.0f * (value - low) / range : 0.0f;
        }
    }
    for (float& value : xy)
        value += static_cast<float>(1e-4 * random.normal());
    return xy;
}

} // namespace

int automaticUmapEpochs(Eigen::Index points) {
    return points <= 10000 ? 500 : 200;
}

UmapResult runUmap(const Matrix& input, const UmapConfig& config, const UmapProgress& progress,
                   const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const Clock::time_point started = Clock::now();
    validate(input, config);
    const UmapCurve curve = fitUmapCurve(config.minDist, config.spread);
    const Matrix rows = config.normalizeRows ? normalizedRows(input) : input;
    const NeighborGraph neighbours =
        nearestNeighbors(rows, config.neighbors - 1, config.threads, cancel);
    const SparseAffinities graph = fuzzySimplicialSet(neighbours, config.threads);
    UmapResult result;
    result.graphSeconds = secondsSince(started);
    result.a = curve.a;
    result.b = curve.b;

    std::vector<float> xy;
    if (config.initialLayout.size() > 0) {
        xy = interleavedXy(config.initialLayout);
        result.start = "given";
    } else {
        const Matrix pca = principalComponents(rows, {2, false}).coordinates;
        std::optional<Matrix> spectral;
        if (config.init == UmapInit::Spectral)
            spectral = spectralLayout(graph, pca, config.seed, config.threads, 300, cancel);
        result.start = spectral ? "spectral" : "pca";
        xy = scaledStart(spectral ? *spectral : pca, config.seed);
    }

    UmapSgdConfig sgd;
    sgd.epochs = config.epochs > 0 ? config.epochs : automaticUmapEpochs(rows.rows());
    sgd.learningRate = config.learningRate;
    sgd.negativeSampleRate = config.negativeSampleRate;
    sgd.curve = curve;
    sgd.seed = config.seed;
    sgd.threads = config.threads;
    sgd.snapshotEvery = config.snapshotEvery;
    UmapEpochObserver observe;
    if (progress)
        observe = [&](int epoch, const std::vector<float>& now) {
            progress({epoch, sgd.epochs, now});
        };
    result.edges = optimizeUmapLayout(graph, xy, sgd, observe, cancel);
    result.layout = layoutFromXy(xy);
    result.epochs = sgd.epochs;
    result.seconds = secondsSince(started);
    return result;
}

} // namespace shelfscope
