#pragma once

#include "model/Parameter.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace shelfscope {

/// Each point's k nearest other points, nearest first.
struct NeighborGraph {
    int k = 0;
    std::vector<std::int32_t> index; ///< point i's neighbours at [i*k, (i+1)*k)
    std::vector<float> distance2;    ///< their squared Euclidean distances
    std::size_t points() const { return k == 0 ? 0 : index.size() / static_cast<std::size_t>(k); }
};

/// Exact k nearest neighbours by brute force, split over `threads` (O(N^2 d), a fraction of a
/// second for 10,000 points). Ties are broken by the lower index. Throws
/// std::invalid_argument when k is not below the number of points; OperationCancelled.
NeighborGraph nearestNeighbors(const Matrix& points, int k, int threads = 1,
                               const std::atomic<bool>& cancel = neverCancelled());

/// p(j|i) over each point's neighbours with a Gaussian whose width gives the wanted perplexity.
struct ConditionalAffinities {
    std::vector<float> probability;  ///< laid out like NeighborGraph::index, each row sums to 1
    std::vector<double> entropyBits; ///< of each row; log2(perplexity) when calibrated
};

/// Binary search of each point's Gaussian precision so that the entropy of p(.|i) is
/// log2(perplexity) (to 1e-5), as in van der Maaten's reference method.
ConditionalAffinities calibratePerplexity(const NeighborGraph& graph, double perplexity,
                                          int threads = 1);

/// A symmetric sparse matrix over the points in compressed rows, both directions stored: t-SNE's
/// joint affinities and UMAP's fuzzy graph.
struct SparseAffinities {
    std::vector<std::int64_t> start;
    std::vector<std::int32_t> column;
    std::vector<float> value;
    std::size_t points() const { return start.empty() ? 0 : start.size() - 1; }
};

/// How one pair's two directed values become its symmetric value: combine(v(i->j), v(j->i)),
/// a missing direction counting as 0.
using PairCombine = std::function<double(double forward, double backward)>;

/// The symmetric matrix of per-edge values laid out like NeighborGraph::index: entry (i, j) is
/// combine(value of i->j, value of j->i) for every pair that is an edge in either direction.
/// Rows list their columns in increasing order.
SparseAffinities symmetrizeEdges(const NeighborGraph& graph, const std::vector<float>& value,
                                 const PairCombine& combine);

/// The symmetric joint affinities P_ij = (p(j|i) + p(i|j)) / 2N; they sum to 1.
SparseAffinities symmetrize(const NeighborGraph& graph, const ConditionalAffinities& conditional);

} // namespace shelfscope
