#include "ModelFileJobs.h"

#include "data/Fingerprint.h"
#include "io/DataError.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace shelfscope::ui {

TrainingRun runFromModelFile(const Dataset& dataset, const std::string& path) {
    SavedModel saved = loadModel(path);
    const ModelMetadata& m = saved.metadata;
    const std::uint64_t fingerprint = datasetFingerprint(dataset);
    if (fingerprint != m.datasetFingerprint)
        throw DataError({path}, "the model was trained on another data set ('" + m.datasetName +
                                    "', fingerprint " + fingerprintText(m.datasetFingerprint) +
                                    "); the open data set is '" + dataset.name + "' (fingerprint " +
                                    fingerprintText(fingerprint) + ")");
    TrainingRun run;
    run.config = experimentOf(m);
    run.name = QFileInfo(QString::fromStdString(path)).fileName();
    run.loadedFrom = QString::fromStdString(path);
    run.quality = assessTestPredictions(experimentRatings(dataset, run.config), run.config, *saved.model);
    run.result.test = run.quality.errors;
    run.result.message = "loaded from " + path;
    run.metadata = m;
    run.model = std::shared_ptr<const Model>(std::move(saved.model));
    return run;
}

ModelFileJobs::ModelFileJobs(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingRun>();
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = watcher_.result();
        if (!outcome.error.isEmpty())
            Q_EMIT failed(outcome.error);
        else if (!outcome.savedPath.isEmpty())
            Q_EMIT saved(outcome.run.run, outcome.savedPath);
        else
            Q_EMIT loaded(outcome.run);
    });
}

ModelFileJobs::~ModelFileJobs() {
    watcher_.waitForFinished();
}

bool ModelFileJobs::isBusy() const {
    return watcher_.isRunning();
}

void ModelFileJobs::waitForFinished() {
    watcher_.waitForFinished();
}

void ModelFileJobs::start(std::function<Outcome()> job) {
    watcher_.waitForFinished();
    // Errors travel back as values, so waitForFinished() never rethrows.
    watcher_.setFuture(QtConcurrent::run([job = std::move(job)] {
        try {
            return job();
        } catch (const std::exception& error) {
            Outcome outcome;
            outcome.error = QString::fromStdString(error.what());
            return outcome;
        }
    }));
}

void ModelFileJobs::save(const TrainingRun& run, const QString& path) {
    start([model = run.model, metadata = run.metadata, number = run.run, path] {
        saveModel(path.toStdString(), *model, metadata); // atomic: temporary file + rename
        Outcome outcome;
        outcome.run.run = number;
        outcome.savedPath = path;
        return outcome;
    });
}

void ModelFileJobs::load(std::shared_ptr<const Dataset> dataset, const QString& path,
                         int runNumber) {
    start([dataset = std::move(dataset), path, runNumber] {
        Outcome outcome;
        outcome.run = runFromModelFile(*dataset, path.toStdString());
        outcome.run.run = runNumber;
        return outcome;
    });
}

} // namespace shelfscope::ui
