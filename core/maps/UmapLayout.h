#pragma once

#include "maps/Affinities.h"
#include "maps/UmapCurve.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace shelfscope {

struct UmapSgdConfig {
    int epochs = 200;
    double learningRate = 1.0; ///< at the first epoch, falling linearly towards 0
    int negativeSampleRate = 5;
    UmapCurve curve{1.577, 0.895};
    std::uint64_t seed = 42; ///< for the negative samples
    int threads = 2; ///< at most; one per 50,000 directed edges (10,000 points: about 180,000)
    int snapshotEvery = 10; ///< epochs between calls of the observer
};

/// Called after every snapshotEvery-th epoch and after the last, with the layout (x0, y0, ...).
using UmapEpochObserver = std::function<void(int epoch, const std::vector<float>& xy)>;

/// UMAP's layout optimisation (McInnes, Healy, Melville 2018) on the fuzzy graph: an edge of
/// membership w fires in w / max(w) of the epochs, pulling its ends together by the gradient of
/// log(1 / (1 + a d^2b)), and each firing pushes the point away from negativeSampleRate points
/// drawn at random by the gradient of log(1 - 1 / (1 + a d^2b)); every coordinate step is
/// clipped to [-4, 4] times the learning rate. Edges that would fire in no epoch are dropped.
///
/// Deterministic for a seed, whatever the thread count: within an epoch each point moves only
/// itself, through its own edges (the graph holds both directions of every edge; a firing's
/// pull counts twice, standing for umap-learn's moving both ends of each of the two directed
/// copies), reading the other points where the epoch started, with negative samples drawn from
/// a stream of its own; the points are then independent and are shared out among the threads.
/// A firing's pull and pushes are taken where the firing finds the point and applied together
/// (umap-learn applies them one after another), which lets them run as vectors. Checks `cancel`
/// once per epoch (OperationCancelled). Returns the number of directed edges kept.
std::size_t optimizeUmapLayout(const SparseAffinities& graph, std::vector<float>& xy,
                               const UmapSgdConfig& config, const UmapEpochObserver& observe = {},
                               const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
