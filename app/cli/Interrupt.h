#pragma once

#include <atomic>
#include <csignal>

namespace shelfscope::cli {

/// While it lives, the first Ctrl-C (SIGINT) sets flag() instead of ending the program, so a
/// long computation given the flag as its cancel stops at its next look and the command can
/// report what was reached; a second Ctrl-C ends the program as usual. A program started with
/// Ctrl-C ignored keeps ignoring it. One at a time.
class InterruptFlag {
public:
    InterruptFlag();
    ~InterruptFlag();
    InterruptFlag(const InterruptFlag&) = delete;
    InterruptFlag& operator=(const InterruptFlag&) = delete;

    const std::atomic<bool>& flag() const;
    bool raised() const { return flag().load(); }

private:
    struct sigaction previous_ {};
};

} // namespace shelfscope::cli
