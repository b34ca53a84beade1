#include "CoverUrl.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace shelfscope::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("shelfscope::ui::CoverUrl", text);
}

bool isWebScheme(const QString& scheme) {
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

} // namespace

bool isNoPhotoUrl(const QUrl& url) {
    return url.path().contains(QLatin1String("nophoto"), Qt::CaseInsensitive);
}

CoverUrl checkCoverUrl(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {{}, tr("books.csv gives no image URL for this book.")};
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return {{}, tr("The image URL is malformed (%1).").arg(url.errorString())};
    if (url.isRelative())
        return {{}, tr("The image URL is not absolute.")};
    const QString scheme = url.scheme().toLower();
    if (!isWebScheme(scheme))
        return {{}, tr("Only http and https image URLs are fetched, not %1: ones.").arg(scheme)};
    if (url.host().isEmpty())
        return {{}, tr("The image URL names no host.")};
    if (isNoPhotoUrl(url))
        return {{}, tr("Goodreads has no photo of this book.")};
    return {url, {}};
}

bool isAllowedRedirect(const QUrl& from, const QUrl& target) {
    if (!target.isValid() || target.isRelative() || target.host().isEmpty())
        return false;
    const QString scheme = target.scheme().toLower();
    if (!isWebScheme(scheme))
        return false;
    return !(from.scheme().toLower() == QLatin1String("https") && scheme == QLatin1String("http"));
}

QString coverFileStem(const QUrl& url) {
    const QByteArray digest =
        QCryptographicHash::hash(url.toEncoded(QUrl::FullyEncoded), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex());
}

} // namespace shelfscope::ui
