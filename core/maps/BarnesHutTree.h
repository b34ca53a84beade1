#pragma once

#include <cstdint>
#include <vector>

namespace shelfscope {

/// A quadtree over 2-D points for Barnes-Hut sums of the t-SNE kernel q = 1 / (1 + d^2): far
/// cells act as one point at their centre of mass. Built from Morton-sorted points, stored as
/// flat arrays so a traversal walks memory in order.
class BarnesHutTree {
public:
    /// xy holds x0, y0, x1, y1, ...
    void build(const std::vector<float>& xy);

    /// Scratch space of one thread for groupRepulsion.
    struct Workspace {
        std::vector<float> x, y, count; ///< the group's interaction list
        std::vector<std::int32_t> stack;
    };

    /// For each point at Morton positions [first, last), which lie close together: sum_j q_ij
    /// and sum_j q_ij^2 (p - y_j) over every other point j, with q = 1 / (1 + d^2). One walk
    /// collects the cells far enough from the group's bounding box (width < theta *
    /// distance to the box) and the single points of the cells near it, then every point of
    /// the group is summed against that list in vectorised, branch-free loops. Results go to
    /// z[r], fx[r], fy[r] for Morton position r.
    void groupRepulsion(std::int32_t first, std::int32_t last, float thetaSquared,
                        Workspace& workspace, float* z, float* fx, float* fy) const;

    std::int32_t size() const { return static_cast<std::int32_t>(order_.size()); }

    /// Point indices in the tree's (Morton) order: traversing in this order keeps neighbouring
    /// points' walks on the same cells.
    const std::vector<std::int32_t>& order() const { return order_; }

private:
    std::int32_t addNode();
    void fill(std::int32_t node, std::int32_t first, std::int32_t last, int level, float half);

    /// Everything a traversal reads about a node, in 32 bytes: two nodes per cache line.
    struct alignas(32) Node {
        float comX = 0.0f;
        float comY = 0.0f;
        float widthSquared = 0.0f;
        float count = 0.0f;
        std::int32_t firstChild = -1; ///< -1 for a leaf; children are consecutive nodes
        std::int32_t childCount = 0;
        std::int32_t leafFirst = 0; ///< the node's first position in Morton order
        std::int32_t points = 0;
    };
    std::vector<Node> nodes_;
    // Per point.
    std::vector<std::int32_t> order_;  ///< point at each Morton position
    std::vector<std::int32_t> rank_;   ///< Morton position of each point
    std::vector<std::uint32_t> codes_; ///< by Morton position
    std::vector<float> sortedX_, sortedY_;
    std::vector<std::int32_t> scratch_; ///< for the radix sort
    std::vector<double> prefixX_, prefixY_;
};

} // namespace shelfscope
