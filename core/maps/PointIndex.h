#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace shelfscope {

/// Even-odd rule: whether (x, y) lies inside the polygon whose vertices are
/// polygonXy = x0, y0, x1, y1, ... (closed implicitly, may cross itself; a region covered an
/// even number of times is outside). A point exactly on an edge counts as inside or outside
/// consistently (half-open edges), so two polygons sharing an edge never both claim it.
bool pointInPolygon(float x, float y, std::span<const float> polygonXy);

/// A uniform grid over 2-D points (about two points a cell) for the queries a map view asks
/// on every mouse move: the nearest point, the k nearest, the points in a rectangle or a lasso.
/// Building is O(N) (a counting sort by cell), so a t-SNE layout can be re-indexed at every
/// snapshot. Points are indices 0..N-1 of the xy array given to build(); points with a
/// non-finite coordinate are left out and never returned.
///
/// Distances are Euclidean, computed in double from the float coordinates as
/// (double(px) - double(qx))^2 + (double(py) - double(qy))^2; equal distances go to the lower
/// index. Every answer is exactly what a scan over all points would give.
class PointIndex {
public:
    PointIndex() = default;
    /// Same as build(xy).
    explicit PointIndex(std::span<const float> xy) { build(xy); }

    /// Indexes xy = x0, y0, x1, y1, ... (copied; the caller's array may go). Throws
    /// std::invalid_argument for an odd number of coordinates.
    void build(std::span<const float> xy);

    /// Number of points given to build(), indexed or not.
    std::int32_t size() const { return size_; }
    /// Number of points with finite coordinates (the ones queries can return).
    std::int32_t indexedCount() const { return static_cast<std::int32_t>(index_.size()); }
    /// The indexed points cell by cell (rows of cells bottom to top, ascending index within a
    /// cell): an order that walks space, so drawing in it touches memory in order.
    std::span<const std::int32_t> spatialOrder() const { return index_; }

    /// The nearest point to (x, y) at distance <= radius (any radius >= 0, infinity for no
    /// limit) that `accept` approves (all points when `accept` is empty); -1 if none.
    std::int32_t nearest(float x, float y, float radius,
                         const std::function<bool(std::int32_t)>& accept = {}) const;

    /// The k nearest points to (x, y), nearest first (ties by lower index); fewer when fewer
    /// points are indexed.
    std::vector<std::int32_t> nearestK(float x, float y, int k) const;

    /// Points with minX <= x <= maxX and minY <= y <= maxY (bounds in either order), ascending.
    std::vector<std::int32_t> inRectangle(float minX, float minY, float maxX, float maxY) const;

    /// Points inside the polygon by pointInPolygon(), ascending; only the cells under the
    /// polygon's bounding box are looked at. Fewer than 3 vertices select nothing.
    std::vector<std::int32_t> inPolygon(std::span<const float> polygonXy) const;

private:
    /// Grid column / row of a coordinate, clamped to the grid. Monotonic in its argument, so a
    /// range of coordinates maps to a range of cells with no point missed at the borders.
    std::int32_t column(double x) const;
    std::int32_t row(double y) const;
    /// Calls visit(position) for every indexed point in cells [c0, c1] x [r0, r1].
    template <typename Visit>
    void forCells(std::int32_t c0, std::int32_t c1, std::int32_t r0, std::int32_t r1,
                  Visit&& visit) const;
    /// Calls visit(position) for points in the cells at Chebyshev distance `ring` from (c, r).
    template <typename Visit>
    void forRing(std::int32_t c, std::int32_t r, std::int32_t ring, Visit&& visit) const;
    /// A lower bound on the distance from (x, y) to any point outside rings 0..ring-1 around
    /// the cell (c, r); infinity when those rings cover the whole grid.
    double boundBeyond(double x, double y, std::int32_t c, std::int32_t r, std::int32_t ring) const;

    std::int32_t size_ = 0;
    std::int32_t columns_ = 0;
    std::int32_t rows_ = 0;
    double minX_ = 0.0, minY_ = 0.0;
    double cellWidth_ = 1.0, cellHeight_ = 1.0;
    double toColumn_ = 0.0, toRow_ = 0.0; ///< cells per unit of x and y (0 on a flat axis)
    double slack_ = 0.0;                  ///< how far rounding may move a point across a cell edge
    std::vector<std::int32_t> cellStart_; ///< points of cell k at positions [start[k], start[k+1])
    // Per indexed point, by cell (row-major), ascending index within a cell.
    std::vector<float> x_, y_;
    std::vector<std::int32_t> index_;
};

} // namespace shelfscope
