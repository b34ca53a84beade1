#include "Interrupt.h"

namespace shelfscope::cli {

namespace {

// A lock-free atomic is one of the few things a signal handler may touch.
static_assert(std::atomic<bool>::is_always_lock_free);
std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted.store(true);
}

} // namespace

InterruptFlag::InterruptFlag() {
    interrupted.store(false);
    sigaction(SIGINT, nullptr, &previous_);
    if (previous_.sa_handler == SIG_IGN)
        return; // started to ignore Ctrl-C (a shell's background job): go on ignoring it
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the handler runs once, so a second Ctrl-C ends the program; SA_RESTART:
    // output under way is not cut short by the first.
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGINT, &action, &previous_);
}

InterruptFlag::~InterruptFlag() {
    sigaction(SIGINT, &previous_, nullptr);
}

const std::atomic<bool>& InterruptFlag::flag() const {
    return interrupted;
}

} // namespace shelfscope::cli
