#include "maps/UmapLayout.h"

#include "io/DataError.h"
#include "maps/FloatLanes.h"
#include "util/BlockRounds.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <array>
#include <cmath>

// The eight-float values of FloatLanes.h pass only between inline functions of this file: the
// ABI note GCC gives for them in builds without AVX does not apply.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace shelfscope {

namespace {

constexpr float kClip = 4.0f;
/// Keeps the repulsion finite for points that (nearly) coincide, as in umap-learn.
constexpr float kRepulsionEpsilon = 0.001f;

/// SplitMix64's output function: a different, well-mixed word for every counter value.
inline std::uint64_t mixed(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// One directed edge as the optimiser schedules it.
struct ScheduledEdge {
    std::int32_t other = 0;
    std::int32_t nextEpoch = 0; ///< the epoch of its next firing
    std::int32_t fired = 0;     ///< firings so far
    float period = 1.0f;        ///< max(w) / w: the t-th firing is at epoch ceil(t * period)
};

std::int32_t firingEpoch(std::int32_t firing, float period) {
    return static_cast<std::int32_t>(std::ceil(static_cast<double>(firing) * period - 1e-9));
}

/// Where one point is in an epoch: its position so far, its next edge, its negative samples'
/// stream, and the lanes of its current firing.
struct Cursor {
    std::int32_t point = -1;
    std::int64_t edge = 0;
    std::int64_t end = 0;
    float x = 0.0f;
    float y = 0.0f;
    std::uint64_t draws = 0;
    /// The points one firing reads (lane 0 its edge's other end, then the negative samples) and
    /// how much each lane's step counts: 2 for the pull (umap-learn moves this point once as
    /// the head of i->j and once as the tail of j->i), 1 for a push, 0 for none.
    std::vector<lanes::Floats> otherX, otherY, weight;
};

constexpr int kInterleaved = 4; ///< points whose firings alternate
/// Directed edges per thread below which more threads do not pay (an epoch of 50,000 edges
/// takes about a millisecond).
constexpr std::size_t kEdgesPerThread = 50000;

/// One epoch's arithmetic, shared by the threads (they only read it).
struct Epoch {
    const std::vector<ScheduledEdge>* edges;
    const float* before; ///< the layout where the epoch started
    std::int32_t n;
    int negatives;
    float a, b, attraction, repulsion;
    int epoch = 0;
    float alpha = 0.0f;
    std::uint64_t seed = 0; ///< of the epoch's negative samples

    /// The next firing edge of the cursor's point this epoch, or -1.
    std::int64_t nextFiring(Cursor& cursor) const {
        while (cursor.edge < cursor.end &&
               (*edges)[static_cast<std::size_t>(cursor.edge)].nextEpoch > epoch)
            ++cursor.edge;
        return cursor.edge < cursor.end ? cursor.edge++ : -1;
    }

    /// One firing of `edge` at the cursor's point: the pull (lane 0) and the pushes (lanes 1..)
    /// are all taken where the firing finds the point and added up, eight lanes at a time,
    /// where applying each before computing the next would chain 1 + negatives power
    /// functions' latencies.
    void fire(Cursor& cursor, const ScheduledEdge& edge) const {
        using lanes::Floats;
        using lanes::kWidth;
        cursor.otherX[0][0] = before[2 * static_cast<std::size_t>(edge.other)];
        cursor.otherY[0][0] = before[2 * static_cast<std::size_t>(edge.other) + 1];
        for (int s = 1; s <= negatives; ++s) {
            cursor.draws += 0x9e3779b97f4a7c15ULL;
            const auto k = static_cast<std::int32_t>(
                (static_cast<std::uint64_t>(static_cast<std::uint32_t>(mixed(cursor.draws))) *
                 static_cast<std::uint64_t>(n)) >>
                32);
            const auto group = static_cast<std::size_t>(s / kWidth);
            cursor.otherX[group][s % kWidth] = before[2 * static_cast<std::size_t>(k)];
            cursor.otherY[group][s % kWidth] = before[2 * static_cast<std::size_t>(k) + 1];
            // Itself (where the epoch started, not where it is now) gives no push.
            cursor.weight[group][s % kWidth] = k == cursor.point ? 0.0f : 1.0f;
        }
        const float x = cursor.x;
        const float y = cursor.y;
        float stepX = 0.0f;
        float stepY = 0.0f;
        for (std::size_t group = 0; group < cursor.otherX.size(); ++group) {
            const Floats dx = x - cursor.otherX[group];
            const Floats dy = y - cursor.otherY[group];
            const Floats d2 = dx * dx + dy * dy;
            const Floats powered = lanes::pow(d2, b);
            // Lane 0 of the first group pulls: -2ab d^2(b-1) / (1 + a d^2b); the others push:
            // 2b / ((epsilon + d^2) (1 + a d^2b)).
            Floats numerator = lanes::splat(repulsion);
            Floats offset = lanes::splat(kRepulsionEpsilon);
            if (group == 0) {
                const lanes::Ints pull = lanes::Ints{0, 1, 2, 3, 4, 5, 6, 7} == 0;
                numerator = pull ? attraction * powered : numerator;
                offset = pull ? lanes::splat(0.0f) : offset;
            }
            const Floats coefficient = numerator / ((d2 + offset) * (a * powered + 1.0f));
            // Coinciding points give no direction to move in.
            const Floats weight = d2 > 0.0f ? cursor.weight[group] : lanes::splat(0.0f);
            const Floats clip = lanes::splat(kClip);
            stepX +=
                lanes::sum(weight * lanes::minimum(lanes::maximum(coefficient * dx, -clip), clip));
            stepY +=
                lanes::sum(weight * lanes::minimum(lanes::maximum(coefficient * dy, -clip), clip));
        }
        cursor.x = x + stepX * alpha;
        cursor.y = y + stepY * alpha;
    }
};

} // namespace

std::size_t optimizeUmapLayout(const SparseAffinities& graph, std::vector<float>& xy,
                               const UmapSgdConfig& config, const UmapEpochObserver& observe,
                               const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const auto n = static_cast<std::int32_t>(graph.points());
    if (xy.size() != 2 * static_cast<std::size_t>(n))
        throw std::invalid_argument("UMAP layout: one x, y pair per point is needed");
    const int epochs = config.epochs;
    float largest = 0.0f;
    for (float w : graph.value)
        largest = std::max(largest, w);
    // Edges that would fire less than once in the run are dropped, as umap-learn does.
    std::vector<std::int64_t> start(static_cast<std::size_t>(n) + 1, 0);
    std::vector<ScheduledEdge> edges;
    edges.reserve(graph.value.size());
    for (std::int32_t i = 0; i < n; ++i) {
        for (std::int64_t e = graph.start[static_cast<std::size_t>(i)];
             e < graph.start[static_cast<std::size_t>(i) + 1]; ++e) {
            const float w = graph.value[static_cast<std::size_t>(e)];
            if (!(w > 0.0f) || static_cast<double>(w) * epochs < largest)
                continue;
            ScheduledEdge edge;
            edge.other = graph.column[static_cast<std::size_t>(e)];
            edge.period = largest / w;
            edge.nextEpoch = firingEpoch(1, edge.period);
            edges.push_back(edge);
        }
        start[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(edges.size());
    }

    const float a = static_cast<float>(config.curve.a);
    const float b = static_cast<float>(config.curve.b);
    const int negatives = config.negativeSampleRate;
    const auto groups = static_cast<std::size_t>((negatives + lanes::kWidth) / lanes::kWidth);
    std::vector<float> before = xy; // where the epoch started: what the points read of others
    // Small graphs, whose epochs take less than waking a helper, stay on one thread. The
    // result is the same either way.
    const int threads = std::clamp(static_cast<int>(edges.size() / kEdgesPerThread), 1,
                                   std::max(1, config.threads));
    std::vector<std::array<Cursor, kInterleaved>> cursors(static_cast<std::size_t>(threads));
    for (auto& team : cursors)
        for (Cursor& cursor : team) {
            cursor.otherX.assign(groups, lanes::splat(0.0f));
            cursor.otherY.assign(groups, lanes::splat(0.0f));
            cursor.weight.assign(groups, lanes::splat(0.0f)); // lanes past the last sample: 0
            cursor.weight[0][0] = 2.0f;
        }
    Epoch work{&edges, before.data(), n, negatives, a, b, -2.0f * a * b, 2.0f * b};
    constexpr std::int32_t kBlock = 32;
    const auto runBlock = [&](std::int32_t block, int worker) {
        std::array<Cursor, kInterleaved>& team = cursors[static_cast<std::size_t>(worker)];
        const std::int32_t first = block * kBlock;
        const std::int32_t last = std::min(n, first + kBlock);
        // kInterleaved points at a time, taking turns firing: one point's firings depend on
        // each other, different points' do not, so the core overlaps them.
        for (std::int32_t i = first; i < last; i += kInterleaved) {
            const int members = std::min<std::int32_t>(kInterleaved, last - i);
            for (int m = 0; m < members; ++m) {
                Cursor& cursor = team[static_cast<std::size_t>(m)];
                cursor.point = i + m;
                cursor.edge = start[static_cast<std::size_t>(i + m)];
                cursor.end = start[static_cast<std::size_t>(i + m) + 1];
                cursor.x = xy[2 * static_cast<std::size_t>(i + m)];
                cursor.y = xy[2 * static_cast<std::size_t>(i + m) + 1];
                cursor.draws = mixed(work.seed + static_cast<std::uint64_t>(i + m));
            }
            for (bool busy = true; busy;) {
                busy = false;
                for (int m = 0; m < members; ++m) {
                    Cursor& cursor = team[static_cast<std::size_t>(m)];
                    const std::int64_t e = work.nextFiring(cursor);
                    if (e < 0)
                        continue;
                    ScheduledEdge& edge = edges[static_cast<std::size_t>(e)];
                    ++edge.fired;
                    edge.nextEpoch =
                        std::max(work.epoch + 1, firingEpoch(edge.fired + 1, edge.period));
                    work.fire(cursor, edge);
                    busy = true;
                }
            }
            for (int m = 0; m < members; ++m) {
                xy[2 * static_cast<std::size_t>(i + m)] = team[static_cast<std::size_t>(m)].x;
                xy[2 * static_cast<std::size_t>(i + m) + 1] = team[static_cast<std::size_t>(m)].y;
            }
        }
    };
    // A late helper misses an epoch rather than holding it up (see BlockRounds).
    BlockRounds rounds(threads, (n + kBlock - 1) / kBlock, runBlock);
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        if (cancel.load(std::memory_order_relaxed))
            throw OperationCancelled();
        work.epoch = epoch;
        work.seed = mixed(config.seed ^ mixed(static_cast<std::uint64_t>(epoch)));
        work.alpha = static_cast<float>(config.learningRate *
                                        (1.0 - static_cast<double>(epoch - 1) / epochs));
        rounds.run();
        std::copy(xy.begin(), xy.end(), before.begin());
        if (observe && (epoch % std::max(1, config.snapshotEvery) == 0 || epoch == epochs))
            observe(epoch, xy);
    }
    return edges.size();
}

} // namespace shelfscope
