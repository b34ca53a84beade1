#include "maps/Affinities.h"

#include "io/DataError.h"
#include "util/FloatEnvironment.h"
#include "util/StepPool.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

NeighborGraph nearestNeighbors(const Matrix& points, int k, int threads,
                               const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const auto n = static_cast<std::int32_t>(points.rows());
    if (k < 1 || k >= n)
        throw std::invalid_argument("nearest neighbours: k = " + std::to_string(k) +
                                    " needs more than k points, got " + std::to_string(n));
    NeighborGraph graph;
    graph.k = k;
    graph.index.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));
    graph.distance2.resize(graph.index.size());
    const Eigen::VectorXf norms = points.rowwise().squaredNorm();
    StepPool pool(std::max(1, threads));
    std::atomic<std::int32_t> nextBlock{0};
    constexpr std::int32_t kBlock = 64;
    std::atomic<bool> stopped{false};
    pool.run([&](int) {
        // The k best so far as a max-heap on (distance, index): most points fail one compare
        // against its top, so a row costs one pass over the distances.
        std::vector<std::pair<float, std::int32_t>> heap;
        heap.reserve(static_cast<std::size_t>(k) + 1);
        Eigen::MatrixXf dots;
        for (;;) {
            const std::int32_t first = nextBlock.fetch_add(kBlock);
            if (first >= n || stopped.load(std::memory_order_relaxed))
                return;
            if (cancel.load(std::memory_order_relaxed)) {
                stopped = true;
                return;
            }
            const std::int32_t last = std::min(n, first + kBlock);
            // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, a block of rows as one matrix product.
            dots.noalias() = points * points.middleRows(first, last - first).transpose();
            for (std::int32_t i = first; i < last; ++i) {
                heap.clear();
                const float* dot = dots.col(i - first).data();
                for (std::int32_t j = 0; j < n; ++j) {
                    if (j == i)
                        continue; // not its own neighbour
                    const std::pair<float, std::int32_t> candidate{
                        std::max(0.0f, norms(i) + norms(j) - 2.0f * dot[j]), j};
                    if (heap.size() < static_cast<std::size_t>(k)) {
                        heap.push_back(candidate);
                        std::push_heap(heap.begin(), heap.end());
                    } else if (candidate < heap.front()) {
                        std::pop_heap(heap.begin(), heap.end());
                        heap.back() = candidate;
                        std::push_heap(heap.begin(), heap.end());
                    }
                }
                std::sort_heap(heap.begin(), heap.end());
                for (int m = 0; m < k; ++m) {
                    const std::size_t at =
                        static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                        static_cast<std::size_t>(m);
                    graph.index[at] = heap[static_cast<std::size_t>(m)].second;
                    graph.distance2[at] = heap[static_cast<std::size_t>(m)].first;
                }
            }
        }
    });
    if (stopped)
        throw OperationCancelled();
    return graph;
}

ConditionalAffinities calibratePerplexity(const NeighborGraph& graph, double perplexity,
                                          int threads) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (!(perplexity > 1.0) || perplexity >= graph.k + 1)
        throw std::invalid_argument("perplexity must be above 1 and below the neighbour count");
    const std::size_t n = graph.points();
    const auto k = static_cast<std::size_t>(graph.k);
    ConditionalAffinities out;
    out.probability.resize(graph.index.size());
    out.entropyBits.resize(n);
    const double target = std::log(perplexity); // nats
    StepPool pool(std::max(1, threads));
    pool.run([&](int part) {
        std::vector<double> weights(k);
        const std::size_t first =
            n * static_cast<std::size_t>(part) / static_cast<std::size_t>(pool.size());
        const std::size_t last =
            n * static_cast<std::size_t>(part + 1) / static_cast<std::size_t>(pool.size());
        for (std::size_t i = first; i < last; ++i) {
            const float* d2 = graph.distance2.data() + i * k;
            // Distances relative to the nearest keep exp() in range; the shift cancels out.
            const double nearest = d2[0];
            double beta = 1.0;
            double low = 0.0;
            double high = std::numeric_limits<double>::infinity();
            double entropy = 0.0;
            double sum = 0.0;
            for (int step = 0; step < 200; ++step) {
                sum = 0.0;
                double weighted = 0.0;
                for (std::size_t m = 0; m < k; ++m) {
                    const double shifted = d2[m] - nearest;
                    weights[m] = std::exp(-beta * shifted);
                    sum += weights[m];
                    weighted += shifted * weights[m];
                }
                entropy = std::log(sum) + beta * weighted / sum;
                const double gap = entropy - target;
                if (std::abs(gap) < 1e-5 * std::log(2.0))
                    break;
                if (gap > 0.0) { // too flat: narrow the Gaussian
                    low = beta;
                    beta = std::isinf(high) ? beta * 2.0 : (beta + high) / 2.0;
                } else {
                    high = beta;
                    beta = (beta + low) / 2.0;
                }
            }
            for (std::size_t m = 0; m < k; ++m)
                out.probability[i * k + m] = static_cast<float>(weights[m] / sum);
            out.entropyBits[i] = entropy / std::log(2.0);
        }
    });
    return out;
}

SparseAffinities symmetrizeEdges(const NeighborGraph& graph, const std::vector<float>& value,
                                 const PairCombine& combine) {
    const std::size_t n = graph.points();
    const auto k = static_cast<std::size_t>(graph.k);
    // Each directed edge i->j goes to row i as a forward value and to row j as a backward one;
    // a row's entries for one column are then merged.
    struct Entry {
        std::int32_t column;
        bool forward;
        float value;
    };
    std::vector<std::int64_t> count(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t m = 0; m < k; ++m) {
            ++count[i + 1];
            ++count[static_cast<std::size_t>(graph.index[i * k + m]) + 1];
        }
    std::partial_sum(count.begin(), count.end(), count.begin());
    std::vector<Entry> edges(static_cast<std::size_t>(count.back()));
    std::vector<std::int64_t> next(count.begin(), count.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t m = 0; m < k; ++m) {
            const auto j = static_cast<std::size_t>(graph.index[i * k + m]);
            const float v = value[i * k + m];
            edges[static_cast<std::size_t>(next[i]++)] = {static_cast<std::int32_t>(j), true, v};
            edges[static_cast<std::size_t>(next[j]++)] = {static_cast<std::int32_t>(i), false, v};
        }
    SparseAffinities out;
    out.start.reserve(n + 1);
    out.start.push_back(0);
    for (std::size_t i = 0; i < n; ++i) {
        auto first = edges.begin() + count[i];
        auto last = edges.begin() + count[i + 1];
        std::sort(first, last, [](const Entry& a, const Entry& b) { return a.column < b.column; });
        for (auto it = first; it != last;) {
            const std::int32_t j = it->column;
            double forward = 0.0;
            double backward = 0.0;
            for (; it != last && it->column == j; ++it)
                (it->forward ? forward : backward) += it->value;
            out.column.push_back(j);
            out.value.push_back(static_cast<float>(combine(forward, backward)));
        }
        out.start.push_back(static_cast<std::int64_t>(out.column.size()));
    }
    return out;
}

SparseAffinities symmetrize(const NeighborGraph& graph, const ConditionalAffinities& conditional) {
    const double scale = 1.0 / (2.0 * static_cast<double>(graph.points()));
    return symmetrizeEdges(
        graph, conditional.probability,
        [scale](double forward, double backward) { return (forward + backward) * scale; });
}

} // namespace shelfscope
