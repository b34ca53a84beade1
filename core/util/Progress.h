#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace shelfscope {

/// A progress report from a long operation: what it is doing and how far along (0..1).
struct ProgressUpdate {
    std::string stage;
    double fraction = 0.0;
};

using ProgressCallback = std::function<void(const ProgressUpdate&)>;

/// A cancel flag that is never set, for callers that do not need to cancel.
const std::atomic<bool>& neverCancelled();

} // namespace shelfscope
