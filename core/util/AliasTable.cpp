#include "util/AliasTable.h"

#include <stdexcept>

namespace shelfscope {

AliasTable::AliasTable(const std::vector<double>& weights)
    : probability_(weights.size(), 1.0), alias_(weights.size(), 0) {
    double sum = 0.0;
    for (double w : weights) {
        if (!(w >= 0.0))
            throw std::invalid_argument("alias table weights must be non-negative");
        sum += w;
    }
    if (!(sum > 0.0))
        throw std::invalid_argument("alias table weights must have a positive sum");
    const std::size_t n = weights.size();
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small;
    std::vector<std::uint32_t> large;
    for (std::size_t i = 0; i < n; ++i) {
        scaled[i] = weights[i] * static_cast<double>(n) / sum;
        (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const std::uint32_t s = small.back();
        small.pop_back();
        const std::uint32_t l = large.back();
        probability_[s] = scaled[s];
        alias_[s] = l;
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Whatever is left has probability 1 up to rounding.
    for (std::uint32_t i : small)
        probability_[i] = 1.0;
    for (std::uint32_t i : large)
        probability_[i] = 1.0;
}

std::size_t AliasTable::draw(Random& random) const {
    const auto column = static_cast<std::size_t>(random.below(probability_.size()));
    return random.uniform() < probability_[column] ? column : alias_[column];
}

} // namespace shelfscope
