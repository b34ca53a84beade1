#pragma once

#include "HandOver.h"

#include <QMetaObject>
#include <QObject>
#include <utility>

namespace shelfscope::ui {

/// Runs `fn` on `receiver`'s thread from its event loop (QMetaObject::invokeMethod with
/// Qt::QueuedConnection), with the hand-over visible to ThreadSanitizer. Debian's Qt is not
/// built with it: QCoreApplication::postEvent passes the call to the other thread under a lock
/// inside libQt6Core that TSan cannot see, so the call's captures (written here, read there)
/// were reported as a race. Every cross-thread queued call of ours goes through this.
template <typename Fn> void postQueued(QObject* receiver, Fn fn);

namespace detail {

/// A per-call token for ThreadSanitizer. Its constructors release it (the last one runs in the
/// call object Qt keeps, once the call is whole); the receiving side acquires it before it
/// reads or destroys anything of the call. Nothing outside a TSan build.
class HandOverMark {
public:
    HandOverMark() { release(); }
    HandOverMark(const HandOverMark&) { release(); }
    HandOverMark(HandOverMark&&) noexcept { release(); }
    HandOverMark& operator=(const HandOverMark&) = delete;
    HandOverMark& operator=(HandOverMark&&) = delete;
    ~HandOverMark() { acquire(); } // runs before the call's captures are destroyed

    void acquire() { markTakenOver(this); }

private:
    void release() { markHandOver(this); }
};

template <typename Fn> struct QueuedCall {
    Fn fn;
    HandOverMark mark; // declared last: made after `fn`, so its release covers fn's writes
    void operator()() {
        mark.acquire();
        fn();
    }
};

} // namespace detail

template <typename Fn> void postQueued(QObject* receiver, Fn fn) {
    QMetaObject::invokeMethod(receiver, detail::QueuedCall<Fn>{std::move(fn), {}},
                              Qt::QueuedConnection);
}

} // namespace shelfscope::ui
