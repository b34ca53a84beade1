#include "maps/PlaneNeighbors.h"

#include "maps/PlanarLayout.h"
#include "maps/PointIndex.h"
#include "util/StepPool.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace shelfscope {

NeighborGraph planeNeighbors(const Matrix& layout, int k, int threads) {
    const auto n = static_cast<std::int32_t>(layout.rows());
    if (layout.cols() != 2)
        throw std::invalid_argument("plane neighbours: the layout must have 2 columns, it has " +
                                    std::to_string(layout.cols()));
    if (k < 1 || k >= n)
        throw std::invalid_argument("plane neighbours: k = " + std::to_string(k) +
                                    " needs more than k points, got " + std::to_string(n));
    if (!layout.allFinite())
        throw std::invalid_argument("plane neighbours: the layout has a value that is not finite");
    const std::vector<float> xy = interleavedXy(layout);
    const PointIndex index(xy);
    NeighborGraph graph;
    graph.k = k;
    graph.index.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));
    graph.distance2.resize(graph.index.size());
    StepPool pool(std::max(1, threads));
    pool.run([&](int part) {
        const std::int32_t first = n * part / pool.size();
        const std::int32_t last = n * (part + 1) / pool.size();
        for (std::int32_t i = first; i < last; ++i) {
            const float px = xy[2 * static_cast<std::size_t>(i)];
            const float py = xy[2 * static_cast<std::size_t>(i) + 1];
            // The k + 1 nearest to the point's position hold it and its k nearest others; when
            // more than k others share its position with lower indices, it is not among them and
            // the first k are the answer.
            const std::vector<std::int32_t> nearest = index.nearestK(px, py, k + 1);
            std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
            for (std::int32_t j : nearest) {
                if (j == i)
                    continue;
                if (at == (static_cast<std::size_t>(i) + 1) * static_cast<std::size_t>(k))
                    break;
                const float dx = xy[2 * static_cast<std::size_t>(j)] - px;
                const float dy = xy[2 * static_cast<std::size_t>(j) + 1] - py;
                graph.index[at] = j;
                graph.distance2[at] = dx * dx + dy * dy;
                ++at;
            }
        }
    });
    return graph;
}

} // namespace shelfscope
