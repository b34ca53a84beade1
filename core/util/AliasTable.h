#pragma once

#include "util/Random.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

/// Draws index i with probability weight[i] / sum(weight) in O(1) (Vose's alias method).
class AliasTable {
public:
    AliasTable() = default;
    /// Weights must be non-negative with a positive sum.
    explicit AliasTable(const std::vector<double>& weights);

    std::size_t draw(Random& random) const;
    std::size_t size() const { return probability_.size(); }

private:
    std::vector<double> probability_;
    std::vector<std::uint32_t> alias_;
};

} // namespace shelfscope
