#pragma once

#include "HandOver.h"

#include <QFuture>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace shelfscope::ui {

/// Runs `fn` on a thread of `pool` and returns the future of its result (an exception it
/// throws is the future's), as QtConcurrent::run does, with one difference: the hand-over of
/// the job to the pool's thread is visible to ThreadSanitizer. Debian's Qt is not built with
/// it, so it cannot see the lock inside libQt6Core through which QThreadPool passes a job, and
/// reported QtConcurrent::run's own task object (written here, read on the pool's thread) as a
/// race. Unlike QtConcurrent, a thread waiting on the future never runs a job that has not
/// started yet itself: the GUI thread never runs a job.
template <typename Fn>
auto runInPool(QThreadPool& pool, Fn fn) -> QFuture<std::invoke_result_t<Fn&>>;

namespace detail {

template <typename Result, typename Fn> class PoolTask final : public QRunnable {
public:
    explicit PoolTask(Fn fn) : fn_(std::move(fn)) {
        promise_.emplace();
        promise_->start();
    }
    ~PoolTask() override {
        const UnseenByThreadSanitizer unseen; // see there: Qt's shared state may be freed here
        promise_.reset();
    }
    PoolTask(const PoolTask&) = delete;
    PoolTask& operator=(const PoolTask&) = delete;
    QFuture<Result> future() { return promise_->future(); }

    /// Called on the submitting thread once the task is whole, before the pool sees it.
    void handOver() { markHandOver(this); }

    void run() override {
        markTakenOver(this);
        try {
            promise_->addResult(fn_());
        } catch (...) {
            promise_->setException(std::current_exception());
        }
        promise_->finish();
    }

private:
    Fn fn_;
    std::optional<QPromise<Result>> promise_; // reset in the destructor, see there
};

} // namespace detail

template <typename Fn>
auto runInPool(QThreadPool& pool, Fn fn) -> QFuture<std::invoke_result_t<Fn&>> {
    using Result = std::invoke_result_t<Fn&>;
    static_assert(!std::is_void_v<Result>, "runInPool needs a job that returns a value");
    auto* task = new detail::PoolTask<Result, Fn>(std::move(fn)); // the pool deletes it
    QFuture<Result> future = task->future();
    task->handOver();
    pool.start(task);
    return future;
}

} // namespace shelfscope::ui
