#pragma once

#include <QString>
#include <QUrl>

namespace shelfscope::ui {

/// What books.csv's image_url allows: a cover to fetch, or why none is fetched. A books.csv is
/// untrusted input, so only absolute http and https URLs with a host are fetched.
struct CoverUrl {
    QUrl url;        ///< valid only when fetchable
    QString refusal; ///< empty when fetchable; otherwise why no request is made (shown to users)
    bool fetchable() const { return refusal.isEmpty(); }
};

/// Checks an image_url from books.csv: empty, Goodreads' "nophoto" placeholders, malformed,
/// relative and non-http(s) URLs (file:, ftp:, data:, qrc:, ...) are refused without a request.
CoverUrl checkCoverUrl(const QString& text);
/// True for Goodreads' stand-in images (".../assets/nophoto/book/111x148-....png"): a third of
/// goodbooks-10k's books, drawn locally instead of downloaded.
bool isNoPhotoUrl(const QUrl& url);
/// True when a redirect may be followed to `target`: http or https with a host, never from
/// https down to http.
bool isAllowedRedirect(const QUrl& from, const QUrl& target);
/// The file name stem a cover is cached under: the SHA-256 of the encoded URL in hex, so no
/// part of the URL (or of books.csv) ever becomes a path component.
QString coverFileStem(const QUrl& url);

} // namespace shelfscope::ui
