#include "maps/PlaneNeighbors.h"

#include "util/StepPool.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace shelfscope {

namespace {

/// The points sorted by grid cell (counting sort), with each cell's range.
struct Grid {
    float x0 = 0.0f, y0 = 0.0f, cell = 1.0f;
    std::int32_t columns = 1, rows = 1;
    std::vector<std::int32_t> cellStart; ///< cell c's points at [cellStart[c], cellStart[c + 1])
    std::vector<std::int32_t> point;     ///< point indices by cell
    std::vector<float> x, y;             ///< their coordinates, in the same order

    std::int32_t columnOf(float px) const {
        return std::clamp(static_cast<std::int32_t>((px - x0) / cell), 0, columns - 1);
    }
    std::int32_t rowOf(float py) const {
        return std::clamp(static_cast<std::int32_t>((py - y0) / cell), 0, rows - 1);
    }
};

Grid buildGrid(const Matrix& layout) {
    Grid grid;
    const auto n = static_cast<std::int32_t>(layout.rows());
    grid.x0 = layout.col(0).minCoeff();
    grid.y0 = layout.col(1).minCoeff();
    const float width = layout.col(0).maxCoeff() - grid.x0;
    const float height = layout.col(1).maxCoeff() - grid.y0;
    // About two points per cell were the points spread evenly over the bounding box.
    const double area = std::max(static_cast<double>(width) * height, 1e-30);
    double cell = std::sqrt(2.0 * area / n);
    cell = std::max({cell, static_cast<double>(std::max(width, height)) / 4096.0, 1e-30});
    grid.cell = static_cast<float>(cell);
    grid.columns = std::min<std::int32_t>(4096, static_cast<std::int32_t>(width / cell) + 1);
    grid.rows = std::min<std::int32_t>(4096, static_cast<std::int32_t>(height / cell) + 1);
    const auto cells = static_cast<std::size_t>(grid.columns) * static_cast<std::size_t>(grid.rows);
    std::vector<std::int32_t> cellOf(static_cast<std::size_t>(n));
    grid.cellStart.assign(cells + 1, 0);
    for (std::int32_t i = 0; i < n; ++i) {
        const std::int32_t c =
            grid.rowOf(layout(i, 1)) * grid.columns + grid.columnOf(layout(i, 0));
        cellOf[static_cast<std::size_t>(i)] = c;
        ++grid.cellStart[static_cast<std::size_t>(c) + 1];
    }
    for (std::size_t c = 0; c < cells; ++c)
        grid.cellStart[c + 1] += grid.cellStart[c];
    std::vector<std::int32_t> fill(grid.cellStart.begin(), grid.cellStart.end() - 1);
    grid.point.resize(static_cast<std::size_t>(n));
    grid.x.resize(static_cast<std::size_t>(n));
    grid.y.resize(static_cast<std::size_t>(n));
    for (std::int32_t i = 0; i < n; ++i) {
        const auto at = static_cast<std::size_t>(
            fill[static_cast<std::size_t>(cellOf[static_cast<std::size_t>(i)])]++);
        grid.point[at] = i;
        grid.x[at] = layout(i, 0);
        grid.y[at] = layout(i, 1);
    }
    return grid;
}

} // namespace

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
    const Grid grid = buildGrid(layout);
    NeighborGraph graph;
    graph.k = k;
    graph.index.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(k));
    graph.distance2.resize(graph.index.size());
    StepPool pool(std::max(1, threads));
    pool.run([&](int part) {
        const std::int32_t first = n * part / pool.size();
        const std::int32_t last = n * (part + 1) / pool.size();
        std::vector<std::pair<float, std::int32_t>> heap; // max-heap of the k best so far
        heap.reserve(static_cast<std::size_t>(k) + 1);
        const auto consider = [&](float d2, std::int32_t j) {
            const std::pair<float, std::int32_t> candidate{d2, j};
            if (heap.size() < static_cast<std::size_t>(k)) {
                heap.push_back(candidate);
                std::push_heap(heap.begin(), heap.end());
            } else if (candidate < heap.front()) {
                std::pop_heap(heap.begin(), heap.end());
                heap.back() = candidate;
                std::push_heap(heap.begin(), heap.end());
            }
        };
        for (std::int32_t i = first; i < last; ++i) {
            heap.clear();
            const float px = layout(i, 0);
            const float py = layout(i, 1);
            const std::int32_t cx = grid.columnOf(px);
            const std::int32_t cy = grid.rowOf(py);
            const std::int32_t widest =
                std::max({cx, grid.columns - 1 - cx, cy, grid.rows - 1 - cy});
            for (std::int32_t ring = 0; ring <= widest; ++ring) {
                const auto visit = [&](std::int32_t row, std::int32_t column) {
                    const auto cell = static_cast<std::size_t>(row * grid.columns + column);
                    for (std::int32_t at = grid.cellStart[cell]; at < grid.cellStart[cell + 1];
                         ++at) {
                        const std::int32_t j = grid.point[static_cast<std::size_t>(at)];
                        if (j == i)
                            continue;
                        const float dx = grid.x[static_cast<std::size_t>(at)] - px;
                        const float dy = grid.y[static_cast<std::size_t>(at)] - py;
                        consider(dx * dx + dy * dy, j);
                    }
                };
                // The cells at Chebyshev distance `ring` from the point's cell, inside the grid.
                const std::int32_t fromColumn = std::max(0, cx - ring);
                const std::int32_t toColumn = std::min(grid.columns - 1, cx + ring);
                for (std::int32_t row = std::max(0, cy - ring);
                     row <= std::min(grid.rows - 1, cy + ring); ++row) {
                    if (row == cy - ring || row == cy + ring) {
                        for (std::int32_t column = fromColumn; column <= toColumn; ++column)
                            visit(row, column);
                    } else {
                        if (cx - ring >= 0)
                            visit(row, cx - ring);
                        if (ring > 0 && cx + ring < grid.columns)
                            visit(row, cx + ring);
                    }
                }
                if (heap.size() == static_cast<std::size_t>(k)) {
                    // Any point outside the rings seen lies beyond the block's nearest side.
                    const float left = px - (grid.x0 + static_cast<float>(cx - ring) * grid.cell);
                    const float right =
                        grid.x0 + static_cast<float>(cx + ring + 1) * grid.cell - px;
                    const float below = py - (grid.y0 + static_cast<float>(cy - ring) * grid.cell);
                    const float above =
                        grid.y0 + static_cast<float>(cy + ring + 1) * grid.cell - py;
                    const float margin = std::max(0.0f, std::min({left, right, below, above}));
                    // (a hair inside, against rounding in the cell arithmetic)
                    if (heap.front().first < 0.9999f * margin * margin)
                        break;
                }
            }
            std::sort_heap(heap.begin(), heap.end());
            for (int m = 0; m < k; ++m) {
                const std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                                       static_cast<std::size_t>(m);
                graph.index[at] = heap[static_cast<std::size_t>(m)].second;
                graph.distance2[at] = heap[static_cast<std::size_t>(m)].first;
            }
        }
    });
    return graph;
}

} // namespace shelfscope
