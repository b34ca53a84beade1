#pragma once

namespace shelfscope::test {

/// How many times slower than a release build this test program runs: a sanitizer build (the
/// asan and tsan presets) checks every memory access of ours, which makes training and
/// painting several times slower (tst_trainpanel's training run took 121 s under tsan).
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
inline constexpr int kSlowdown = 10;
#else
inline constexpr int kSlowdown = 1;
#endif

/// A time limit for work that fits in `releaseMilliseconds` in a release build.
constexpr int timeLimitMs(int releaseMilliseconds) {
    return releaseMilliseconds * kSlowdown;
}

} // namespace shelfscope::test
