#pragma once

#include "BackgroundTask.h"
#include "TrainingController.h"

#include <QObject>

namespace shelfscope::ui {

/// Saves and loads model files on a worker thread. A loaded model must match the open data set
/// (fingerprint); it arrives as a run, assessed on the test rows its file records.
class ModelFileJobs : public QObject {
    Q_OBJECT
public:
    explicit ModelFileJobs(QObject* parent = nullptr);

    void save(const TrainingRun& run, const QString& path);
    void load(std::shared_ptr<const Dataset> dataset, const QString& path, int runNumber);
    /// Stops a load between its stages (a save is quick and always completes).
    void cancel();
    bool isBusy() const;
    void waitForFinished();

Q_SIGNALS:
    void saved(int run, const QString& path);
    void loaded(const shelfscope::ui::TrainingRun& run);
    void failed(const QString& message);

private:
    struct Outcome {
        TrainingRun run;
        QString savedPath; ///< set for a save
    };

    BackgroundTask<Outcome> task_{this};
};

} // namespace shelfscope::ui
