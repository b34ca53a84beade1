#pragma once

#include "maps/MapQuality.h" // neighborhoodPreservation, which t-SNE's callers report
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
    /// A start layout (N x 2) to continue from, for instance the previous map of a model still
    /// training; used as it is, in place of the PCA or random start. Early exaggeration is then
    /// skipped (the iterations run with momentum 0.8 from the first): it exists to let clusters
    /// form from a start with none, and would scatter the ones the given layout already has.
    /// Empty: none.
    Matrix initialLayout;
    int threads = 2;
    /// How often (in iterations) the progress callback gets a snapshot of the layout.
    int snapshotEvery = 10;
    int klEvery = 50; ///< how often the KL divergence is evaluated (costs one pass over P)
    /// Every `checkEvery` iterations, a gradient (gains applied) with a norm at or below this
    /// ends the phase: early exaggeration gives way to the main phase, the main phase stops.
    /// As scikit-learn's min_grad_norm; it matters where exaggeration contracts the layout
    /// instead of forming clusters (embeddings whose neighbourhoods are weak): left to run,
    /// the layout shrinks until its float coordinates are equal and the map is a line.
    double minGradientNorm = 1e-7;
    int checkEvery = 50;
};

/// What the progress callback sees: the layout so far, by value.
struct TsneSnapshot {
    int iteration = 0;
    int iterations = 0;
    double kl = -1.0;      ///< the latest evaluated KL divergence (-1 before the first)
    std::vector<float> xy; ///< x0, y0, x1, y1, ...
};

struct TsneResult {
    Matrix layout;                  ///< N x 2
    double kl = 0.0;                ///< KL(P || Q) at the end
    std::vector<double> klHistory;  ///< every klEvery iterations, then the final value
    int iterations = 0;             ///< run (fewer than asked when the gradient vanished)
    int exaggerationIterations = 0; ///< of them, with early exaggeration
    double seconds = 0.0;
    double affinitySeconds = 0.0; ///< neighbour search and perplexity calibration
};

using TsneProgress = std::function<void(const TsneSnapshot&)>;

/// t-SNE to two dimensions as in van der Maaten (2014) and scikit-learn: perplexity-calibrated
/// affinities on the 3 x perplexity nearest neighbours, PCA initialisation scaled to a standard
/// deviation of 1e-4, early exaggeration, momentum with per-coordinate gains, and Barnes-Hut
/// repulsion in O(N log N) per iteration. Stops within one iteration of a cancel
/// (OperationCancelled). Throws std::invalid_argument for a perplexity, iterations or threads
/// outside map's options in the option table, fewer than 3 x perplexity + 2 rows, or a start
/// layout of the wrong shape.
TsneResult runTsne(const Matrix& rows, const TsneConfig& config = {},
                   const TsneProgress& progress = {},
                   const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
