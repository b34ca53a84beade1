#pragma once

#include "data/Dataset.h"
#include "data/DatasetStats.h"
#include "demo/DemoGenerator.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace shelfscope::ui {

/// An immutable, fully loaded data set with what loading found; shared by value with the GUI.
struct LoadedDataset {
    std::shared_ptr<const Dataset> dataset;
    LoadSummary summary;
    QStringList warnings;
    RatingSpread spread;                    ///< of the kept ratings
    std::vector<CountBin> ratingsPerReader; ///< readers by how many ratings they gave
};

/// Loads a data set folder, or generates the demo library, on a worker thread and reports the
/// outcome through queued signals. Destroying it cancels and waits for the worker.
class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    ~DatasetLoader() override;

    void loadFolder(const QString& folder);
    void loadDemo(const DemoConfig& config = {});
    void cancel();
    bool isBusy() const;

Q_SIGNALS:
    void progressed(const QString& stage, double fraction);
    void loaded(const shelfscope::ui::LoadedDataset& result);
    void failed(const QString& message);

private:
    /// What a worker hands back: the data set, or the message saying why there is none.
    struct Outcome {
        LoadedDataset loaded;
        QString error;
    };
    void start(std::function<LoadedDataset(const ProgressCallback&, const std::atomic<bool>&)> job);

    QFutureWatcher<Outcome> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace shelfscope::ui

Q_DECLARE_METATYPE(shelfscope::ui::LoadedDataset)
