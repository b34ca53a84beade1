#pragma once

#include "BackgroundTask.h"
#include "data/Dataset.h"
#include "data/DatasetStats.h"
#include "demo/DemoGenerator.h"
#include "recommend/ReaderShelves.h"

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
    /// Every reader's rated books and to-read list (refers to *dataset).
    std::shared_ptr<const ReaderShelves> shelves;
    LoadSummary summary;
    QStringList warnings;
    RatingSpread spread;                    ///< of the kept ratings
    std::vector<CountBin> ratingsPerReader; ///< readers by how many ratings they gave
};

/// Loads a data set folder, or generates the demo library, on a worker thread and reports the
/// outcome through queued signals (a BackgroundTask). Destroying it cancels and waits for the
/// worker.
class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);

    void loadFolder(const QString& folder);
    void loadDemo(const DemoConfig& config = {});
    void cancel();
    bool isBusy() const;

Q_SIGNALS:
    void progressed(const QString& stage, double fraction);
    void loaded(const shelfscope::ui::LoadedDataset& result);
    void failed(const QString& message);

private:
    void start(std::function<LoadedDataset(const ProgressCallback&, const std::atomic<bool>&)> job);

    BackgroundTask<LoadedDataset> task_{this};
};

} // namespace shelfscope::ui

Q_DECLARE_METATYPE(shelfscope::ui::LoadedDataset)
