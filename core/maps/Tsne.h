#pragma once

#include "model/Parameter.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace shelfscope {

struct TsneConfig {
    double perplexity = 40.0;
    int iterations = 1000;
    int exaggerationIterations = 250; ///< early exaggeration, with momentum 0.5
    double exaggeration = 12.0;
    /// 0: "auto" as scikit-learn, max(N / exaggeration / 4, 50).
    double learningRate = 0.0;
    double theta = 0.5; ///< Barnes-Hut: a cell is one point when width < theta * distance
    bool normalizeRows = false;
    /// Start from PCA (scikit-learn's init="pca", deterministic) or from a seeded Gaussian with
    /// standard deviation 1e-4 (init="random").
    bool pcaStart = true;
    std::uint64_t seed = 42; ///< for the random start
    int threads = 2;
    /// How often (in iterations) the progress callback gets a snapshot of the layout.
    int snapshotEvery = 10;
    int klEvery = 50; ///< how often the KL divergence is evaluated (costs one pass over P)
};

/// What the progress callback sees: the layout so far, by value.
struct TsneSnapshot {
    int iteration = 0;
    int iterations = 0;
    double kl = -1.0;      ///< the latest evaluated KL divergence (-1 before the first)
    std::vector<float> xy; ///< x0, y0, x1, y1, ...
};

struct TsneResult {
    Matrix layout;                 ///< N x 2
    double kl = 0.0;               ///< KL(P || Q) at the end
    std::vector<double> klHistory; ///< every klEvery iterations, then the final value
    int iterations = 0;
    double seconds = 0.0;
    double affinitySeconds = 0.0; ///< neighbour search and perplexity calibration
};

using TsneProgress = std::function<void(const TsneSnapshot&)>;

/// t-SNE to two dimensions as in van der Maaten (2014) and scikit-learn: perplexity-calibrated
/// affinities on the 3 x perplexity nearest neighbours, PCA initialisation scaled to a standard
/// deviation of 1e-4, early exaggeration, momentum with per-coordinate gains, and Barnes-Hut
/// repulsion in O(N log N) per iteration. Stops within one iteration of a cancel
/// (OperationCancelled). Throws std::invalid_argument for fewer than 3 x perplexity + 2 rows.
TsneResult runTsne(const Matrix& rows, const TsneConfig& config = {},
                   const TsneProgress& progress = {},
                   const std::atomic<bool>& cancel = neverCancelled());

/// The share of each point's k nearest neighbours in `original` that are also among its k
/// nearest in `layout` (1: every neighbourhood kept).
double neighborhoodPreservation(const Matrix& original, const Matrix& layout, int k = 10,
                                int threads = 2);

} // namespace shelfscope
