#include "CoverImage.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

namespace shelfscope::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("shelfscope::ui::CoverImage", text);
}

/// QImageReader's format name -> the extension a cached file gets.
QString extensionOf(const QByteArray& format) {
    if (format == "png")
        return QStringLiteral("png");
    if (format == "jpeg" || format == "jpg")
        return QStringLiteral("jpg");
    if (format == "gif")
        return QStringLiteral("gif");
    return {};
}

} // namespace

DecodedCover decodeCover(const QByteArray& bytes, const CoverLimits& limits) {
    DecodedCover result;
    if (bytes.isEmpty()) {
        result.error = tr("The server sent an empty body instead of an image.");
        return result;
    }
    if (bytes.size() > limits.maxBytes) {
        result.error = tr("The image is larger than %1 kB.").arg(limits.maxBytes / 1024);
        return result;
    }
    QByteArray data = bytes; // QBuffer wants a non-const array; this shares, never copies
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true); // EXIF orientation: covers photographed sideways stand up
    result.extension = extensionOf(reader.format());
    if (result.extension.isEmpty()) {
        result.error = reader.format().isEmpty()
                           ? tr("The body is not an image.")
                           : tr("The image format %1 is not accepted for covers (only PNG, "
                                "JPEG and GIF).")
                                 .arg(QString::fromLatin1(reader.format()));
        return result;
    }
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty()) {
        result.error = tr("The image does not say its size.");
        return result;
    }
    if (size.width() > limits.maxSide || size.height() > limits.maxSide ||
        qint64(size.width()) * size.height() > limits.maxPixels) {
        result.error = tr("The image is too large to show (%1 x %2 pixels).")
                           .arg(size.width())
                           .arg(size.height());
        return result;
    }
    QImage image;
    // The header check above is what stops a bomb: the decoder allocates what the header
    // declares. QImageReader's own allocation limit (process-wide, 256 MB) is the backstop.
    if (!reader.read(&image) || image.isNull()) {
        result.error = tr("The image cannot be decoded: %1").arg(reader.errorString());
        return result;
    }
    result.image = std::move(image);
    return result;
}

QByteArray mediaType(const QByteArray& contentType) {
    // Qt 6.4 joins the Content-Type of every redirect hop with ", "; the last is the body's.
    return contentType.split(',').last().split(';').first().trimmed().toLower();
}

bool isCoverContentType(const QByteArray& contentType) {
    const QByteArray type = mediaType(contentType);
    return type.isEmpty() || type == "image/png" || type == "image/jpeg" || type == "image/jpg" ||
           type == "image/pjpeg" || type == "image/gif" || type == "application/octet-stream";
}

} // namespace shelfscope::ui
