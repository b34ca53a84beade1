#include "split/NumpyPermutation.h"

#include <numeric>
#include <random>
#include <utility>

namespace shelfscope {

std::vector<std::int32_t> numpyLegacyPermutation(std::uint32_t seed, std::int32_t n) {
    std::vector<std::int32_t> permutation(static_cast<std::size_t>(n > 0 ? n : 0));
    std::iota(permutation.begin(), permutation.end(), 0);
    std::mt19937 engine(seed); // the standard fully specifies mt19937's output
    for (std::int32_t i = n - 1; i >= 1; --i) {
        auto bound = static_cast<std::uint32_t>(i);
        std::uint32_t mask = bound;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        std::uint32_t j = 0;
        do {
            j = static_cast<std::uint32_t>(engine()) & mask;
        } while (j > bound);
        std::swap(permutation[static_cast<std::size_t>(i)], permutation[j]);
    }
    return permutation;
}

} // namespace shelfscope
