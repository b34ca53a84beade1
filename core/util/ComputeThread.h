#pragma once

#include "util/FloatEnvironment.h"

#include <thread>
#include <utility>

namespace shelfscope {

/// Starts a thread that computes for core: it flushes denormals (flushDenormalsInThisThread)
/// before running `body`. Every thread core starts goes through here. A new thread inherits its
/// creator's floating-point modes, but its creator may be any thread of the application.
template <typename Body> std::thread startComputeThread(Body&& body) {
    return std::thread([task = std::forward<Body>(body)]() mutable {
        flushDenormalsInThisThread();
        task();
    });
}

} // namespace shelfscope
