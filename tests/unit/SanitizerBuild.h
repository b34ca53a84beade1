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

/// A bound on CPU time a thread spends on our code, e.g. the GUI thread's work between two
/// ticks of its event loop, which fits in `releaseMilliseconds` in a release build. The
/// instrumentation makes our code itself slower, not the waits for other threads: about twice
/// (AddressSanitizer's documented average); under asan the GUI thread of tst_trainpanel worked
/// 69.8 ms at a stretch where its release bound is 50 ms (tsan: 33.9 ms).
constexpr double cpuLimitMs(double releaseMilliseconds) {
    return kSlowdown > 1 ? 2.0 * releaseMilliseconds : releaseMilliseconds;
}

} // namespace shelfscope::test
