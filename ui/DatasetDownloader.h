#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <atomic>
#include <memory>

namespace shelfscope::ui {

/// Where goodbooks-10k's plain CSV files live: the master branch of its public repository.
inline constexpr const char* kGoodbooksBaseUrl =
    "https://raw.githubusercontent.com/zygmuntz/goodbooks-10k/master/";
/// Overrides the base URL (before the setting), e.g. for a mirror.
inline constexpr const char* kDownloadUrlVariable = "SHELFSCOPE_DOWNLOAD_URL";

/// The base URL to download from: the environment variable, else the saved setting, else
/// the data set's repository.
QUrl downloadBaseUrl();
void saveDownloadBaseUrl(const QUrl& url);
/// Where goodbooks-10k is downloaded to: appDataFolder()/goodbooks-10k, or the folder an earlier
/// release used when that one could not be moved (see migrateLegacyDataFolder()).
QString downloadedDatasetFolder();

struct DownloadRequest {
    QUrl baseUrl;
    /// goodbooks-10k's files; tags.csv and book_tags.csv give the books their genres and shelves.
    QStringList files{QStringLiteral("ratings.csv"), QStringLiteral("books.csv"),
                      QStringLiteral("to_read.csv"), QStringLiteral("tags.csv"),
                      QStringLiteral("book_tags.csv")};
    QString destination; ///< the folder the checked files end up in (replaced if present)
    /// A file that receives nothing for this long fails with a message saying so.
    int stallTimeoutMs = 30000;
};

/// A snapshot of a download in flight.
struct DownloadProgress {
    QString file;
    int fileIndex = 0; ///< 1-based
    int fileCount = 0;
    qint64 received = 0;    ///< bytes of this file so far
    qint64 total = -1;      ///< bytes of this file, or -1 when the server does not say
    qint64 receivedAll = 0; ///< bytes of every file so far
    double bytesPerSecond = 0.0;
};

class DownloadWorker;

/// Downloads a data set's files on a worker thread (its own QNetworkAccessManager) into a
/// temporary folder beside the destination, checks them by loading them with the core loader,
/// and only then moves them into place. A failure or a cancel removes the temporary folder and
/// leaves any earlier copy untouched. Destroying the downloader cancels and joins the thread.
class DatasetDownloader : public QObject {
    Q_OBJECT
public:
    explicit DatasetDownloader(QObject* parent = nullptr);
    ~DatasetDownloader() override;

    void start(const DownloadRequest& request);
    void cancel();
    bool isBusy() const { return busy_; }

Q_SIGNALS:
    void progressed(const shelfscope::ui::DownloadProgress& progress);
    void checking();
    /// The checked data set is in `folder`.
    void finished(const QString& folder);
    void failed(const QString& message);

private:
    QThread thread_;
    DownloadWorker* worker_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool busy_ = false;
};

} // namespace shelfscope::ui

Q_DECLARE_METATYPE(shelfscope::ui::DownloadProgress)
Q_DECLARE_METATYPE(shelfscope::ui::DownloadRequest)
