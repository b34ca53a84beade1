#include "util/FloatEnvironment.h"

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace shelfscope {

namespace {

#if defined(__SSE__)
constexpr unsigned int kFlushToZero = 0x8000;      // _MM_FLUSH_ZERO_ON
constexpr unsigned int kDenormalsAreZero = 0x0040; // _MM_DENORMALS_ZERO_ON
constexpr unsigned int kFlushBoth = kFlushToZero | kDenormalsAreZero;
#endif

} // namespace

void flushDenormalsInThisThread() {
#if defined(__SSE__)
    _mm_setcsr(_mm_getcsr() | kFlushBoth);
#endif
}

bool denormalsFlushedInThisThread() {
#if defined(__SSE__)
    return (_mm_getcsr() & kFlushBoth) == kFlushBoth;
#else
    return false;
#endif
}

FlushDenormalsScope::FlushDenormalsScope() {
#if defined(__SSE__)
    saved_ = _mm_getcsr();
    _mm_setcsr(saved_ | kFlushBoth);
#endif
}

FlushDenormalsScope::~FlushDenormalsScope() {
#if defined(__SSE__)
    // Only the two modes go back: exception flags raised meanwhile stay as they are.
    _mm_setcsr((_mm_getcsr() & ~kFlushBoth) | (saved_ & kFlushBoth));
#endif
}

} // namespace shelfscope
