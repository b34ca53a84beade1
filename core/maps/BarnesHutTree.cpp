#include "maps/BarnesHutTree.h"

#include "maps/TsneKernels.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace shelfscope {

namespace {

constexpr int kLevels = 16; ///< 16 bits per axis in the Morton code
/// Cells with this many points or fewer are leaves: a group's walk lists a nearby leaf's
/// points one by one anyway, and fewer, fuller leaves make the tree quicker to build and walk.
constexpr std::int32_t kLeafSize = 8;

/// Spreads the low 16 bits of v to the even bits.
std::uint32_t spread(std::uint32_t v) {
    v &= 0xFFFFu;
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

} // namespace

void BarnesHutTree::build(const std::vector<float>& xy) {
    const auto n = static_cast<std::int32_t>(xy.size() / 2);
    float minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (std::int32_t i = 0; i < n; ++i) {
        minX = std::min(minX, xy[2 * i]);
        maxX = std::max(maxX, xy[2 * i]);
        minY = std::min(minY, xy[2 * i + 1]);
        maxY = std::max(maxY, xy[2 * i + 1]);
    }
    // A square root cell, a little larger than the points so none sits on its far edge.
    const float side = std::max({maxX - minX, maxY - minY, 1e-12f}) * (1.0f + 1e-5f);
    const float scale = 65535.0f / side;
    std::vector<std::uint32_t> codes(static_cast<std::size_t>(n));
    for (std::int32_t i = 0; i < n; ++i) {
        const auto qx = static_cast<std::uint32_t>(std::min(65535.0f, (xy[2 * i] - minX) * scale));
        const auto qy =
            static_cast<std::uint32_t>(std::min(65535.0f, (xy[2 * i + 1] - minY) * scale));
        codes[static_cast<std::size_t>(i)] = (spread(qx) << 1) | spread(qy);
    }
    // LSD radix sort on the 32-bit codes, 8 bits a pass: stable, so equal codes keep index
    // order and the tree does not depend on anything but the layout.
    order_.resize(static_cast<std::size_t>(n));
    std::iota(order_.begin(), order_.end(), 0);
    scratch_.resize(static_cast<std::size_t>(n));
    for (int shift = 0; shift < 32; shift += 8) {
        std::size_t bucket[257] = {};
        for (std::int32_t i : order_)
            ++bucket[((codes[static_cast<std::size_t>(i)] >> shift) & 0xFFu) + 1];
        std::partial_sum(std::begin(bucket), std::end(bucket), std::begin(bucket));
        for (std::int32_t i : order_)
            scratch_[bucket[(codes[static_cast<std::size_t>(i)] >> shift) & 0xFFu]++] = i;
        order_.swap(scratch_);
    }
    rank_.resize(static_cast<std::size_t>(n));
    codes_.resize(static_cast<std::size_t>(n));
    sortedX_.resize(static_cast<std::size_t>(n));
    sortedY_.resize(static_cast<std::size_t>(n));
    for (std::int32_t r = 0; r < n; ++r) {
        const auto i = static_cast<std::size_t>(order_[static_cast<std::size_t>(r)]);
        rank_[i] = r;
        codes_[static_cast<std::size_t>(r)] = codes[i];
        sortedX_[static_cast<std::size_t>(r)] = xy[2 * i];
        sortedY_[static_cast<std::size_t>(r)] = xy[2 * i + 1];
    }
    // Prefix sums give any Morton range's centre of mass in O(1).
    prefixX_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    prefixY_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    for (std::size_t r = 0; r < static_cast<std::size_t>(n); ++r) {
        prefixX_[r + 1] = prefixX_[r] + sortedX_[r];
        prefixY_[r + 1] = prefixY_[r] + sortedY_[r];
    }
    nodes_.clear();
    nodes_.reserve(static_cast<std::size_t>(n) * 2);
    if (n == 0)
        return;
    const std::int32_t root = addNode();
    fill(root, 0, n, 0, side / 2.0f);
}

std::int32_t BarnesHutTree::addNode() {
    nodes_.emplace_back();
    return static_cast<std::int32_t>(nodes_.size() - 1);
}

void BarnesHutTree::fill(std::int32_t node, std::int32_t first, std::int32_t last, int level,
                         float half) {
    const auto at = static_cast<std::size_t>(node);
    const double sx =
        prefixX_[static_cast<std::size_t>(last)] - prefixX_[static_cast<std::size_t>(first)];
    const double sy =
        prefixY_[static_cast<std::size_t>(last)] - prefixY_[static_cast<std::size_t>(first)];
    const std::int32_t count = last - first;
    Node& self = nodes_[at];
    self.comX = static_cast<float>(sx / count);
    self.comY = static_cast<float>(sy / count);
    self.widthSquared = 4.0f * half * half;
    self.count = static_cast<float>(count);
    self.points = count;
    self.leafFirst = first;
    if (count <= kLeafSize || level == kLevels)
        return;
    // The points of each quadrant are consecutive in Morton order.
    const int shift = 2 * (kLevels - 1 - level);
    std::int32_t bounds[5] = {first, first, first, first, last};
    for (std::uint32_t quadrant = 1; quadrant < 4; ++quadrant) {
        const auto begin = codes_.begin() + bounds[quadrant - 1];
        bounds[quadrant] = static_cast<std::int32_t>(
            std::partition_point(
                begin, codes_.begin() + last,
                [&](std::uint32_t code) { return ((code >> shift) & 3u) < quadrant; }) -
            codes_.begin());
    }
    std::int32_t children = 0;
    for (int q = 0; q < 4; ++q)
        children += bounds[q + 1] > bounds[q] ? 1 : 0;
    const auto firstChild = static_cast<std::int32_t>(nodes_.size());
    for (int c = 0; c < children; ++c)
        addNode();
    nodes_[at].firstChild = firstChild; // addNode may have moved the array
    nodes_[at].childCount = children;
    std::int32_t child = firstChild;
    for (int q = 0; q < 4; ++q)
        if (bounds[q + 1] > bounds[q])
            fill(child++, bounds[q], bounds[q + 1], level + 1, half / 2.0f);
}

void BarnesHutTree::groupRepulsion(std::int32_t first, std::int32_t last, float thetaSquared,
                                   Workspace& w, float* z, float* fx, float* fy) const {
    if (nodes_.empty() || first >= last)
        return;
    float x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (std::int32_t r = first; r < last; ++r) {
        x0 = std::min(x0, sortedX_[static_cast<std::size_t>(r)]);
        x1 = std::max(x1, sortedX_[static_cast<std::size_t>(r)]);
        y0 = std::min(y0, sortedY_[static_cast<std::size_t>(r)]);
        y1 = std::max(y1, sortedY_[static_cast<std::size_t>(r)]);
    }
    w.x.clear();
    w.y.clear();
    w.count.clear();
    w.stack.clear();
    w.stack.push_back(0);
    while (!w.stack.empty()) {
        const Node& node = nodes_[static_cast<std::size_t>(w.stack.back())];
        w.stack.pop_back();
        const float ddx = std::max({x0 - node.comX, 0.0f, node.comX - x1});
        const float ddy = std::max({y0 - node.comY, 0.0f, node.comY - y1});
        if (node.widthSquared < thetaSquared * (ddx * ddx + ddy * ddy)) {
            w.x.push_back(node.comX);
            w.y.push_back(node.comY);
            w.count.push_back(node.count);
        } else if (node.firstChild < 0) {
            for (std::int32_t r = node.leafFirst; r < node.leafFirst + node.points; ++r) {
                w.x.push_back(sortedX_[static_cast<std::size_t>(r)]);
                w.y.push_back(sortedY_[static_cast<std::size_t>(r)]);
                w.count.push_back(1.0f);
            }
        } else {
            for (int c = 0; c < node.childCount; ++c)
                w.stack.push_back(node.firstChild + c);
        }
    }
    const std::size_t group = static_cast<std::size_t>(last - first);
    tsneKernels().repulsion(sortedX_.data() + first, sortedY_.data() + first, group, w.x.data(),
                            w.y.data(), w.count.data(), w.x.size(), z + first, fx + first,
                            fy + first);
}

} // namespace shelfscope
