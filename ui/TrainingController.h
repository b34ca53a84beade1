#pragma once

#include "BackgroundTask.h"
#include "DatasetLoader.h"
#include "maps/BookEmbeddings.h"
#include "train/TrainedRun.h"

#include <QObject>
#include <QString>
#include <memory>

namespace shelfscope::ui {

/// A progress report of the run in flight, by value.
struct TrainingProgress {
    int run = 0;
    TrainProgress progress;
};

/// One finished epoch of a run, by value, with a copy of the book embeddings it left (for a
/// map that follows training).
struct TrainingEpoch {
    int run = 0;
    EpochReport report;
    std::shared_ptr<const BookEmbeddings> books;
};

/// A run of the session: a model trained here (finished, stopped or diverged) or read from a
/// file, under the number the runs table shows.
struct TrainingRun : TrainedRun {
    int run = 0;
};

/// Trains one model at a time on a worker thread. Progress, epochs and the final run arrive as
/// queued signals carrying values; stop() sets an atomic flag the engine checks every few
/// milliseconds. Destroying the controller stops the run and waits for the worker.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);

    /// Starts a run; returns its number. The data set must stay alive (it is shared).
    int start(std::shared_ptr<const Dataset> dataset, const ExperimentConfig& config,
              const QString& name);
    void stop();
    bool isRunning() const;
    /// A fresh run number, for runs that enter the session another way (a loaded model).
    int reserveRunNumber() { return ++runs_; }

Q_SIGNALS:
    void progressed(const shelfscope::ui::TrainingProgress& progress);
    void epochFinished(const shelfscope::ui::TrainingEpoch& epoch);
    /// A run ended: finished, or diverged, or stopped with the weights it reached.
    void finished(const shelfscope::ui::TrainingRun& run);
    /// A run was stopped before it had any model: an item-item fit, which has no partial model
    /// (core throws OperationCancelled; train/ItemItemFit.h).
    void stopped(int run);
    void failed(int run, const QString& message);

private:
    BackgroundTask<TrainingRun> task_{this};
    int current_ = 0; ///< the run in flight, for its failure report
    int runs_ = 0;
};

} // namespace shelfscope::ui

Q_DECLARE_METATYPE(shelfscope::ui::TrainingProgress)
Q_DECLARE_METATYPE(shelfscope::ui::TrainingEpoch)
Q_DECLARE_METATYPE(shelfscope::ui::TrainingRun)
