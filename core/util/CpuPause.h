#pragma once

namespace shelfscope {

/// Tells the CPU this thread is spinning on a flag another thread will set: it eases off the
/// shared core and the memory bus until the flag changes.
inline void cpuPause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

} // namespace shelfscope
