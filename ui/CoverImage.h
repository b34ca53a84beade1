#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

namespace shelfscope::ui {

/// How big a cover may be. A cover is a few kB; the limits only stop abuse: a huge body, or a
/// small file whose header claims a huge picture (a "decompression bomb").
struct CoverLimits {
    qint64 maxBytes = 2 * 1024 * 1024; ///< of the encoded file
    int maxSide = 4096;                ///< pixels, either way
    qint64 maxPixels = 4096LL * 3072;  ///< width x height: at most 48 MB decoded (32-bit pixels)
};

/// A decoded cover, or why the bytes are not one.
struct DecodedCover {
    QImage image;      ///< null on failure
    QString extension; ///< "png", "jpg" or "gif": the format the bytes really are
    QString error;     ///< empty on success; shown to users
};

/// Decodes PNG, JPEG or GIF bytes (the format is decided from the content, never from a name
/// or a header). Other formats (SVG, ...) are refused, and the size the image header declares
/// is checked against the limits before any pixel is allocated.
DecodedCover decodeCover(const QByteArray& bytes, const CoverLimits& limits);

/// True when an HTTP Content-Type may carry a cover: image/png, image/jpeg, image/gif,
/// application/octet-stream, or none at all. Anything else (text/html, image/svg+xml, ...) ends
/// a transfer early; decodeCover has the last word either way.
bool isCoverContentType(const QByteArray& contentType);
/// "image/png" from "image/png; charset=binary" (lower case, parameters dropped).
QByteArray mediaType(const QByteArray& contentType);

} // namespace shelfscope::ui
