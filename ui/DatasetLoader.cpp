#include "DatasetLoader.h"

#include "demo/DemoGenerator.h"
#include "io/DataError.h"

#include <QException>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace shelfscope::ui {

namespace {

/// Carries a worker's failure message out of the future as an exception Qt can transport.
class LoadFailure : public QException {
public:
    explicit LoadFailure(QString message) : message_(std::move(message)) {}
    void raise() const override { throw *this; }
    LoadFailure* clone() const override { return new LoadFailure(*this); }
    const QString& message() const { return message_; }

private:
    QString message_;
};

} // namespace

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<LoadedDataset>();
    connect(&watcher_, &QFutureWatcher<LoadedDataset>::finished, this, [this] {
        try {
            const LoadedDataset result = watcher_.result();
            Q_EMIT loaded(result);
        } catch (const LoadFailure& failure) {
            Q_EMIT failed(failure.message());
        }
    });
}

DatasetLoader::~DatasetLoader() {
    cancel();
    watcher_.waitForFinished();
}

bool DatasetLoader::isBusy() const { return watcher_.isRunning(); }

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
            QMetaObject::invokeMethod(self, [self, stage = QString::fromStdString(update.stage),
                                             fraction = update.fraction] {
                if (self)
                    Q_EMIT self->progressed(stage, fraction);
            }, Qt::QueuedConnection);
    };
    watcher_.setFuture(QtConcurrent::run([job = std::move(job), progress, flag] {
        try {
            return job(progress, *flag);
        } catch (const OperationCancelled&) {
            throw LoadFailure(QStringLiteral("Loading was cancelled."));
        } catch (const std::exception& error) {
            throw LoadFailure(QString::fromStdString(error.what()));
        }
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
        return loaded;
    });
}

void DatasetLoader::loadDemo() {
    start([](const ProgressCallback& progress, const std::atomic<bool>& cancel) {
        DemoLibrary library = generateDemoLibrary(DemoConfig{}, progress, cancel);
        LoadedDataset loaded;
        const Dataset& dataset = library.dataset;
        loaded.summary.rowsRead = static_cast<std::int64_t>(dataset.ratings.size());
        loaded.summary.ratingsKept = loaded.summary.rowsRead;
        loaded.summary.users = dataset.ratings.userCount();
        loaded.summary.books = dataset.ratings.bookCount();
        loaded.summary.toReadEntries = dataset.toRead.rowsRead;
        loaded.summary.histogramBeforeDedup = histogramOf(dataset.ratings.rating);
        loaded.dataset = std::make_shared<const Dataset>(std::move(library.dataset));
        return loaded;
    });
}

} // namespace shelfscope::ui
