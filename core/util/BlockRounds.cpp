#include "util/BlockRounds.h"

#include "util/CpuPause.h"

namespace shelfscope {

namespace {

constexpr int kSpinsBeforeYield = 2000;
constexpr int kSpinsBeforeSleep = 20000;

} // namespace

BlockRounds::BlockRounds(int threads, std::int32_t blocks,
                         std::function<void(std::int32_t block, int worker)> work)
    : blocks_(blocks), work_(std::move(work)) {
    for (int worker = 1; worker < threads; ++worker)
        helpers_.emplace_back([this, worker] { helperLoop(worker); });
}

BlockRounds::~BlockRounds() {
    stopping_.store(true);
    round_.fetch_add(1, std::memory_order_release);
    round_.notify_all();
    for (std::thread& helper : helpers_)
        helper.join();
}

void BlockRounds::drain(std::uint32_t round, int worker) {
    std::uint64_t claim = claim_.load(std::memory_order_acquire);
    for (;;) {
        const auto next = static_cast<std::int32_t>(claim & 0xffffffffu);
        if (static_cast<std::uint32_t>(claim >> 32) != round || next >= blocks_)
            return; // the round is over, or has no block left to start
        // A claim succeeds only while the word still names this round: a late helper's stale
        // claim fails instead of taking a block of the next round.
        if (claim_.compare_exchange_weak(claim, claim + 1, std::memory_order_acq_rel,
                                         std::memory_order_acquire)) {
            work_(next, worker);
            done_.fetch_add(1, std::memory_order_release);
            claim = claim_.load(std::memory_order_acquire);
        }
    }
}

void BlockRounds::run() {
    const std::uint32_t round = round_.load(std::memory_order_relaxed) + 1;
    done_.store(0, std::memory_order_relaxed);
    claim_.store(static_cast<std::uint64_t>(round) << 32, std::memory_order_release);
    round_.store(round, std::memory_order_release);
    if (!helpers_.empty())
        round_.notify_all();
    drain(round, 0);
    for (int spin = 0; done_.load(std::memory_order_acquire) != blocks_; ++spin) {
        // Only blocks a helper started are waited for; yield the core to it if it takes long.
        if (spin < kSpinsBeforeYield)
            cpuPause();
        else
            std::this_thread::yield();
    }
}

void BlockRounds::helperLoop(int worker) {
    std::uint32_t seen = 0;
    for (;;) {
        std::uint32_t now = round_.load(std::memory_order_acquire);
        for (int spin = 0; now == seen && spin < kSpinsBeforeSleep; ++spin) {
            cpuPause();
            now = round_.load(std::memory_order_acquire);
        }
        if (now == seen) {
            round_.wait(seen, std::memory_order_acquire);
            continue;
        }
        seen = now;
        if (stopping_.load())
            return;
        drain(now, worker);
    }
}

} // namespace shelfscope
