#include "DatasetLoader.h"

#include "demo/DemoGenerator.h"
#include "io/DataError.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace shelfscope::ui {

namespace {

constexpr int kReaderBins = 40;

/// The statistics the Data panel charts, computed on the worker so the GUI never scans ratings.
void describe(LoadedDataset& loaded) {
    const RatingTable& ratings = loaded.dataset->ratings;
    loaded.spread = describeRatings(ratings);
    loaded.ratingsPerReader =
        binCounts(countPerIndex(ratings.userIndex, ratings.userCount()), kReaderBins);
}

} // namespace

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<LoadedDataset>();
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = watcher_.result();
        if (outcome.loaded.dataset)
            Q_EMIT loaded(outcome.loaded);
        else
            Q_EMIT failed(outcome.error);
    });
}

DatasetLoader::~DatasetLoader() {
    cancel();
    watcher_.waitForFinished();
}

bool DatasetLoader::isBusy() const {
    return watcher_.isRunning();
}

void DatasetLoader::cancel() {
    if (cancel_)
        cancel_->store(true);
}

void DatasetLoader::start(
    std::function<LoadedDataset(const ProgressCallback&, const std::atomic<bool>&)> job) {
    cancel();
    watcher_.waitForFinished();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto flag = cancel_;
    QPointer<DatasetLoader> self(this);
    const ProgressCallback progress = [self](const ProgressUpdate& update) {
        if (self)
            QMetaObject::invokeMethod(
                self,
                [self, stage = QString::fromStdString(update.stage), fraction = update.fraction] {
                    if (self)
                        Q_EMIT self->progressed(stage, fraction);
                },
                Qt::QueuedConnection);
    };
    // Failures travel back as values: an exception stored in a QFuture would be rethrown by
    // waitForFinished(), which the destructor must be able to call safely.
    watcher_.setFuture(QtConcurrent::run([job = std::move(job), progress, flag] {
        Outcome outcome;
        try {
            outcome.loaded = job(progress, *flag);
        } catch (const OperationCancelled&) {
            outcome.error = QStringLiteral("Loading was cancelled.");
        } catch (const std::exception& error) {
            outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
    }));
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
