#include "DatasetLoader.h"

#include "demo/DemoGenerator.h"
#include "io/DataError.h"

namespace shelfscope::ui {

namespace {

constexpr int kReaderBins = 40;

/// The statistics the Data panel charts and the readers' shelves, computed on the worker so the
/// GUI never scans ratings.
void describe(LoadedDataset& loaded) {
    const RatingTable& ratings = loaded.dataset->ratings;
    loaded.shelves = std::make_shared<const ReaderShelves>(*loaded.dataset);
    loaded.spread = describeRatings(ratings);
    loaded.ratingsPerReader =
        binCounts(countPerIndex(ratings.userIndex, ratings.userCount()), kReaderBins);
}

} // namespace

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<LoadedDataset>();
    task_.onResult([this](LoadedDataset loaded) { Q_EMIT this->loaded(loaded); });
    task_.onError([this](const TaskError& error) {
        Q_EMIT failed(error.cancelled ? tr("Loading was cancelled.") : error.message);
    });
}

bool DatasetLoader::isBusy() const {
    return task_.isRunning();
}

void DatasetLoader::cancel() {
    task_.cancel();
}

void DatasetLoader::start(
    std::function<LoadedDataset(const ProgressCallback&, const std::atomic<bool>&)> job) {
    // Posts reach this loader only while the job is current, so they may use `this`.
    task_.start([this, job = std::move(job)](const TaskContext& context) {
        const ProgressCallback progress = [this, &context](const ProgressUpdate& update) {
            context.post([this, stage = QString::fromStdString(update.stage),
                          fraction = update.fraction] { Q_EMIT progressed(stage, fraction); });
        };
        return job(progress, context.cancel());
    });
}

void DatasetLoader::loadFolder(const QString& folder) {
    const std::string path = folder.toStdString();
    start([path](const ProgressCallback& progress, const std::atomic<bool>& cancel) {
        DatasetLoadConfig config;
        config.folder = path;
        DatasetLoadResult result = loadDataset(config, progress, cancel);
        LoadedDataset loaded;
        loaded.summary = result.summary;
        for (const std::string& warning : result.warnings)
            loaded.warnings.append(QString::fromStdString(warning));
        loaded.dataset = std::make_shared<const Dataset>(std::move(result.dataset));
        describe(loaded);
        return loaded;
    });
}

void DatasetLoader::loadDemo(const DemoConfig& config) {
    start([config](const ProgressCallback& progress, const std::atomic<bool>& cancel) {
        DemoLibrary library = generateDemoLibrary(config, progress, cancel);
        LoadedDataset loaded;
        const Dataset& dataset = library.dataset;
        loaded.summary.rowsRead = static_cast<std::int64_t>(dataset.ratings.size());
        loaded.summary.ratingsKept = loaded.summary.rowsRead;
        loaded.summary.users = dataset.ratings.userCount();
        loaded.summary.books = dataset.ratings.bookCount();
        loaded.summary.toReadEntries = dataset.toRead.rowsRead;
        loaded.summary.histogramBeforeDedup = histogramOf(dataset.ratings.rating);
        loaded.dataset = std::make_shared<const Dataset>(std::move(library.dataset));
        describe(loaded);
        return loaded;
    });
}

} // namespace shelfscope::ui
