#pragma once

#include <cstdint>
#include <vector>

namespace shelfscope {

/// The permutation NumPy's legacy `RandomState(seed).permutation(n)` returns, bit for bit.
/// RandomState(seed) is MT19937 seeded like std::mt19937(seed); permutation() is a Fisher-Yates
/// shuffle from the last index down that draws each bound i by masking 32-bit outputs with the
/// smallest all-ones mask >= i and rejecting values above i.
std::vector<std::int32_t> numpyLegacyPermutation(std::uint32_t seed, std::int32_t n);

} // namespace shelfscope
