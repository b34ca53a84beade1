#pragma once

#include "maps/Affinities.h"

#include <vector>

namespace shelfscope {

/// Each point's local metric as UMAP sees it: distances beyond rho (the nearest non-zero
/// neighbour distance) are measured in units of sigma.
struct LocalScales {
    std::vector<float> rho;
    std::vector<float> sigma;
};

/// For every point, rho = its smallest non-zero neighbour distance, and sigma such that
/// sum_j exp(-max(0, d_ij - rho) / sigma) over its neighbours equals log2(k + 1) (the point
/// itself counts as one of UMAP's n_neighbors = k + 1), found by bisection to 1e-5. Sigma is kept
/// at or above 1/1000 of the mean neighbour distance, as in umap-learn. `graph` holds squared
/// distances, as nearestNeighbors returns them.
LocalScales smoothNeighborDistances(const NeighborGraph& graph, int threads = 1);

/// UMAP's fuzzy simplicial set: the membership of each directed edge, exp(-max(0, d_ij - rho_i)
/// / sigma_i) (1 for the nearest neighbours), made symmetric by the fuzzy union a + b - a * b.
/// Values lie in [0, 1] (an edge far beyond sigma can underflow to 0), each nearest neighbour's
/// is 1.
SparseAffinities fuzzySimplicialSet(const NeighborGraph& graph, int threads = 1);

} // namespace shelfscope
