#pragma once

#include "maps/Affinities.h"
#include "model/Parameter.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <optional>

namespace shelfscope {

/// The number of connected components of a symmetric sparse graph (edges of value 0 count as
/// absent).
int connectedComponents(const SparseAffinities& graph);

/// A 2-D spectral layout of a connected weighted graph: the two eigenvectors of the normalised
/// Laplacian I - D^-1/2 W D^-1/2 with the smallest non-zero eigenvalues, as umap-learn's
/// init="spectral", approximated by up to `iterations` steps of block power iteration on
/// (I + D^-1/2 W D^-1/2) / 2 with the trivial eigenvector projected out, then a Rayleigh-Ritz
/// step. `start` (N x 2, may be empty) seeds two of the four block vectors, seeded noise the
/// rest. Returns nothing when the graph is not connected or the result is degenerate (the caller
/// then starts elsewhere). Throws OperationCancelled.
std::optional<Matrix> spectralLayout(const SparseAffinities& graph, const Matrix& start,
                                     std::uint64_t seed, int threads = 1, int iterations = 300,
                                     const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
