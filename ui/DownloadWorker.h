#pragma once

#include "DatasetDownloader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTemporaryDir;
class QTimer;

namespace shelfscope::ui {

/// Lives on the downloader's thread: fetches the files one after the other, then checks and
/// installs them. Talks to the GUI only through queued signals.
class DownloadWorker : public QObject {
    Q_OBJECT
public:
    explicit DownloadWorker(QObject* parent = nullptr);
    ~DownloadWorker() override;

public Q_SLOTS:
    void run(const shelfscope::ui::DownloadRequest& request,
             std::shared_ptr<std::atomic<bool>> cancel);
    void abort();

Q_SIGNALS:
    void progressed(const shelfscope::ui::DownloadProgress& progress);
    void checking();
    void finished(const QString& folder);
    void failed(const QString& message);

private:
    void fetchNext();
    void onReadyRead();
    void onFileDone();
    void checkAndInstall();
    void fail(const QString& message);
    /// The message for a file that could not be written, named as the user knows it.
    QString writeFailure(const QString& reason) const;
    void reportProgress(bool force);
    QUrl urlOf(const QString& file) const;

    QNetworkAccessManager* network_ = nullptr;
    QTimer* ticker_ = nullptr; ///< reports progress (and a falling speed) even while stalled
    QPointer<QNetworkReply> reply_;
    DownloadRequest request_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::unique_ptr<QTemporaryDir> staging_;
    QFile file_;
    int index_ = 0;
    qint64 received_ = 0;
    qint64 total_ = -1;
    qint64 receivedAll_ = 0;
    QElapsedTimer clock_;
    QElapsedTimer sinceReport_;
};

} // namespace shelfscope::ui
