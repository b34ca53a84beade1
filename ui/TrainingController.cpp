#include "TrainingController.h"

namespace shelfscope::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingProgress>();
    qRegisterMetaType<TrainingEpoch>();
    qRegisterMetaType<TrainingRun>();
    task_.onResult([this](const TrainingRun& run) { Q_EMIT finished(run); });
    task_.onError([this](const TaskError& error) { Q_EMIT failed(current_, error.message); });
}

bool TrainingController::isRunning() const {
    return task_.isRunning();
}

void TrainingController::stop() {
    task_.cancel();
}

int TrainingController::start(std::shared_ptr<const Dataset> dataset,
                              const ExperimentConfig& config, const QString& name) {
    const int run = ++runs_;
    current_ = run;
    // Callbacks run on the worker: they copy the values and post them to the GUI thread, where
    // they arrive only while this run is the current one (so `this` is alive there).
    task_.start([this, dataset = std::move(dataset), config, name = name.toStdString(),
                 run](const TaskContext& context) {
        TrainCallbacks callbacks;
        callbacks.progress = [this, &context, run](const TrainProgress& progress) {
            context.post(
                [this, value = TrainingProgress{run, progress}] { Q_EMIT progressed(value); });
        };
        callbacks.epochFinished = [this, &context, run](const EpochReport& report) {
            context.post(
                [this, value = TrainingEpoch{run, report}] { Q_EMIT epochFinished(value); });
        };
        TrainingRun trained;
        static_cast<TrainedRun&>(trained) =
            trainRun(*dataset, config, name, callbacks, context.cancel());
        trained.run = run;
        return trained;
    });
    return run;
}

} // namespace shelfscope::ui
