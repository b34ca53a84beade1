#pragma once

#include "BackgroundTask.h"
#include "DatasetLoader.h"
#include "TrainingController.h"
#include "recommend/Recommender.h"

#include <QObject>
#include <deque>
#include <map>
#include <memory>

namespace shelfscope::ui {

/// A finished run made ready to recommend with on the open data set, with everything its
/// recommender refers to kept alive; or the reason it cannot be (error).
struct PreparedRun {
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const ReaderShelves> shelves;
    std::shared_ptr<const TrainingRun> run;
    std::unique_ptr<const Recommender> recommender;
    QString error;
};

/// Recommenders for the session's runs on the open data set, built on a worker thread (grouping
/// a million ratings by reader takes a moment) the first time a panel asks, then shared by every
/// panel. A run trained on another data set gets an error naming both data sets.
class PreparedRuns : public QObject {
    Q_OBJECT
public:
    explicit PreparedRuns(QObject* parent = nullptr);

    /// Forgets everything prepared for the previous data set.
    void setDataset(const LoadedDataset& loaded);
    /// The prepared run if it is ready (check its error), else nullptr; a run not asked for
    /// before is queued, and ready() or failed() follows.
    std::shared_ptr<const PreparedRun> get(const std::shared_ptr<const TrainingRun>& run);
    /// Drops a run (it was deleted).
    void forget(int run);
    /// Whether a run is queued or being prepared.
    bool isPreparing(int run) const;

Q_SIGNALS:
    void ready(int run);
    void failed(int run, const QString& message);

private:
    void startNext();

    std::shared_ptr<const Dataset> dataset_;
    std::shared_ptr<const ReaderShelves> shelves_;
    std::map<int, std::shared_ptr<const PreparedRun>> done_;
    std::deque<std::shared_ptr<const TrainingRun>> queue_;
    int preparing_ = 0; ///< the run in flight (0: none)
    BackgroundTask<std::shared_ptr<const PreparedRun>> task_{this};
};

} // namespace shelfscope::ui
