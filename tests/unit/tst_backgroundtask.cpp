#include "BackgroundTask.h"
#include "PoolTask.h"
#include "QueuedCall.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <chrono>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// Waits on the job's cancel flag for up to 10 s; true when it was cancelled.
bool waitForCancel(const TaskContext& context) {
    for (int i = 0; i < 10000 && !context.cancelled(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return context.cancelled();
}

/// Records what a task delivers on the owner's thread.
struct Recorder {
    std::vector<int> results;
    std::vector<TaskError> errors;
    std::vector<int> posts;
    void attach(BackgroundTask<int>& task) {
        task.onResult([this](int value) { results.push_back(value); });
        task.onError([this](const TaskError& error) { errors.push_back(error); });
    }
};

bool settle(const std::function<bool()>& done) {
    return QTest::qWaitFor(done, 10000);
}

} // namespace

class TestBackgroundTask : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversTheResultOnTheOwnersThread() {
        QObject owner;
        BackgroundTask<int> task(&owner);
        Recorder recorder;
        QThread* ownerThread = QThread::currentThread();
        std::atomic<QThread*> jobThread{nullptr};
        bool resultOnOwnerThread = false;
        task.onResult([&](int value) {
            recorder.results.push_back(value);
            resultOnOwnerThread = QThread::currentThread() == ownerThread;
        });
        std::atomic<bool> flushed{false};
        task.start([&](const TaskContext&) {
            jobThread = QThread::currentThread();
            flushed = denormalsFlushedInThisThread();
            return 42;
        });
        QVERIFY(task.isRunning());
        QVERIFY(settle([&] { return !recorder.results.empty(); }));
        QCOMPARE(recorder.results, std::vector<int>{42});
        QVERIFY(resultOnOwnerThread);
        QVERIFY(jobThread.load() != ownerThread);
        QVERIFY(!task.isRunning());
        // Jobs compute with denormals flushed (as core's threads do); the GUI thread is left
        // as it was.
        QVERIFY(flushed);
        QVERIFY(!denormalsFlushedInThisThread());
    }

    void errorsArriveAsValues_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("std::exception") << 0 << "disk on fire" << false;
        QTest::newRow("cancelled") << 1 << "Stopped." << true;
        QTest::newRow("anything else") << 2 << "An unexpected error stopped the work." << false;
    }

    void errorsArriveAsValues() {
        QFETCH(int, kind);
        QFETCH(QString, message);
        QFETCH(bool, cancelled);
        QObject owner;
        BackgroundTask<int> task(&owner);
        Recorder recorder;
        recorder.attach(task);
        task.start([kind](const TaskContext&) -> int {
            if (kind == 0)
                throw std::runtime_error("disk on fire");
            if (kind == 1)
                throw OperationCancelled();
            throw 7; // not an exception class at all
        });
        QVERIFY(settle([&] { return !recorder.errors.empty(); }));
        QVERIFY(recorder.results.empty());
        QCOMPARE(recorder.errors.front().message, message);
        QCOMPARE(recorder.errors.front().cancelled, cancelled);
        // waitForFinished never rethrows.
        task.waitForFinished();
    }

    void restartingDropsTheOldJobsResultAndPosts() {
        QObject owner;
        BackgroundTask<int> task(&owner);
        Recorder recorder;
        recorder.attach(task);
        std::atomic<bool> oldSawCancel{false};
        task.start([&](const TaskContext& context) {
            context.post([&] { recorder.posts.push_back(1); }); // queued before the restart
            oldSawCancel = waitForCancel(context);
            context.post([&] { recorder.posts.push_back(2); });
            return 1; // a result after all: it must not arrive
        });
        // No event is processed in between: post 1 is still queued when the job is replaced.
        task.start([&](const TaskContext& context) {
            context.post([&] { recorder.posts.push_back(3); });
            return 2;
        });
        QVERIFY(settle([&] { return !recorder.results.empty(); }));
        QTest::qWait(50);
        QVERIFY(oldSawCancel);
        QCOMPARE(recorder.results, std::vector<int>{2});
        QVERIFY(recorder.errors.empty());
        QCOMPARE(recorder.posts, std::vector<int>{3});
    }

    void discardStopsAndSilencesTheJob() {
        QObject owner;
        BackgroundTask<int> task(&owner);
        Recorder recorder;
        recorder.attach(task);
        std::atomic<bool> sawCancel{false};
        task.start([&](const TaskContext& context) {
            sawCancel = waitForCancel(context);
            context.post([&] { recorder.posts.push_back(1); });
            throw OperationCancelled();
            return 0;
        });
        task.discard();
        QVERIFY(!task.isRunning());
        task.waitForFinished();
        QTest::qWait(50);
        QVERIFY(sawCancel);
        QVERIFY(recorder.results.empty());
        QVERIFY(recorder.errors.empty());
        QVERIFY(recorder.posts.empty());
    }

    void cancelStillReportsTheOutcome() {
        QObject owner;
        BackgroundTask<int> task(&owner);
        Recorder recorder;
        recorder.attach(task);
        task.start([](const TaskContext& context) { return waitForCancel(context) ? 5 : 0; });
        task.cancel();
        QVERIFY(settle([&] { return !recorder.results.empty(); }));
        QCOMPARE(recorder.results, std::vector<int>{5}); // e.g. a stopped run keeps its weights
    }

    void destroyingCancelsAndJoins() {
        auto owner = std::make_unique<QObject>();
        auto task = std::make_unique<BackgroundTask<int>>(owner.get());
        std::atomic<bool> finished{false};
        std::atomic<bool> posted{false};
        task->start([&](const TaskContext& context) {
            const bool cancelled = waitForCancel(context);
            context.post([&] { posted = true; });
            finished = cancelled;
            return 0;
        });
        task.reset(); // must not return before the job has ended
        QVERIFY(finished);
        QTest::qWait(50);
        QVERIFY(!posted); // nothing reaches an owner whose task is gone
    }

    void aLongJobDoesNotStarveAnotherTask() {
        // Each task has its own thread: a training run never holds up a map or a model file,
        // even with more long jobs than the global thread pool has threads.
        QObject owner;
        std::vector<std::unique_ptr<BackgroundTask<int>>> longJobs;
        for (int i = 0; i < QThreadPool::globalInstance()->maxThreadCount() + 1; ++i) {
            longJobs.push_back(std::make_unique<BackgroundTask<int>>(&owner));
            longJobs.back()->start(
                [](const TaskContext& context) { return waitForCancel(context) ? 1 : 0; });
        }
        BackgroundTask<int> quick(&owner);
        Recorder quickResults;
        quickResults.attach(quick);
        quick.start([](const TaskContext&) { return 9; });
        QVERIFY(settle([&] { return !quickResults.results.empty(); }));
        QCOMPARE(quickResults.results, std::vector<int>{9});
        for (auto& job : longJobs)
            job->cancel();
    }

    void manyJobsInARowSeeWhatTheOwnerGaveThem() {
        // Each job reads a payload the owner's thread built just before start(); the pool's
        // one thread takes the jobs one after the other: the hand-over that ThreadSanitizer
        // could not see through QtConcurrent::run (PoolTask.h).
        QObject owner;
        BackgroundTask<long> task(&owner);
        std::vector<long> results;
        task.onResult([&](long value) { results.push_back(value); });
        constexpr int kJobs = 300;
        long expected = 0;
        for (int i = 0; i < kJobs; ++i) {
            std::vector<long> payload(64, i);
            expected = std::accumulate(payload.begin(), payload.end(), 0L);
            task.start([payload = std::move(payload)](const TaskContext&) {
                return std::accumulate(payload.begin(), payload.end(), 0L);
            });
            task.waitForFinished();
            QVERIFY(settle([&] { return static_cast<int>(results.size()) == i + 1; }));
            QCOMPARE(results.back(), expected);
        }
    }

    void runInPoolGivesTheResultOrTheException() {
        QThreadPool pool;
        QFuture<int> value = runInPool(pool, [] { return 7; });
        QCOMPARE(value.result(), 7);
        QFuture<int> failed = runInPool(pool, []() -> int { throw std::runtime_error("no"); });
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, failed.waitForFinished());
    }

    void postedCallsRunOnTheReceiversThreadWithWhatTheyCarry() {
        // Another thread builds each call's payload just before posting it: the hand-over that
        // ThreadSanitizer could not see through postEvent (QueuedCall.h).
        QObject receiver;
        constexpr int kCalls = 200;
        std::vector<long> sums;
        std::atomic<bool> wrongThread{false};
        std::thread sender([&] {
            for (int i = 0; i < kCalls; ++i) {
                std::vector<long> payload(32, i);
                postQueued(&receiver, [&, payload = std::move(payload)] {
                    if (QThread::currentThread() != receiver.thread())
                        wrongThread = true;
                    sums.push_back(std::accumulate(payload.begin(), payload.end(), 0L));
                });
            }
        });
        // Joined only after the calls ran: a join would order them after the sender's writes.
        const bool allRan = settle([&] { return static_cast<int>(sums.size()) == kCalls; });
        sender.join();
        QVERIFY(allRan);
        QVERIFY(!wrongThread);
        for (int i = 0; i < kCalls; ++i)
            QCOMPARE(sums[static_cast<std::size_t>(i)], 32L * i);
    }

    void aCallPendingWhenItsReceiverDiesIsDroppedNotRun() {
        bool ran = false;
        auto payload = std::make_shared<int>(5);
        std::weak_ptr<int> watch = payload;
        {
            QObject receiver;
            std::thread sender([&, payload = std::move(payload)]() mutable {
                postQueued(&receiver, [&ran, payload = std::move(payload)] { ran = *payload > 0; });
            });
            sender.join();
        } // the receiver dies before its event loop runs the call
        QCoreApplication::processEvents();
        QVERIFY(!ran);
        QVERIFY(watch.expired()); // the call and what it carried were destroyed
    }

    void aWaitingThreadNeverRunsAQueuedJob() {
        // QtConcurrent lets a thread waiting on a future run the job itself when the pool has
        // not started it; the GUI thread must never run a job.
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        std::atomic<bool> release{false};
        QFuture<int> busy = runInPool(pool, [&] {
            while (!release.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 1;
        });
        QFuture<QThread*> queued = runInPool(pool, [] { return QThread::currentThread(); });
        std::thread releaser([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            release = true;
        });
        queued.waitForFinished();
        releaser.join();
        QCOMPARE(busy.result(), 1);
        QVERIFY(queued.result() != QThread::currentThread());
    }
};

QTEST_MAIN(TestBackgroundTask)
#include "tst_backgroundtask.moc"
