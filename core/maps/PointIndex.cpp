#include "maps/PointIndex.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace shelfscope {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// Average points per cell: fewer cells to walk for rectangles, few distances per cell.
constexpr double kPointsPerCell = 2.0;

double distanceSquared(float px, float py, float qx, float qy) {
    // Float differences in double are exact for coordinates of similar size, so the squares
    // are exact too and the sum is rounded once: the same value with or without FMA.
    const double dx = static_cast<double>(px) - static_cast<double>(qx);
    const double dy = static_cast<double>(py) - static_cast<double>(qy);
    return dx * dx + dy * dy;
}

/// Cells along one axis for a grid of about `cells` cells over a w x h box.
std::int32_t cellsAlong(double along, double across, double cells) {
    if (!(along > 0.0))
        return 1;
    const double wanted = across > 0.0 ? std::sqrt(cells * along / across) : cells;
    return static_cast<std::int32_t>(std::clamp(std::round(wanted), 1.0, cells));
}

std::int32_t cellOf(double value, double origin, double perUnit, std::int32_t count) {
    const double cell = (value - origin) * perUnit;
    if (!(cell >= 0.0)) // also NaN
        return 0;
    if (cell >= static_cast<double>(count))
        return count - 1;
    return static_cast<std::int32_t>(cell);
}

} // namespace

bool pointInPolygon(float x, float y, std::span<const float> polygonXy) {
    const std::size_t n = polygonXy.size() / 2;
    if (n < 3)
        return false;
    bool inside = false;
    const double px = x, py = y;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const double xi = polygonXy[2 * i], yi = polygonXy[2 * i + 1];
        const double xj = polygonXy[2 * j], yj = polygonXy[2 * j + 1];
        if (!std::isfinite(xi) || !std::isfinite(yi))
            return false;
        // Edges count for y in [min, max): a horizontal ray crossing a vertex counts once.
        if ((yi > py) != (yj > py)) {
            const double crossing = xi + (py - yi) / (yj - yi) * (xj - xi);
            if (px < crossing)
                inside = !inside;
        }
    }
    return inside;
}

void PointIndex::build(std::span<const float> xy) {
    if (xy.size() % 2 != 0)
        throw std::invalid_argument("PointIndex: an odd number of coordinates (" +
                                    std::to_string(xy.size()) + ")");
    if (xy.size() / 2 > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw std::invalid_argument("PointIndex: too many points");
    size_ = static_cast<std::int32_t>(xy.size() / 2);
    double minX = kInfinity, minY = kInfinity, maxX = -kInfinity, maxY = -kInfinity;
    std::int32_t finite = 0;
    for (std::int32_t i = 0; i < size_; ++i) {
        const float x = xy[2 * static_cast<std::size_t>(i)];
        const float y = xy[2 * static_cast<std::size_t>(i) + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        ++finite;
        minX = std::min(minX, static_cast<double>(x));
        maxX = std::max(maxX, static_cast<double>(x));
        minY = std::min(minY, static_cast<double>(y));
        maxY = std::max(maxY, static_cast<double>(y));
    }
    x_.clear();
    y_.clear();
    index_.clear();
    if (finite == 0) {
        columns_ = rows_ = 0;
        cellStart_.assign(1, 0);
        return;
    }
    const double width = maxX - minX, height = maxY - minY;
    const double cells = std::max(1.0, std::floor(finite / kPointsPerCell));
    columns_ = cellsAlong(width, height, cells);
    rows_ = height > 0.0
                ? std::max<std::int32_t>(1, static_cast<std::int32_t>(std::round(cells / columns_)))
                : 1;
    minX_ = minX;
    minY_ = minY;
    cellWidth_ = width > 0.0 ? width / columns_ : 1.0;
    cellHeight_ = height > 0.0 ? height / rows_ : 1.0;
    toColumn_ = width > 0.0 ? columns_ / width : 0.0;
    toRow_ = height > 0.0 ? rows_ / height : 0.0;
    const double magnitude =
        std::max({std::abs(minX), std::abs(maxX), std::abs(minY), std::abs(maxY)});
    slack_ = 1e-6 * (magnitude + std::min(cellWidth_, cellHeight_));

    // Counting sort by cell, stable, so each cell lists its points in ascending index order.
    const auto cellCount = static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_);
    std::vector<std::int32_t> cellOfPoint(static_cast<std::size_t>(size_), -1);
    cellStart_.assign(cellCount + 1, 0);
    for (std::int32_t i = 0; i < size_; ++i) {
        const float x = xy[2 * static_cast<std::size_t>(i)];
        const float y = xy[2 * static_cast<std::size_t>(i) + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        const std::int32_t cell = row(y) * columns_ + column(x);
        cellOfPoint[static_cast<std::size_t>(i)] = cell;
        ++cellStart_[static_cast<std::size_t>(cell) + 1];
    }
    for (std::size_t k = 1; k <= cellCount; ++k)
        cellStart_[k] += cellStart_[k - 1];
    x_.resize(static_cast<std::size_t>(finite));
    y_.resize(static_cast<std::size_t>(finite));
    index_.resize(static_cast<std::size_t>(finite));
    std::vector<std::int32_t> next(cellStart_.begin(), cellStart_.end() - 1);
    for (std::int32_t i = 0; i < size_; ++i) {
        const std::int32_t cell = cellOfPoint[static_cast<std::size_t>(i)];
        if (cell < 0)
            continue;
        const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(cell)]++);
        x_[at] = xy[2 * static_cast<std::size_t>(i)];
        y_[at] = xy[2 * static_cast<std::size_t>(i) + 1];
        index_[at] = i;
    }
}

std::int32_t PointIndex::column(double x) const {
    return cellOf(x, minX_, toColumn_, columns_);
}

std::int32_t PointIndex::row(double y) const {
    return cellOf(y, minY_, toRow_, rows_);
}

template <typename Visit>
void PointIndex::forCells(std::int32_t c0, std::int32_t c1, std::int32_t r0, std::int32_t r1,
                          Visit&& visit) const {
    for (std::int32_t r = r0; r <= r1; ++r) {
        // The cells of one row are consecutive: one run of positions.
        const auto first = static_cast<std::size_t>(r) * static_cast<std::size_t>(columns_);
        const std::int32_t begin = cellStart_[first + static_cast<std::size_t>(c0)];
        const std::int32_t end = cellStart_[first + static_cast<std::size_t>(c1) + 1];
        for (std::int32_t at = begin; at < end; ++at)
            visit(static_cast<std::size_t>(at));
    }
}

template <typename Visit>
void PointIndex::forRing(std::int32_t c, std::int32_t r, std::int32_t ring, Visit&& visit) const {
    const std::int32_t c0 = std::max(0, c - ring), c1 = std::min(columns_ - 1, c + ring);
    if (r - ring >= 0)
        forCells(c0, c1, r - ring, r - ring, visit);
    if (ring > 0 && r + ring < rows_)
        forCells(c0, c1, r + ring, r + ring, visit);
    const std::int32_t r0 = std::max(0, r - ring + 1), r1 = std::min(rows_ - 1, r + ring - 1);
    if (ring > 0 && r0 <= r1) {
        if (c - ring >= 0)
            forCells(c - ring, c - ring, r0, r1, visit);
        if (c + ring < columns_)
            forCells(c + ring, c + ring, r0, r1, visit);
    }
}

double PointIndex::boundBeyond(double x, double y, std::int32_t c, std::int32_t r,
                               std::int32_t ring) const {
    double bound = kInfinity;
    if (c + ring - 1 < columns_ - 1)
        bound = std::min(bound, minX_ + (c + ring) * cellWidth_ - x);
    if (c - ring + 1 > 0)
        bound = std::min(bound, x - (minX_ + (c - ring + 1) * cellWidth_));
    if (r + ring - 1 < rows_ - 1)
        bound = std::min(bound, minY_ + (r + ring) * cellHeight_ - y);
    if (r - ring + 1 > 0)
        bound = std::min(bound, y - (minY_ + (r - ring + 1) * cellHeight_));
    return bound == kInfinity ? bound : bound - slack_;
}

std::int32_t PointIndex::nearest(float x, float y, float radius,
                                 const std::function<bool(std::int32_t)>& accept) const {
    if (index_.empty() || !std::isfinite(x) || !std::isfinite(y) || !(radius >= 0.0f))
        return -1;
    const double limit = static_cast<double>(radius) * static_cast<double>(radius);
    std::int32_t best = -1;
    double bestDistance = limit; // a candidate must be at least this close
    const std::int32_t c = column(x), r = row(y);
    for (std::int32_t ring = 0; ring <= std::max(columns_, rows_); ++ring) {
        if (ring > 0) {
            const double bound = boundBeyond(x, y, c, r, ring);
            if (bound == kInfinity || (bound > 0.0 && bound * bound > bestDistance))
                break;
        }
        forRing(c, r, ring, [&](std::size_t at) {
            const double d = distanceSquared(x_[at], y_[at], x, y);
            if (d > bestDistance || (d == bestDistance && best >= 0 && index_[at] > best))
                return;
            if (accept && !accept(index_[at]))
                return;
            best = index_[at];
            bestDistance = d;
        });
    }
    return best;
}

std::vector<std::int32_t> PointIndex::nearestK(float x, float y, int k) const {
    if (index_.empty() || k <= 0 || !std::isfinite(x) || !std::isfinite(y))
        return {};
    const auto wanted = std::min<std::size_t>(static_cast<std::size_t>(k), index_.size());
    // A max-heap of the best so far by (distance, index): its top is the one to drop next.
    std::vector<std::pair<double, std::int32_t>> heap;
    heap.reserve(wanted + 1);
    const std::int32_t c = column(x), r = row(y);
    for (std::int32_t ring = 0; ring <= std::max(columns_, rows_); ++ring) {
        if (ring > 0) {
            const double bound = boundBeyond(x, y, c, r, ring);
            if (bound == kInfinity ||
                (heap.size() == wanted && bound > 0.0 && bound * bound > heap.front().first))
                break;
        }
        forRing(c, r, ring, [&](std::size_t at) {
            const std::pair<double, std::int32_t> candidate{distanceSquared(x_[at], y_[at], x, y),
                                                            index_[at]};
            if (heap.size() == wanted) {
                if (!(candidate < heap.front()))
                    return;
                std::pop_heap(heap.begin(), heap.end());
                heap.pop_back();
            }
            heap.push_back(candidate);
            std::push_heap(heap.begin(), heap.end());
        });
    }
    std::sort_heap(heap.begin(), heap.end());
    std::vector<std::int32_t> result;
    result.reserve(heap.size());
    for (const auto& [distance, index] : heap)
        result.push_back(index);
    return result;
}

std::vector<std::int32_t> PointIndex::inRectangle(float minX, float minY, float maxX,
                                                  float maxY) const {
    if (minX > maxX)
        std::swap(minX, maxX);
    if (minY > maxY)
        std::swap(minY, maxY);
    std::vector<std::int32_t> result;
    if (index_.empty() || std::isnan(minX) || std::isnan(maxX) || std::isnan(minY) ||
        std::isnan(maxY))
        return result;
    forCells(column(minX), column(maxX), row(minY), row(maxY), [&](std::size_t at) {
        if (x_[at] >= minX && x_[at] <= maxX && y_[at] >= minY && y_[at] <= maxY)
            result.push_back(index_[at]);
    });
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<std::int32_t> PointIndex::inPolygon(std::span<const float> polygonXy) const {
    std::vector<std::int32_t> result;
    const std::size_t n = polygonXy.size() / 2;
    if (index_.empty() || n < 3)
        return result;
    float minX = polygonXy[0], maxX = minX, minY = polygonXy[1], maxY = minY;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(polygonXy[2 * i]) || !std::isfinite(polygonXy[2 * i + 1]))
            return result;
        minX = std::min(minX, polygonXy[2 * i]);
        maxX = std::max(maxX, polygonXy[2 * i]);
        minY = std::min(minY, polygonXy[2 * i + 1]);
        maxY = std::max(maxY, polygonXy[2 * i + 1]);
    }
    // One cell more on each side: an edge crossing computed a rounding error past the last
    // vertex must not lose a point the plain test would keep.
    const std::int32_t c0 = std::max(0, column(minX) - 1);
    const std::int32_t c1 = std::min(columns_ - 1, column(maxX) + 1);
    const std::int32_t r0 = std::max(0, row(minY) - 1);
    const std::int32_t r1 = std::min(rows_ - 1, row(maxY) + 1);
    forCells(c0, c1, r0, r1, [&](std::size_t at) {
        if (pointInPolygon(x_[at], y_[at], polygonXy))
            result.push_back(index_[at]);
    });
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace shelfscope
