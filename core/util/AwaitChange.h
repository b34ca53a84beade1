#pragma once

#include "util/CpuPause.h"

#include <atomic>
#include <chrono>

namespace shelfscope {

/// How long a waiting thread polls before it sleeps in the kernel. A hand-off between two
/// threads that both hold a core takes far less; a longer wait means the other thread has no
/// core (another program has it), and polling on would keep from it the core it needs. Polling
/// used to go on for thousands of pause instructions (up to a millisecond on cores with a slow
/// pause), which made two threads five times slower than one on a machine with a busy core.
inline constexpr std::chrono::microseconds kPollBeforeSleep{5};

/// Waits until `value` differs from `old` and returns what it then holds (acquire): polls for
/// at most kPollBeforeSleep, then sleeps on the atomic until another thread changes it and
/// calls notify_one() or notify_all() on it.
template <typename T> T awaitChange(const std::atomic<T>& value, T old) {
    T now = value.load(std::memory_order_acquire);
    if (now != old)
        return now;
    using Clock = std::chrono::steady_clock;
    const Clock::time_point until = Clock::now() + kPollBeforeSleep;
    do {
        for (int i = 0; i < 8; ++i) { // a clock read costs about as much as a few pauses
            cpuPause();
            now = value.load(std::memory_order_acquire);
            if (now != old)
                return now;
        }
    } while (Clock::now() < until);
    for (;;) {
        value.wait(old, std::memory_order_acquire);
        now = value.load(std::memory_order_acquire);
        if (now != old)
            return now;
    }
}

} // namespace shelfscope
