#pragma once

#include "PoolTask.h"
#include "QueuedCall.h"
#include "io/DataError.h"
#include "util/FloatEnvironment.h"
#include "util/Progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace shelfscope::ui {

/// Why a background job gave no result.
struct TaskError {
    QString message;
    bool cancelled = false; ///< the job stopped because it was asked to
};

/// What a running job sees: its cancel flag, and a way to send values to the owner's thread
/// that arrive only while the job is still the task's current one.
class TaskContext {
public:
    TaskContext(std::shared_ptr<const std::atomic<bool>> cancel,
                std::function<void(std::function<void()>)> post)
        : cancel_(std::move(cancel)), post_(std::move(post)) {}

    const std::atomic<bool>& cancel() const { return *cancel_; }
    bool cancelled() const { return cancel_->load(std::memory_order_relaxed); }
    /// Runs `call` on the owner's thread soon, unless the task was restarted, discarded or
    /// destroyed before it gets there. `call` must hold values, never pointers into the job.
    void post(std::function<void()> call) const { post_(std::move(call)); }

private:
    std::shared_ptr<const std::atomic<bool>> cancel_;
    std::function<void(std::function<void()>)> post_;
};

/// One job at a time on a thread of its own, with the same rules for every kind of work in the
/// app (loading, training, model files, maps):
/// - start() cancels the job in flight, waits for it, and drops whatever it still had to say;
/// - a job checks its cancel flag and may post values to the owner's thread as it goes;
/// - its result or its error arrives on the owner's thread as a value (an exception never
///   crosses threads, and nothing escapes into a slot);
/// - results and posts of a job that is no longer current are dropped (generations);
/// - destroying the task cancels the job and joins its thread.
/// The pool is the task's own, so a long training run never starves a map or a model file.
template <typename Result> class BackgroundTask {
public:
    using Job = std::function<Result(const TaskContext&)>;

    explicit BackgroundTask(QObject* owner) : owner_(owner), state_(std::make_shared<State>()) {
        pool_.setMaxThreadCount(1);
        pool_.setExpiryTimeout(-1); // keep the thread: each start would otherwise make one
        QObject::connect(&watcher_, &QFutureWatcher<Outcome>::finished, owner, [this] {
            Outcome outcome = watcher_.result();
            if (outcome.generation != state_->current)
                return;
            state_->running = false;
            if (outcome.result) {
                if (onResult_)
                    onResult_(std::move(*outcome.result));
            } else if (onError_) {
                onError_(outcome.error);
            }
        });
    }

    ~BackgroundTask() {
        state_->current = -1; // nothing of the job reaches the owner any more
        cancel();
        watcher_.waitForFinished();
        pool_.waitForDone();
    }

    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;

    /// Called on the owner's thread with each current job's result.
    void onResult(std::function<void(Result)> handler) { onResult_ = std::move(handler); }
    /// Called on the owner's thread when a current job threw or was cancelled.
    void onError(std::function<void(const TaskError&)> handler) { onError_ = std::move(handler); }

    /// Starts a job (after cancelling and joining the one in flight); returns its generation.
    int start(Job job) {
        cancel();
        watcher_.waitForFinished();
        const int generation = ++state_->current;
        state_->running = true;
        cancel_ = std::make_shared<std::atomic<bool>>(false);
        QPointer<QObject> owner(owner_);
        std::weak_ptr<State> state = state_;
        auto post = [owner, state, generation](std::function<void()> call) {
            if (!owner)
                return;
            postQueued(owner, [state, generation, call = std::move(call)] {
                const auto alive = state.lock();
                if (alive && alive->current == generation)
                    call();
            });
        };
        TaskContext context(cancel_, std::move(post));
        watcher_.setFuture(runInPool(pool_, [job = std::move(job), context = std::move(context),
                                             generation]() {
            Outcome outcome;
            outcome.generation = generation;
            // Every job computes (loading, training, maps, fold-ins): denormals flushed, as in
            // core's own threads (util/FloatEnvironment.h).
            flushDenormalsInThisThread();
            try {
                outcome.result.emplace(job(context));
            } catch (const OperationCancelled&) {
                outcome.error = {QStringLiteral("Stopped."), true};
            } catch (const std::exception& error) {
                outcome.error = {QString::fromStdString(error.what()), false};
            } catch (...) {
                outcome.error = {QStringLiteral("An unexpected error stopped the work."), false};
            }
            return outcome;
        }));
        return generation;
    }

    /// Asks the job in flight to stop; its outcome (a result, or a cancelled error) still
    /// arrives.
    void cancel() {
        if (cancel_)
            cancel_->store(true);
    }
    /// Cancels the job in flight and drops everything it would still report.
    void discard() {
        cancel();
        ++state_->current;
        state_->running = false;
    }
    /// Whether a current job has not reported yet.
    bool isRunning() const { return state_->running; }
    /// Blocks until the job in flight ends (its outcome is then delivered by the event loop).
    void waitForFinished() { watcher_.waitForFinished(); }
    /// The generation of the latest start() or discard().
    int generation() const { return state_->current; }

private:
    struct Outcome {
        int generation = 0;
        std::optional<Result> result;
        TaskError error;
    };
    /// Shared with posted calls, which may outlive the task.
    struct State {
        int current = 0; ///< touched on the owner's thread only
        bool running = false;
    };

    QObject* owner_;
    std::shared_ptr<State> state_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    QThreadPool pool_;
    QFutureWatcher<Outcome> watcher_;
    std::function<void(Result)> onResult_;
    std::function<void(const TaskError&)> onError_;
};

} // namespace shelfscope::ui
