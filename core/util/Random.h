#pragma once

#include <array>
#include <cstdint>

namespace shelfscope {

/// xoshiro256** seeded through SplitMix64, with every derived draw written out here, so a seed
/// gives the same stream on any compiler and standard library (std:: distributions do not).
class Random {
public:
    explicit Random(std::uint64_t seed);

    std::uint64_t nextU64();
    /// Uniform integer in [0, bound) by Lemire's multiply-and-reject method; bound > 0.
    std::uint64_t below(std::uint64_t bound);
    /// Uniform double in [0, 1) with 53 random bits.
    double uniform();
    /// Uniform double in [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Standard normal by the Marsaglia polar method.
    double normal();

private:
    std::array<std::uint64_t, 4> state_{};
    double spareNormal_ = 0.0;
    bool hasSpare_ = false;
};

} // namespace shelfscope
