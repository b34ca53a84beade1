#pragma once

#include "CoverImage.h"

#include <QCache>
#include <QImage>
#include <QObject>
#include <QThreadPool>
#include <QUrl>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace shelfscope::ui {

/// How a CoverCache fetches and keeps covers.
struct CoverCacheConfig {
    QString folder;        ///< the disk cache; empty: defaultCoverFolder()
    CoverLimits limits;    ///< body size and decoded image size
    int timeoutMs = 10000; ///< a transfer with no progress for this long fails
    /// A whole fetch, redirects included, fails after this long even while bytes trickle in
    /// (a slow server would otherwise hold one of the maxInFlight slots for good).
    int totalTimeoutMs = 30000;
    int maxInFlight = 4;  ///< network requests at once; the rest wait, newest first
    int maxRedirects = 3; ///< each one only to http(s) with a host, never https to http
    qint64 memoryBytes = 48LL * 1024 * 1024; ///< decoded images kept in memory (LRU)
    bool offline = false;                    ///< no network at all: memory and disk only
};

/// Set (to anything but 0) to keep every cache made from the settings offline, whatever the
/// user chose; the test suite sets it so that no test can reach the internet.
inline constexpr const char* kCoversOfflineVariable = "SHELFSCOPE_COVERS_OFFLINE";

/// QStandardPaths::CacheLocation + "/covers".
QString defaultCoverFolder();
/// The user's choice to never download covers (QSettings "covers/offline"; default false).
bool coversOfflineSetting();
void saveCoversOfflineSetting(bool offline);
/// The default config, offline when the user chose so or kCoversOfflineVariable is set: what
/// the app uses.
CoverCacheConfig coverCacheConfigFromSettings();

/// Book covers by URL, for the GUI thread: memory (an LRU of decoded images), then the disk
/// cache, then the network (Qt Network, asynchronous). Every answer arrives later as a signal,
/// never from inside request(); nothing blocks the GUI thread and no event loop is nested
/// (reading, decoding and writing files run on a private one-thread pool).
///
/// books.csv is untrusted input: only http(s) URLs are fetched (checkCoverUrl), bodies past the
/// size limit are cut off, decoded images are size-checked first (decodeCover), and a cached
/// file is named by the SHA-256 of its URL, written with QSaveFile, only inside the folder.
class CoverCache : public QObject {
    Q_OBJECT
public:
    explicit CoverCache(CoverCacheConfig config = coverCacheConfigFromSettings(),
                        QObject* parent = nullptr);
    ~CoverCache() override;

    /// Asks for a book's cover; later coverReady or coverUnavailable(bookId) follows, once.
    /// A newer request for the same book replaces an older one (only the newer is answered).
    /// Requests for one URL share one transfer; waiting transfers start newest first.
    void request(std::int32_t bookId, const QString& imageUrl);
    /// Drops the book's pending request: no signal follows for it, and a transfer nobody
    /// else waits for is dropped from the queue or aborted.
    void cancel(std::int32_t bookId);
    /// cancel() for every pending request.
    void cancelAll();

    /// Offline: no network request is made; covers already cached still show. Going offline
    /// ends the transfers in progress (their books get coverUnavailable).
    void setOffline(bool offline);
    bool isOffline() const { return config_.offline; }
    QString folder() const { return config_.folder; }
    /// Network transfers started so far (for the status line and tests).
    int transfersStarted() const { return transfersStarted_; }

Q_SIGNALS:
    void coverReady(std::int32_t bookId, const QImage& image);
    /// No cover: `reason` says why in words (no photo, refused URL, offline, HTTP error, ...).
    void coverUnavailable(std::int32_t bookId, const QString& reason);

private:
    struct Waiter {
        std::int32_t bookId;
        quint64 ticket;
    };
    enum class Stage { ReadingDisk, Queued, Fetching, Decoding };
    struct Job {
        QUrl url;
        QUrl currentUrl; ///< where the last redirect led
        int redirects = 0;
        QString stem; ///< the file name stem; also the job's key
        Stage stage = Stage::Queued;
        std::vector<Waiter> waiters;
        QNetworkReply* reply = nullptr;
        QByteArray body;
        QString failure;      ///< why it failed, when we know before Qt does (set before aborting)
        quint64 transfer = 0; ///< which fetch this is, for its deadline
    };

    bool isLive(const Waiter& waiter) const;
    bool hasLiveWaiters(const Job& job) const;
    void answerLater(std::vector<Waiter> waiters, const DecodedCover& outcome);
    void releaseStale(std::int32_t bookId);
    void dropIfAbandoned(const QString& stem);
    void readFromDisk(Job& job, const QString& path);
    void onDiskRead(const QString& stem, const DecodedCover& outcome);
    void fetchOrGiveUp(const QString& stem);
    void pump();
    void startTransfer(Job& job);
    void sendRequest(Job& job);
    QString followRedirect(Job& job, const QNetworkReply& reply);
    void abortTransfer(Job& job, const QString& reason);
    void onMetaData(const QString& stem);
    void onReadyRead(const QString& stem);
    void onFinished(const QString& stem);
    QString transferError(const QNetworkReply& reply, const Job& job) const;
    void onDecoded(const QString& stem, const DecodedCover& outcome);
    void remember(const QString& stem, const QImage& image);
    std::unique_ptr<Job> takeJob(const QString& stem);
    Job* findJob(const QString& stem);
    QString cachedFile(const QString& stem) const;
    static QString offlineReason();
    QString tooLargeReason() const;

    CoverCacheConfig config_;
    QNetworkAccessManager* network_;
    QThreadPool files_;              ///< disk reads, decoding, atomic writes: off the GUI thread
    QCache<QString, QImage> memory_; ///< by file stem; cost in KiB
    std::map<QString, std::unique_ptr<Job>> jobs_; ///< by file stem
    std::deque<QString> queue_;                    ///< stems waiting for the network, newest first
    std::map<std::int32_t, quint64> pending_;      ///< book -> ticket of its newest request
    quint64 nextTicket_ = 1;
    int inFlight_ = 0;
    int transfersStarted_ = 0;
};

} // namespace shelfscope::ui
