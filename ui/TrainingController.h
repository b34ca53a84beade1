#pragma once

#include "DatasetLoader.h"
#include "model/Model.h"
#include "train/Experiment.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

namespace shelfscope::ui {

/// A progress report of the run in flight, by value.
struct TrainingProgress {
    int run = 0;
    TrainProgress progress;
};

/// One finished epoch of a run, by value.
struct TrainingEpoch {
    int run = 0;
    EpochReport report;
};

/// A finished (or stopped, or diverged) run, or a model loaded from a file: its outcome, an
/// immutable copy of the model, what a model file records about it, and how it predicts its
/// test rows.
struct TrainingRun {
    int run = 0;
    QString name;
    ExperimentConfig config;
    TrainResult result;
    ErrorMetrics globalMeanBaseline;
    ErrorMetrics biasBaseline;
    std::shared_ptr<const Model> model;
    ModelMetadata metadata;
    PredictionQuality quality;
    QString loadedFrom; ///< the model file, for runs loaded rather than trained
};

/// Trains one model at a time on a worker thread. Progress, epochs and the final run arrive as
/// queued signals carrying values; stop() sets an atomic flag the engine checks every few
/// milliseconds. Destroying the controller stops the run and waits for the worker.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

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
    void finished(const shelfscope::ui::TrainingRun& run);
    void failed(int run, const QString& message);

private:
    struct Outcome {
        TrainingRun run;
        QString error;
    };

    QFutureWatcher<Outcome> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    int runs_ = 0;
};

} // namespace shelfscope::ui

Q_DECLARE_METATYPE(shelfscope::ui::TrainingProgress)
Q_DECLARE_METATYPE(shelfscope::ui::TrainingEpoch)
Q_DECLARE_METATYPE(shelfscope::ui::TrainingRun)
