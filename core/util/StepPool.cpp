#include "util/StepPool.h"

#include "util/ComputeThread.h"
#include "util/CpuPause.h"

namespace shelfscope {

namespace {

constexpr int kSpinsBeforeSleep = 20000;

} // namespace

StepPool::StepPool(int threads) {
    for (int i = 1; i < threads; ++i)
        helpers_.push_back(startComputeThread([this, i] { helperLoop(i); }));
}

StepPool::~StepPool() {
    stopping_.store(true);
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    for (std::thread& helper : helpers_)
        helper.join();
}

void StepPool::run(const std::function<void(int)>& job) {
    if (helpers_.empty()) {
        job(0);
        return;
    }
    job_ = &job;
    pending_.store(static_cast<int>(helpers_.size()), std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_seq_cst);
    // Waking a sleeper is a system call; spinning helpers see the new generation by themselves.
    if (sleepers_.load(std::memory_order_seq_cst) > 0)
        generation_.notify_all();
    job(0);
    while (pending_.load(std::memory_order_acquire) != 0)
        cpuPause();
}

void StepPool::helperLoop(int index) {
    std::uint32_t seen = 0;
    for (;;) {
        std::uint32_t now = generation_.load(std::memory_order_acquire);
        for (int spin = 0; now == seen && spin < kSpinsBeforeSleep; ++spin) {
            cpuPause();
            now = generation_.load(std::memory_order_acquire);
        }
        if (now == seen) {
            sleepers_.fetch_add(1, std::memory_order_seq_cst);
            generation_.wait(seen, std::memory_order_seq_cst); // returns at once if it moved on
            sleepers_.fetch_sub(1, std::memory_order_seq_cst);
            continue;
        }
        seen = now;
        if (stopping_.load())
            return;
        (*job_)(index);
        pending_.fetch_sub(1, std::memory_order_acq_rel);
    }
}

} // namespace shelfscope
