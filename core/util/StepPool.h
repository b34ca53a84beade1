#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace shelfscope {

/// A fixed team of threads that run one short job together, many thousand times a second:
/// run(job) calls job(0) on the calling thread and job(1..n-1) on helpers, and returns when all
/// are done. Waiting threads (helpers between jobs, the caller for its helpers) poll for a few
/// microseconds, then sleep (awaitChange), so a helper never holds a core that a descheduled
/// thread of the team, or another program, needs. Helpers flush denormals (ComputeThread.h).
class StepPool {
public:
    explicit StepPool(int threads);
    ~StepPool();
    StepPool(const StepPool&) = delete;
    StepPool& operator=(const StepPool&) = delete;

    int size() const { return static_cast<int>(helpers_.size()) + 1; }
    void run(const std::function<void(int)>& job);

private:
    void helperLoop(int index);

    std::vector<std::thread> helpers_;
    std::atomic<std::uint32_t> generation_{0};
    std::atomic<int> pending_{0};
    std::atomic<bool> stopping_{false};
    const std::function<void(int)>* job_ = nullptr;
};

} // namespace shelfscope
