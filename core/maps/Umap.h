#pragma once

#include "model/Parameter.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace shelfscope {

/// Where UMAP's layout starts.
enum class UmapInit {
    Spectral, ///< the fuzzy graph's Laplacian eigenvectors (PCA when the graph is disconnected)
    Pca,      ///< the rows' first two principal components
};

struct UmapConfig {
    /// UMAP's n_neighbors: the size of a point's neighbourhood, the point itself included (so
    /// neighbors - 1 other points), as in umap-learn.
    int neighbors = 15;
    double minDist = 0.1; ///< how close the map may pack points; 0 <= minDist <= spread
    double spread = 1.0;  ///< the scale of the map's clusters
    /// 0: automatic, as umap-learn: 500 epochs up to 10,000 points, 200 above.
    int epochs = 0;
    int negativeSampleRate = 5;
    double learningRate = 1.0;
    std::uint64_t seed = 42; ///< negative samples and the start's jitter
    int threads = 2;
    UmapInit init = UmapInit::Spectral;
    /// A start layout (N x 2) to continue from, for instance the previous map of a model still
    /// training; used as it is (not rescaled), in place of `init`. Empty: none.
    Matrix initialLayout;
    bool normalizeRows = false; ///< scale every row to unit length first
    int snapshotEvery = 10;     ///< epochs between progress snapshots
};

/// What the progress callback sees: the layout so far, by value.
struct UmapSnapshot {
    int epoch = 0;
    int epochs = 0;
    std::vector<float> xy; ///< x0, y0, x1, y1, ...
};

struct UmapResult {
    Matrix layout; ///< N x 2
    int epochs = 0;
    double seconds = 0.0;
    double graphSeconds = 0.0; ///< neighbour search and the fuzzy graph
    double a = 0.0;            ///< the fitted curve 1 / (1 + a d^2b)
    double b = 0.0;
    std::size_t edges = 0; ///< directed edges of the fuzzy graph the optimiser used
    std::string start;     ///< "spectral", "pca" or "given"
};

using UmapProgress = std::function<void(const UmapSnapshot&)>;

/// UMAP to two dimensions (McInnes, Healy, Melville 2018) with umap-learn's defaults: exact
/// nearest neighbours (Euclidean), smoothed distances and the fuzzy union of the neighbour
/// graph, a spectral start scaled to [0, 10] with 1e-4 jitter, then the epochs of negative
/// sampling SGD of optimizeUmapLayout (deterministic for a seed, whatever the thread count).
/// Stops within one epoch of a cancel (OperationCancelled). Throws std::invalid_argument naming
/// the setting for impossible settings (neighbors, epochs or threads outside map's options in
/// the option table, neighbors not below N, min_dist outside 0..spread, a learning rate not
/// above 0, a start layout of the wrong shape) and for rows with values that are not finite.
UmapResult runUmap(const Matrix& rows, const UmapConfig& config = {},
                   const UmapProgress& progress = {},
                   const std::atomic<bool>& cancel = neverCancelled());

/// The epochs UMAP runs for `points` points when UmapConfig::epochs is 0.
int automaticUmapEpochs(Eigen::Index points);

} // namespace shelfscope
