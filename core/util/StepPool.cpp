#include "util/StepPool.h"

#include "util/AwaitChange.h"
#include "util/ComputeThread.h"

namespace shelfscope {

StepPool::StepPool(int threads) {
    for (int i = 1; i < threads; ++i)
        helpers_.push_back(startComputeThread([this, i] { helperLoop(i); }));
}

StepPool::~StepPool() {
    stopping_.store(true, std::memory_order_relaxed);
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
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all(); // no system call unless a helper sleeps
    job(0);
    for (int left = pending_.load(std::memory_order_acquire); left != 0;)
        left = awaitChange(pending_, left);
}

void StepPool::helperLoop(int index) {
    std::uint32_t seen = 0;
    for (;;) {
        seen = awaitChange(generation_, seen);
        if (stopping_.load(std::memory_order_relaxed))
            return;
        (*job_)(index);
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1)
            pending_.notify_one();
    }
}

} // namespace shelfscope
