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

#if defined(SHELFSCOPE_ANNOTATE_HAND_OVER)
// Exported by the ThreadSanitizer runtime (GCC's and LLVM's) but not declared in its header.
extern "C" void __tsan_ignore_thread_begin(void);
extern "C" void __tsan_ignore_thread_end(void);
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

/// While alive, ThreadSanitizer leaves this thread's memory accesses out (in other builds it does
/// nothing). For one thing only: a pool thread dropping its QPromise. Qt's future state is freed
/// by whichever of the promise and the futures lets go of it last, as a reference count inside
/// libQt6Core decides, and that atomic count is invisible to ThreadSanitizer; so when the pool
/// thread let go last, freeing the result the owner's thread had read (and released) looked to it
/// like a race (tst_compareview under tsan, 2026-11-30: QtPrivate::ResultStoreBase::clear on the
/// pool thread against QFutureWatcher::result on the GUI thread).
class UnseenByThreadSanitizer {
public:
    UnseenByThreadSanitizer() {
#if defined(SHELFSCOPE_ANNOTATE_HAND_OVER)
        __tsan_ignore_thread_begin();
#endif
    }
    ~UnseenByThreadSanitizer() {
#if defined(SHELFSCOPE_ANNOTATE_HAND_OVER)
        __tsan_ignore_thread_end();
#endif
    }
    UnseenByThreadSanitizer(const UnseenByThreadSanitizer&) = delete;
    UnseenByThreadSanitizer& operator=(const UnseenByThreadSanitizer&) = delete;
};

} // namespace shelfscope::ui
