#include "DownloadWorker.h"

#include "data/Dataset.h"
#include "io/DataError.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTimer>

namespace shelfscope::ui {

namespace {

constexpr qint64 kReportEveryMs = 100;

QString bytesText(qint64 bytes) {
    return QLocale(QLocale::English).toString(bytes);
}

} // namespace

DownloadWorker::DownloadWorker(QObject* parent) : QObject(parent) {}

DownloadWorker::~DownloadWorker() = default;

QUrl DownloadWorker::urlOf(const QString& file) const {
    QUrl base = request_.baseUrl;
    QString path = base.path();
    if (!path.endsWith(QLatin1Char('/')))
        base.setPath(path + QLatin1Char('/'));
    return base.resolved(QUrl(file));
}

void DownloadWorker::run(const DownloadRequest& request,
                         std::shared_ptr<std::atomic<bool>> cancel) {
    request_ = request;
    cancel_ = std::move(cancel);
    index_ = 0;
    receivedAll_ = 0;
    if (network_ == nullptr) { // created on this (the worker's) thread
        network_ = new QNetworkAccessManager(this);
        ticker_ = new QTimer(this);
        ticker_->setInterval(static_cast<int>(kReportEveryMs));
        connect(ticker_, &QTimer::timeout, this, [this] { reportProgress(true); });
    }
    const QString destination = QFileInfo(request_.destination).absoluteFilePath();
    const QString root = QFileInfo(destination).absolutePath();
    if (!QDir().mkpath(root)) {
        fail(tr("Cannot create the folder %1.").arg(root));
        return;
    }
    // Beside the destination, so installing is a rename on one file system.
    staging_ = std::make_unique<QTemporaryDir>(root + QStringLiteral("/.download-XXXXXX"));
    if (!staging_->isValid()) {
        fail(tr("Cannot create a temporary folder in %1: %2").arg(root, staging_->errorString()));
        return;
    }
    clock_.start();
    fetchNext();
}

void DownloadWorker::abort() {
    if (reply_)
        reply_->abort();
}

void DownloadWorker::fetchNext() {
    if (cancel_->load()) {
        fail(tr("The download was cancelled; nothing was kept."));
        return;
    }
    if (index_ == request_.files.size()) {
        checkAndInstall();
        return;
    }
    const QString name = request_.files.at(index_);
    file_.setFileName(staging_->filePath(name));
    if (!file_.open(QIODevice::WriteOnly)) {
        fail(writeFailure(file_.errorString()));
        return;
    }
    received_ = 0;
    total_ = -1;
    QNetworkRequest request(urlOf(name));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(request_.stallTimeoutMs); // a stalled server is an error, not a hang
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::readyRead, this, &DownloadWorker::onReadyRead);
    connect(reply_, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        total_ = total;
        (void)received;
        reportProgress(false);
    });
    connect(reply_, &QNetworkReply::finished, this, &DownloadWorker::onFileDone);
    sinceReport_.start();
    reportProgress(true);
    ticker_->start();
}

void DownloadWorker::onReadyRead() {
    if (!reply_)
        return;
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300)
        return; // an error page is not data; onFileDone reports the status
    const QByteArray chunk = reply_->readAll();
    if (file_.write(chunk) != chunk.size()) {
        const QString error = file_.errorString();
        reply_->abort();
        fail(writeFailure(error));
        return;
    }
    received_ += chunk.size();
    receivedAll_ += chunk.size();
    reportProgress(false);
}

void DownloadWorker::reportProgress(bool force) {
    if (!force && sinceReport_.elapsed() < kReportEveryMs)
        return;
    sinceReport_.restart();
    DownloadProgress p;
    p.file = request_.files.value(index_);
    p.fileIndex = index_ + 1;
    p.fileCount = static_cast<int>(request_.files.size());
    p.received = received_;
    p.total = total_;
    p.receivedAll = receivedAll_;
    const double seconds = static_cast<double>(clock_.elapsed()) / 1000.0;
    p.bytesPerSecond = seconds > 0.0 ? static_cast<double>(receivedAll_) / seconds : 0.0;
    Q_EMIT progressed(p);
}

void DownloadWorker::onFileDone() {
    if (!reply_ || !staging_)
        return; // already failed (a write error aborted the reply)
    if (reply_->error() == QNetworkReply::NoError && reply_->bytesAvailable() > 0) {
        onReadyRead(); // the last bytes can arrive with the finished signal
        if (!reply_)
            return; // writing them failed
    }
    QNetworkReply* reply = reply_;
    reply->deleteLater();
    reply_ = nullptr;
    // close() flushes QFile's buffer without saying whether that worked (a full disk): flush
    // first, so the file's last bytes cannot go missing unnoticed.
    const bool flushed = file_.flush();
    const QString flushError = file_.errorString();
    file_.close();
    if (!flushed) {
        fail(writeFailure(flushError));
        return;
    }
    const QString url = reply->url().toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (cancel_->load()) {
        fail(tr("The download was cancelled; nothing was kept."));
        return;
    }
    // Qt ends a transfer that exceeds its timeout as if it had been cancelled; no one did.
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        fail(
            tr("%1: the server sent nothing for %2 s; nothing was kept.")
                .arg(url)
                .arg(QLocale(QLocale::English).toString(request_.stallTimeoutMs / 1000.0, 'g', 3)));
        return;
    }
    if (status >= 300) {
        fail(tr("%1: the server answered HTTP %2 (%3); nothing was kept.")
                 .arg(url)
                 .arg(status)
                 .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()));
        return;
    }
    const QString howFar =
        received_ == 0 ? tr("nothing received")
        : total_ > 0   ? tr("after %1 of %2 bytes").arg(bytesText(received_), bytesText(total_))
                       : tr("after %1 bytes").arg(bytesText(received_));
    if (reply->error() != QNetworkReply::NoError) {
        fail(tr("%1: %2 (%3); nothing was kept.").arg(url, reply->errorString(), howFar));
        return;
    }
    if (total_ >= 0 && received_ != total_) {
        fail(tr("%1: the download ended %2; nothing was kept.").arg(url, howFar));
        return;
    }
    reportProgress(true);
    ++index_;
    fetchNext();
}

void DownloadWorker::checkAndInstall() {
    ticker_->stop();
    Q_EMIT checking();
    const QString stagingPath = staging_->path();
    try {
        DatasetLoadConfig config;
        config.folder = stagingPath.toStdString();
        loadDataset(config, {}, *cancel_);
    } catch (const OperationCancelled&) {
        fail(tr("The download was cancelled; nothing was kept."));
        return;
    } catch (const std::exception& error) {
        // Name the files by where they came from: the temporary folder is about to go.
        QString message = QString::fromStdString(error.what());
        message.replace(stagingPath + QLatin1Char('/'), urlOf(QString()).toString());
        fail(tr("The downloaded files failed the check; nothing was kept.\n%1").arg(message));
        return;
    }
    const QString destination = QFileInfo(request_.destination).absoluteFilePath();
    QDir dir;
    QString previous;
    if (QFileInfo::exists(destination)) {
        previous = stagingPath + QStringLiteral(".previous");
        if (!dir.rename(destination, previous)) {
            fail(tr("Cannot replace %1 (is it in use?); nothing was changed.").arg(destination));
            return;
        }
    }
    if (!dir.rename(stagingPath, destination)) {
        if (!previous.isEmpty())
            dir.rename(previous, destination);
        fail(tr("Cannot move the checked files into %1; nothing was changed.").arg(destination));
        return;
    }
    staging_->setAutoRemove(false);
    staging_.reset();
    if (!previous.isEmpty())
        QDir(previous).removeRecursively();
    Q_EMIT finished(destination);
}

QString DownloadWorker::writeFailure(const QString& reason) const {
    // The file is named as the user knows it: its temporary folder is about to go.
    return tr("Cannot write the downloaded %1: %2; nothing was kept.")
        .arg(QFileInfo(file_.fileName()).fileName(), reason);
}

void DownloadWorker::fail(const QString& message) {
    if (ticker_ != nullptr)
        ticker_->stop();
    if (file_.isOpen())
        file_.close();
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
        reply_ = nullptr;
    }
    staging_.reset(); // removes the temporary folder and everything in it
    Q_EMIT failed(message);
}

} // namespace shelfscope::ui
