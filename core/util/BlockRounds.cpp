#include "util/BlockRounds.h"

#include "util/AwaitChange.h"
#include "util/ComputeThread.h"

namespace shelfscope {

BlockRounds::BlockRounds(int threads, std::int32_t blocks,
                         std::function<void(std::int32_t block, int worker)> work)
    : blocks_(blocks), work_(std::move(work)) {
    for (int worker = 1; worker < threads; ++worker)
        helpers_.push_back(startComputeThread([this, worker] { helperLoop(worker); }));
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
            if (worker != 0)
                done_.notify_one(); // the caller may be asleep on the count
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
    // Only blocks a helper started are waited for; a short poll, then sleep (util/AwaitChange.h:
    // spinning on would keep from the helper the core it may need).
    for (std::int32_t done = done_.load(std::memory_order_acquire); done != blocks_;)
        done = awaitChange(done_, done);
}

void BlockRounds::helperLoop(int worker) {
    std::uint32_t seen = 0;
    for (;;) {
        const std::uint32_t now = awaitChange(round_, seen);
        seen = now;
        if (stopping_.load())
            return;
        drain(now, worker);
    }
}

} // namespace shelfscope
