#pragma once

#include "TrainingController.h"

#include <QFutureWatcher>
#include <QObject>

namespace shelfscope::ui {

/// Saves and loads model files on a worker thread. A loaded model must match the open data set
/// (fingerprint); it arrives as a run, assessed on the test rows its file records.
class ModelFileJobs : public QObject {
    Q_OBJECT
public:
    explicit ModelFileJobs(QObject* parent = nullptr);
    ~ModelFileJobs() override;

    void save(const TrainingRun& run, const QString& path);
    void load(std::shared_ptr<const Dataset> dataset, const QString& path, int runNumber);
    bool isBusy() const;
    void waitForFinished();

Q_SIGNALS:
    void saved(int run, const QString& path);
    void loaded(const shelfscope::ui::TrainingRun& run);
    void failed(const QString& message);

private:
    struct Outcome {
        TrainingRun run;
        QString savedPath;
        QString error;
    };
    void start(std::function<Outcome()> job);

    QFutureWatcher<Outcome> watcher_;
};

/// A run for a model read from a file, checked against the data set: throws DataError naming
/// the file when the model was trained on another data set.
TrainingRun runFromModelFile(const Dataset& dataset, const std::string& path);

} // namespace shelfscope::ui
