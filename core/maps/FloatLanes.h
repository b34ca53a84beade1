#pragma once

// Eight floats as one value (GCC and Clang vector extensions), with the few operations UMAP's
// optimiser needs, so that its per-firing arithmetic runs a vector at a time on any x86-64
// build: one AVX register where there is AVX, two SSE registers otherwise.

#include <bit>
#include <cstdint>

// Internal inline helpers only: no vector crosses a real call, so the ABI note GCC gives for
// vector arguments without AVX does not apply. (A file that calls them says so too.)
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace shelfscope::lanes {

inline constexpr int kWidth = 8;

typedef float Floats __attribute__((vector_size(32)));
typedef std::int32_t Ints __attribute__((vector_size(32)));

inline Floats splat(float value) {
    return Floats{} + value;
}

inline Floats minimum(Floats a, Floats b) {
    return a < b ? a : b;
}

inline Floats maximum(Floats a, Floats b) {
    return a > b ? a : b;
}

inline float sum(Floats v) {
    // Pairwise, in a fixed order: the same sum on every build.
    return ((v[0] + v[4]) + (v[2] + v[6])) + ((v[1] + v[5]) + (v[3] + v[7]));
}

/// log2(x) for normal x > 0 to about 1e-7 relative: the exponent from the bits, the mantissa
/// m in [sqrt(1/2), sqrt(2)) through log2(m) = 2 atanh((m - 1) / (m + 1)) / ln 2 (four terms).
inline Floats log2(Floats x) {
    const Ints bits = std::bit_cast<Ints>(x);
    Ints exponent = ((bits >> 23) & 0xff) - 127;
    Floats m = std::bit_cast<Floats>((bits & 0x007fffff) | 0x3f800000); // in [1, 2)
    const Ints high = m > 1.41421356f;                                  // -1 where true
    m = m * (high ? splat(0.5f) : splat(1.0f));
    exponent = exponent - high;
    const Floats t = (m - 1.0f) / (m + 1.0f);
    const Floats t2 = t * t;
    const Floats series = t * (1.0f + t2 * (1.0f / 3.0f + t2 * (1.0f / 5.0f + t2 * (1.0f / 7.0f))));
    return __builtin_convertvector(exponent, Floats) + 2.88539008f * series; // 2 / ln 2
}

/// 2^y for y in [-126, 126] to about 1e-7 relative: 2^round(y) from the bits, the rest by a
/// degree-6 Taylor series of e^(f ln 2), |f| <= 1/2.
inline Floats exp2(Floats y) {
    y = minimum(maximum(y, splat(-126.0f)), splat(126.0f));
    // Adding and taking away 1.5 * 2^23 rounds to the nearest integer, in the default mode.
    const Floats whole = (y + 12582912.0f) - 12582912.0f;
    const Floats f = (y - whole) * 0.693147181f;
    const Floats series =
        1.0f +
        f * (1.0f +
             f * (0.5f + f * (1.0f / 6.0f +
                              f * (1.0f / 24.0f + f * (1.0f / 120.0f + f * (1.0f / 720.0f))))));
    return series * std::bit_cast<Floats>((__builtin_convertvector(whole, Ints) + 127) << 23);
}

/// x^power for x > 0 (values below 1e-30 count as 1e-30).
inline Floats pow(Floats x, float power) {
    return exp2(power * log2(maximum(x, splat(1e-30f))));
}

} // namespace shelfscope::lanes

#pragma GCC diagnostic pop
