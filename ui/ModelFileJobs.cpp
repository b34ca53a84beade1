#include "ModelFileJobs.h"

namespace shelfscope::ui {

ModelFileJobs::ModelFileJobs(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingRun>();
    task_.onResult([this](const Outcome& outcome) {
        if (!outcome.savedPath.isEmpty())
            Q_EMIT saved(outcome.run.run, outcome.savedPath);
        else
            Q_EMIT loaded(outcome.run);
    });
    task_.onError([this](const TaskError& error) {
        Q_EMIT failed(error.cancelled ? tr("Loading the model was cancelled.") : error.message);
    });
}

bool ModelFileJobs::isBusy() const {
    return task_.isRunning();
}

void ModelFileJobs::cancel() {
    task_.cancel();
}

void ModelFileJobs::waitForFinished() {
    task_.waitForFinished();
}

void ModelFileJobs::save(const TrainingRun& run, const QString& path) {
    task_.start(
        [model = run.model, metadata = run.metadata, number = run.run, path](const TaskContext&) {
            saveModel(path.toStdString(), *model, metadata); // atomic: temporary file + rename
            Outcome outcome;
            outcome.run.run = number;
            outcome.savedPath = path;
            return outcome;
        });
}

void ModelFileJobs::load(std::shared_ptr<const Dataset> dataset, const QString& path,
                         int runNumber) {
    task_.start([dataset = std::move(dataset), path, runNumber](const TaskContext& context) {
        Outcome outcome;
        static_cast<TrainedRun&>(outcome.run) =
            loadRun(*dataset, path.toStdString(), context.cancel());
        outcome.run.run = runNumber;
        return outcome;
    });
}

} // namespace shelfscope::ui
