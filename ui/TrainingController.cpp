#include "TrainingController.h"


#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <filesystem>

namespace shelfscope::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingProgress>();
    qRegisterMetaType<TrainingEpoch>();
    qRegisterMetaType<TrainingRun>();
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = watcher_.result();
        if (outcome.run.model)
            Q_EMIT finished(outcome.run);
        else
            Q_EMIT failed(outcome.run.run, outcome.error);
    });
}

TrainingController::~TrainingController() {
    stop();
    watcher_.waitForFinished();
}

bool TrainingController::isRunning() const {
    return watcher_.isRunning();
}

void TrainingController::stop() {
    if (cancel_)
        cancel_->store(true);
}

int TrainingController::start(std::shared_ptr<const Dataset> dataset,
                              const ExperimentConfig& config, const QString& name) {
    stop();
    watcher_.waitForFinished();
    const int run = ++runs_;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto flag = cancel_;
    QPointer<TrainingController> self(this);
    // Callbacks run on the worker: they copy the values and queue them to the GUI thread.
    TrainCallbacks callbacks;
    callbacks.progress = [self, run](const TrainProgress& progress) {
        QMetaObject::invokeMethod(
            self,
            [self, value = TrainingProgress{run, progress}] {
                if (self)
                    Q_EMIT self->progressed(value);
            },
            Qt::QueuedConnection);
    };
    callbacks.epochFinished = [self, run](const EpochReport& report) {
        QMetaObject::invokeMethod(
            self,
            [self, value = TrainingEpoch{run, report}] {
                if (self)
                    Q_EMIT self->epochFinished(value);
            },
            Qt::QueuedConnection);
    };
    watcher_.setFuture(QtConcurrent::run([dataset, config, name, run, callbacks, flag] {
        Outcome outcome;
        outcome.run.run = run;
        outcome.run.name = name;
        outcome.run.config = config;
        try {
            const RatingTable ratings = experimentRatings(*dataset, config);
            ExperimentResult result = runExperiment(ratings, config, callbacks, *flag);
            outcome.run.result = result.training;
            outcome.run.globalMeanBaseline = result.globalMeanBaseline;
            outcome.run.biasBaseline = result.biasBaseline;
            outcome.run.metadata = describeModel(*dataset, config, result, name.toStdString());
            outcome.run.quality = assessTestPredictions(ratings, config, *result.model);
            outcome.run.model = std::shared_ptr<const Model>(std::move(result.model));
        } catch (const std::exception& error) {
            outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
    }));
    return run;
}

} // namespace shelfscope::ui
