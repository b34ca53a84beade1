#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace shelfscope {

/// Rounds of the same number of independent blocks, run on the calling thread and up to
/// threads - 1 helpers, for loops that need every block of one round done before the next
/// starts (an optimiser's epochs). Blocks are claimed one at a time with the round's number, so
/// a helper that comes late to a round, because the machine is busier than its cores, only
/// finds it finished and waits for the next: a round waits for the blocks started, never for a
/// thread to be scheduled. (StepPool, whose every thread runs its part of each job, suits steps
/// of microseconds on an idle machine; on a busy one each of its joins can wait milliseconds.)
class BlockRounds {
public:
    /// `work(block, worker)` does block `block` in [0, blocks) with scratch space `worker` in
    /// [0, threads); it is the same function every round and must read what changes between
    /// rounds from the caller's variables, which are stable while a round runs.
    BlockRounds(int threads, std::int32_t blocks,
                std::function<void(std::int32_t block, int worker)> work);
    ~BlockRounds();
    BlockRounds(const BlockRounds&) = delete;
    BlockRounds& operator=(const BlockRounds&) = delete;

    int threads() const { return static_cast<int>(helpers_.size()) + 1; }

    /// Runs one round: every block once; returns when all are done.
    void run();

private:
    void helperLoop(int worker);
    /// Claims and does blocks of `round` until none is left to start.
    void drain(std::uint32_t round, int worker);

    std::int32_t blocks_;
    std::function<void(std::int32_t, int)> work_;
    std::vector<std::thread> helpers_;
    /// The current round in the high 32 bits, the next unclaimed block in the low.
    std::atomic<std::uint64_t> claim_{0};
    std::atomic<std::int32_t> done_{0}; ///< blocks of the current round finished
    std::atomic<std::uint32_t> round_{0};
    std::atomic<bool> stopping_{false};
};

} // namespace shelfscope
