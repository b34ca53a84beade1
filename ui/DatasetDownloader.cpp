#include "DatasetDownloader.h"

#include "AppDataFolder.h"
#include "DownloadWorker.h"
#include "QueuedCall.h"

#include <QFileInfo>
#include <QSettings>

namespace shelfscope::ui {

namespace {
const QString kBaseUrlKey = QStringLiteral("download/baseUrl");
} // namespace

QUrl downloadBaseUrl() {
    const QString variable = qEnvironmentVariable(kDownloadUrlVariable);
    if (!variable.isEmpty())
        return QUrl(variable);
    const QString saved = QSettings().value(kBaseUrlKey).toString();
    return QUrl(saved.isEmpty() ? QString::fromLatin1(kGoodbooksBaseUrl) : saved);
}

void saveDownloadBaseUrl(const QUrl& url) {
    QSettings().setValue(kBaseUrlKey, url.toString());
}

QString downloadedDatasetFolder() {
    const QString folder = appDataFolder() + QStringLiteral("/goodbooks-10k");
    // A copy migrateLegacyDataFolder() could not move stays in use rather than being fetched
    // again.
    const QString legacy = legacyAppDataFolder() + QStringLiteral("/goodbooks-10k");
    if (!QFileInfo::exists(folder) && QFileInfo(legacy).isDir())
        return legacy;
    return folder;
}

DatasetDownloader::DatasetDownloader(QObject* parent)
    : QObject(parent), worker_(new DownloadWorker) {
    qRegisterMetaType<DownloadProgress>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    // The worker's signals come from its thread: each is taken there (a direct connection) and
    // passed on through postQueued, whose hand-over ThreadSanitizer can see. A queued signal
    // crosses inside libQt6Core, unseen by it: the progress value written on the worker's
    // thread and read here showed as a race (tst_download under tsan, 2026-11-30).
    connect(
        worker_, &DownloadWorker::progressed, worker_,
        [this](const DownloadProgress& progress) {
            postQueued(this, [this, progress] { Q_EMIT progressed(progress); });
        },
        Qt::DirectConnection);
    connect(
        worker_, &DownloadWorker::checking, worker_,
        [this] { postQueued(this, [this] { Q_EMIT checking(); }); }, Qt::DirectConnection);
    connect(
        worker_, &DownloadWorker::finished, worker_,
        [this](const QString& folder) {
            postQueued(this, [this, folder] {
                busy_ = false;
                Q_EMIT finished(folder);
            });
        },
        Qt::DirectConnection);
    connect(
        worker_, &DownloadWorker::failed, worker_,
        [this](const QString& message) {
            postQueued(this, [this, message] {
                busy_ = false;
                Q_EMIT failed(message);
            });
        },
        Qt::DirectConnection);
    thread_.setObjectName(QStringLiteral("shelfscope-download"));
    thread_.start();
}

DatasetDownloader::~DatasetDownloader() {
    cancel();
    thread_.quit(); // the worker's queued abort runs first; its destructor cleans up
    thread_.wait();
}

void DatasetDownloader::start(const DownloadRequest& request) {
    if (busy_)
        return;
    busy_ = true;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    postQueued(worker_,
               [worker = worker_, request, flag = cancel_] { worker->run(request, flag); });
}

void DatasetDownloader::cancel() {
    if (!cancel_)
        return;
    cancel_->store(true);
    postQueued(worker_, [worker = worker_] { worker->abort(); });
}

} // namespace shelfscope::ui
