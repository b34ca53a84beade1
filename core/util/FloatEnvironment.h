#pragma once

namespace shelfscope {

/// Sets flush-to-zero and denormals-are-zero in the calling thread's SSE control register
/// (MXCSR), as TensorFlow does in its compute threads: results below FLT_MIN become zero
/// instead of denormal, and denormal inputs read as zero. Intel cores take a slow microcoded
/// path for every denormal operand (training neural models was 4 to 9 times slower there as
/// their small weights and activations turned denormal); AMD cores hardly notice. Every thread
/// that trains, evaluates or maps must call it (or hold a FlushDenormalsScope): core's own
/// threads do, through startComputeThread(); GUI workers and command-line mains call it
/// themselves. The setting is per thread and stays until changed.
void flushDenormalsInThisThread();

/// Whether both flush-to-zero and denormals-are-zero are set in the calling thread.
bool denormalsFlushedInThisThread();

/// Flush-to-zero and denormals-are-zero for as long as it lives, then the calling thread's
/// previous floating-point control state again: for core entry points (training, evaluation,
/// maps), which must not change the environment of the thread that calls them.
class FlushDenormalsScope {
public:
    FlushDenormalsScope();
    ~FlushDenormalsScope();
    FlushDenormalsScope(const FlushDenormalsScope&) = delete;
    FlushDenormalsScope& operator=(const FlushDenormalsScope&) = delete;

private:
    unsigned int saved_ = 0;
};

} // namespace shelfscope
