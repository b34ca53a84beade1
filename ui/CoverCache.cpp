#include "CoverCache.h"

#include "AppDataFolder.h"
#include "CoverUrl.h"
#include "PoolTask.h"
#include "SaveFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QTimer>
#include <algorithm>

namespace shelfscope::ui {

namespace {

const QString kOfflineKey = QStringLiteral("covers/offline");
constexpr const char* kExtensions[] = {"png", "jpg", "gif"}; // what decodeCover names

/// Runs on the pool: a cached file, checked like a download. A file that fails the check is
/// removed so that the next request fetches the cover again.
DecodedCover readCachedCover(const QString& path, const CoverLimits& limits) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, {}, file.errorString()};
    if (file.size() > limits.maxBytes) {
        file.close();
        QFile::remove(path);
        return {{}, {}, QStringLiteral("too large")};
    }
    DecodedCover decoded = decodeCover(file.readAll(), limits);
    file.close();
    if (!decoded.error.isEmpty())
        QFile::remove(path);
    return decoded;
}

/// Runs on the pool: decodes a download and, when it is a cover, keeps the bytes as they came
/// under `folder/stem.ext` (writeFileAtomically: a crash or a full disk leaves at most a
/// temporary file, never a half-written cover under a real name).
DecodedCover decodeAndStore(const QByteArray& body, const CoverLimits& limits,
                            const QString& folder, const QString& stem) {
    DecodedCover decoded = decodeCover(body, limits);
    if (!decoded.error.isEmpty())
        return decoded;
    const QString path = folder + QLatin1Char('/') + stem + QLatin1Char('.') + decoded.extension;
    QString error;
    if (!QDir().mkpath(folder))
        error = QStringLiteral("%1: cannot make the folder").arg(folder);
    else
        writeFileAtomically(path, body, &error);
    if (!error.isEmpty()) // the cover still shows; it is fetched again
        qWarning("Cannot cache a cover: %s", qPrintable(error));
    return decoded;
}

bool isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/// A URL for a message: a data: URL can be megabytes long.
QString shortUrl(const QUrl& url) {
    const QString text = url.toDisplayString(QUrl::RemoveUserInfo);
    return text.size() <= 80 ? text : text.left(77) + QStringLiteral("\u2026");
}

QString seconds(int ms) {
    return QLocale(QLocale::English).toString(ms / 1000.0, 'g', 3);
}

} // namespace

QString defaultCoverFolder() {
    return appCacheFolder() + QStringLiteral("/covers");
}

bool coversOfflineSetting() {
    return QSettings().value(kOfflineKey, false).toBool();
}

void saveCoversOfflineSetting(bool offline) {
    QSettings().setValue(kOfflineKey, offline);
}

CoverCacheConfig coverCacheConfigFromSettings() {
    CoverCacheConfig config;
    const QByteArray forced = qgetenv(kCoversOfflineVariable);
    config.offline = coversOfflineSetting() || (!forced.isEmpty() && forced != "0");
    return config;
}

CoverCache::CoverCache(CoverCacheConfig config, QObject* parent)
    : QObject(parent), config_(std::move(config)), network_(new QNetworkAccessManager(this)) {
    if (config_.folder.isEmpty())
        config_.folder = defaultCoverFolder();
    config_.folder = QDir::cleanPath(QFileInfo(config_.folder).absoluteFilePath());
    config_.maxInFlight = std::max(1, config_.maxInFlight);
    files_.setMaxThreadCount(1);
    files_.setObjectName(QStringLiteral("shelfscope-covers"));
    memory_.setMaxCost(static_cast<qsizetype>(std::max<qint64>(1, config_.memoryBytes / 1024)));
}

CoverCache::~CoverCache() {
    for (auto& [stem, job] : jobs_) {
        if (job->reply != nullptr) {
            job->reply->disconnect(this);
            job->reply->abort();
        }
    }
    files_.waitForDone(); // the tasks hold copies of what they use; their watchers die with us
}

bool CoverCache::isLive(const Waiter& waiter) const {
    const auto it = pending_.find(waiter.bookId);
    return it != pending_.end() && it->second == waiter.ticket;
}

bool CoverCache::hasLiveWaiters(const Job& job) const {
    return std::any_of(job.waiters.begin(), job.waiters.end(),
                       [this](const Waiter& waiter) { return isLive(waiter); });
}

void CoverCache::answerLater(std::vector<Waiter> waiters, const DecodedCover& outcome) {
    // Always from the event loop: callers never get a signal from inside request() or
    // cancel(), and a slot that asks again cannot find this object half-way through a change.
    QMetaObject::invokeMethod(
        this,
        [this, waiters = std::move(waiters), outcome] {
            for (const Waiter& waiter : waiters) {
                if (!isLive(waiter))
                    continue; // cancelled, or replaced by a newer request
                pending_.erase(waiter.bookId);
                if (outcome.image.isNull())
                    Q_EMIT coverUnavailable(waiter.bookId, outcome.error);
                else
                    Q_EMIT coverReady(waiter.bookId, outcome.image);
            }
        },
        Qt::QueuedConnection);
}

CoverCache::Job* CoverCache::findJob(const QString& stem) {
    const auto it = jobs_.find(stem);
    return it == jobs_.end() ? nullptr : it->second.get();
}

std::unique_ptr<CoverCache::Job> CoverCache::takeJob(const QString& stem) {
    const auto it = jobs_.find(stem);
    if (it == jobs_.end())
        return nullptr;
    std::unique_ptr<Job> job = std::move(it->second);
    jobs_.erase(it);
    queue_.erase(std::remove(queue_.begin(), queue_.end(), stem), queue_.end());
    return job;
}

QString CoverCache::cachedFile(const QString& stem) const {
    for (const char* extension : kExtensions) {
        const QString path =
            config_.folder + QLatin1Char('/') + stem + QLatin1Char('.') + QLatin1String(extension);
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

void CoverCache::request(std::int32_t bookId, const QString& imageUrl) {
    const Waiter waiter{bookId, nextTicket_++};
    pending_[bookId] = waiter.ticket;
    const CoverUrl checked = checkCoverUrl(imageUrl);
    if (!checked.fetchable()) {
        answerLater({waiter}, {{}, {}, checked.refusal});
    } else {
        const QString stem = coverFileStem(checked.url);
        if (const QImage* image = memory_.object(stem)) {
            answerLater({waiter}, {*image, {}, {}});
        } else if (Job* existing = findJob(stem)) {
            existing->waiters.push_back(waiter);
            if (existing->stage == Stage::Queued) { // asked for again: to the front of the queue
                queue_.erase(std::remove(queue_.begin(), queue_.end(), stem), queue_.end());
                queue_.push_front(stem);
            }
        } else {
            auto created = std::make_unique<Job>();
            created->url = checked.url;
            created->currentUrl = checked.url;
            created->stem = stem;
            created->waiters.push_back(waiter);
            Job& job = *created;
            jobs_.emplace(stem, std::move(created));
            const QString path = cachedFile(stem);
            if (!path.isEmpty())
                readFromDisk(job, path);
            else
                fetchOrGiveUp(stem);
        }
    }
    releaseStale(bookId); // an older request of this book may hold a transfer nobody wants now
}

void CoverCache::cancel(std::int32_t bookId) {
    pending_.erase(bookId);
    releaseStale(bookId);
}

void CoverCache::cancelAll() {
    pending_.clear();
    std::vector<QString> stems;
    for (const auto& [stem, job] : jobs_)
        stems.push_back(stem);
    for (const QString& stem : stems)
        dropIfAbandoned(stem);
}

void CoverCache::setOffline(bool offline) {
    config_.offline = offline;
    if (!offline)
        return;
    std::vector<QString> stems;
    for (const auto& [stem, job] : jobs_)
        if (job->stage == Stage::Queued || job->stage == Stage::Fetching)
            stems.push_back(stem);
    for (const QString& stem : stems) {
        Job* job = findJob(stem);
        if (job != nullptr && job->stage == Stage::Fetching) {
            abortTransfer(*job, offlineReason());
        } else if (job != nullptr) {
            const std::unique_ptr<Job> taken = takeJob(stem);
            answerLater(taken->waiters, {{}, {}, offlineReason()});
        }
    }
}

QString CoverCache::offlineReason() {
    return tr("Covers are not downloaded while offline.");
}

void CoverCache::releaseStale(std::int32_t bookId) {
    std::vector<QString> stems;
    for (const auto& [stem, job] : jobs_) {
        auto& waiters = job->waiters;
        const auto stale = std::remove_if(waiters.begin(), waiters.end(), [&](const Waiter& w) {
            return w.bookId == bookId && !isLive(w);
        });
        if (stale != waiters.end()) {
            waiters.erase(stale, waiters.end());
            stems.push_back(stem);
        }
    }
    for (const QString& stem : stems)
        dropIfAbandoned(stem);
}

void CoverCache::dropIfAbandoned(const QString& stem) {
    Job* job = findJob(stem);
    if (job == nullptr || hasLiveWaiters(*job))
        return;
    if (job->stage == Stage::Queued)
        takeJob(stem);
    else if (job->stage == Stage::Fetching)
        abortTransfer(*job, tr("Cancelled."));
    // Reading or decoding on the pool: let it finish; the cover lands in the caches.
}

void CoverCache::readFromDisk(Job& job, const QString& path) {
    job.stage = Stage::ReadingDisk;
    auto* watcher = new QFutureWatcher<DecodedCover>(this);
    connect(watcher, &QFutureWatcher<DecodedCover>::finished, this,
            [this, watcher, stem = job.stem] {
                watcher->deleteLater();
                onDiskRead(stem, watcher->result());
            });
    watcher->setFuture(runInPool(
        files_, [path, limits = config_.limits] { return readCachedCover(path, limits); }));
}

void CoverCache::onDiskRead(const QString& stem, const DecodedCover& outcome) {
    if (!outcome.image.isNull()) {
        remember(stem, outcome.image);
        if (const std::unique_ptr<Job> job = takeJob(stem))
            answerLater(job->waiters, outcome);
        return;
    }
    // A broken cached file (removed by now): fetch again, as if it had never been there.
    fetchOrGiveUp(stem);
}

void CoverCache::fetchOrGiveUp(const QString& stem) {
    Job* job = findJob(stem);
    if (job == nullptr)
        return;
    if (!hasLiveWaiters(*job)) {
        takeJob(stem);
    } else if (config_.offline) {
        const std::unique_ptr<Job> taken = takeJob(stem);
        answerLater(taken->waiters, {{}, {}, offlineReason()});
    } else {
        job->stage = Stage::Queued;
        queue_.push_front(stem); // newest first: the user has moved on to this book
        pump();
    }
}

void CoverCache::pump() {
    while (!config_.offline && inFlight_ < config_.maxInFlight && !queue_.empty()) {
        const QString stem = queue_.front();
        queue_.pop_front();
        if (Job* job = findJob(stem))
            startTransfer(*job);
    }
}

void CoverCache::startTransfer(Job& job) {
    job.stage = Stage::Fetching;
    ++inFlight_;
    ++transfersStarted_;
    job.transfer = transfersStarted_;
    QTimer::singleShot(
        config_.totalTimeoutMs, this, [this, stem = job.stem, transfer = job.transfer] {
            Job* late = findJob(stem);
            if (late != nullptr && late->transfer == transfer && late->reply != nullptr)
                abortTransfer(*late,
                              tr("%1 took longer than %2 s.")
                                  .arg(late->currentUrl.host(), seconds(config_.totalTimeoutMs)));
        });
    sendRequest(job);
}

void CoverCache::sendRequest(Job& job) {
    QNetworkRequest request(job.currentUrl);
    // Redirects are followed by hand (followRedirect), each hop checked by isAllowedRedirect.
    // Qt 6.4's own following was tried: it merges the hops' headers, reports some errors twice,
    // and now and then ends a two-hop chain with an empty "HTTP 100" reply.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(config_.timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Shelfscope"));
    // Images are compressed already; asking for them as they are also keeps Qt from inflating
    // a small gzip body into a large one before the size limit sees it.
    request.setRawHeader("Accept-Encoding", "identity");
    QNetworkReply* reply = network_->get(request);
    job.reply = reply;
    const QString stem = job.stem;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, stem] { onMetaData(stem); });
    connect(reply, &QNetworkReply::readyRead, this, [this, stem] { onReadyRead(stem); });
    connect(reply, &QNetworkReply::finished, this, [this, stem] { onFinished(stem); });
}

void CoverCache::abortTransfer(Job& job, const QString& reason) {
    job.failure = reason;
    job.reply->abort(); // finishes the reply at once: onFinished runs (and may delete the job)
}

QString CoverCache::followRedirect(Job& job, const QNetworkReply& reply) {
    const QByteArray location = reply.rawHeader("Location");
    if (location.isEmpty())
        return tr("The server answered HTTP %1 without saying where to.")
            .arg(reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
    if (++job.redirects > config_.maxRedirects)
        return tr("More than %1 redirects.").arg(config_.maxRedirects);
    const QUrl next = job.currentUrl.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
    if (!isAllowedRedirect(job.currentUrl, next))
        return tr("Refused a redirect to %1.").arg(shortUrl(next));
    job.currentUrl = next;
    job.body.clear();
    sendRequest(job);
    return {};
}

void CoverCache::onMetaData(const QString& stem) {
    Job* job = findJob(stem);
    if (job == nullptr || job->reply == nullptr)
        return;
    QNetworkReply* reply = job->reply;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400)
        return; // a redirect on its way; the next hop's headers follow
    if (status >= 400) {
        // Not aborted: Qt ends the reply with its own error (aborting here makes it report
        // twice); onReadyRead leaves the error page unread and cuts off an endless one.
        job->failure =
            tr("The server answered HTTP %1 (%2).")
                .arg(status)
                .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        return;
    }
    const QByteArray type = reply->rawHeader("Content-Type");
    if (!isCoverContentType(type)) {
        abortTransfer(
            *job,
            tr("The server sent %1, not an image.").arg(QString::fromLatin1(mediaType(type))));
        return;
    }
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > config_.limits.maxBytes)
        abortTransfer(*job, tooLargeReason());
}

QString CoverCache::tooLargeReason() const {
    return tr("The image is larger than %1 kB.").arg(config_.limits.maxBytes / 1024);
}

void CoverCache::onReadyRead(const QString& stem) {
    Job* job = findJob(stem);
    if (job == nullptr || job->reply == nullptr)
        return;
    const int status = job->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300) { // a redirect's or an error's body is not the cover
        if (job->reply->bytesAvailable() > config_.limits.maxBytes)
            abortTransfer(*job, job->failure.isEmpty() ? tooLargeReason() : job->failure);
        return;
    }
    // Counted as the bytes arrive: a server that sends no Content-Length (or lies in it) is
    // cut off right past the limit.
    job->body += job->reply->read(config_.limits.maxBytes + 1 - job->body.size());
    if (job->body.size() > config_.limits.maxBytes)
        abortTransfer(*job, tooLargeReason());
}

void CoverCache::onFinished(const QString& stem) {
    Job* job = findJob(stem);
    if (job == nullptr || job->reply == nullptr)
        return;
    QNetworkReply* reply = job->reply;
    if (job->failure.isEmpty() && reply->error() == QNetworkReply::NoError &&
        reply->bytesAvailable() > 0) {
        onReadyRead(stem); // the last bytes can come with the finished signal
        if (findJob(stem) != job || job->reply == nullptr)
            return; // they were too many: the abort above has finished the job
    }
    job->reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    QString error = job->failure;
    if (error.isEmpty() && reply->error() == QNetworkReply::NoError &&
        isRedirect(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt())) {
        error = followRedirect(*job, *reply);
        if (error.isEmpty())
            return; // the next hop is on its way, in the same slot
    }
    --inFlight_;
    if (error.isEmpty())
        error = transferError(*reply, *job);
    if (!error.isEmpty()) {
        const std::unique_ptr<Job> taken = takeJob(stem);
        answerLater(taken->waiters, {{}, {}, error});
    } else {
        job->stage = Stage::Decoding;
        auto* watcher = new QFutureWatcher<DecodedCover>(this);
        connect(watcher, &QFutureWatcher<DecodedCover>::finished, this, [this, watcher, stem] {
            watcher->deleteLater();
            onDecoded(stem, watcher->result());
        });
        watcher->setFuture(runInPool(
            files_, [body = std::move(job->body), limits = config_.limits, folder = config_.folder,
                     stem] { return decodeAndStore(body, limits, folder, stem); }));
    }
    pump();
}

QString CoverCache::transferError(const QNetworkReply& reply, const Job& job) const {
    const QString host = job.currentUrl.host();
    switch (reply.error()) {
    case QNetworkReply::NoError:
        break;
    case QNetworkReply::OperationCanceledError: // what a transfer timeout ends with
    case QNetworkReply::TimeoutError:
        return tr("%1 did not answer within %2 s.").arg(host, seconds(config_.timeoutMs));
    default:
        return reply.errorString();
    }
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return tr("The server answered HTTP %1.").arg(status);
    return {};
}

void CoverCache::onDecoded(const QString& stem, const DecodedCover& outcome) {
    const std::unique_ptr<Job> job = takeJob(stem);
    if (job == nullptr)
        return;
    if (!outcome.image.isNull())
        remember(stem, outcome.image);
    answerLater(job->waiters, outcome);
}

void CoverCache::remember(const QString& stem, const QImage& image) {
    const auto kib = static_cast<qsizetype>(std::max<qint64>(1, image.sizeInBytes() / 1024));
    memory_.insert(stem, new QImage(image), kib); // too big for the cache: dropped, still shown
}

} // namespace shelfscope::ui
