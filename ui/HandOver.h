#pragma once

// ThreadSanitizer cannot see the locks inside Debian's uninstrumented Qt through which a pool job
// or a queued call passes from one thread to another (docs/SANITIZERS.md); these two calls mark
// such a hand-over for it. In a build without ThreadSanitizer they do nothing.

#if defined(__SANITIZE_THREAD__)
#define SHELFSCOPE_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SHELFSCOPE_THREAD_SANITIZER 1
#endif
#endif

#if defined(SHELFSCOPE_THREAD_SANITIZER) && __has_include(<sanitizer/tsan_interface.h>)
#include <sanitizer/tsan_interface.h>
#define SHELFSCOPE_ANNOTATE_HAND_OVER 1
#endif

namespace shelfscope::ui {

/// On the giving thread, once everything the other thread will read is written.
inline void markHandOver([[maybe_unused]] void* token) {
#if defined(SHELFSCOPE_ANNOTATE_HAND_OVER)
    __tsan_release(token);
#endif
}

/// On the receiving thread, before it reads what was handed over.
inline void markTakenOver([[maybe_unused]] void* token) {
#if defined(SHELFSCOPE_ANNOTATE_HAND_OVER)
    __tsan_acquire(token);
#endif
}

} // namespace shelfscope::ui
