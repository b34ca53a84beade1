#pragma once

#include "CoverCache.h"
#include "LoopbackHttpServer.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>
#include <zlib.h>

/// Images and helpers shared by the cover tests. Every image is drawn here; no test touches
/// the internet.
namespace coverfixtures {

/// A cover-like picture: a colour field with a white band, so scaling and placement show.
inline QImage drawCover(QSize size, QColor colour) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QPainter painter(&image);
    painter.fillRect(QRect(0, size.height() / 3, size.width(), size.height() / 6), Qt::white);
    return image;
}

inline QByteArray encode(const QImage& image, const char* format) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

inline QByteArray pngBytes(QSize size = {60, 90}, QColor colour = QColor(40, 90, 160)) {
    return encode(drawCover(size, colour), "PNG");
}

/// A genuine PNG of w x h one-bit pixels: a few kB on the wire, w*h*4 bytes once decoded to
/// colour. The decoder would gladly read it; the size check must refuse it first.
inline QByteArray largeMonoPng(int w, int h) {
    QImage image(w, h, QImage::Format_Mono);
    image.fill(0);
    return encode(image, "PNG");
}

/// A 1x1 PNG whose header claims w x h pixels (the CRC fixed, so libpng believes it).
inline QByteArray lyingPng(quint32 w, quint32 h) {
    QByteArray png = pngBytes({1, 1});
    // Signature (8), IHDR length (4), "IHDR" (4), width (4) at 16, height (4) at 20, ...,
    // the CRC of "IHDR" + 13 data bytes at 29.
    qToBigEndian(w, png.data() + 16);
    qToBigEndian(h, png.data() + 20);
    const auto crc =
        static_cast<quint32>(crc32(0, reinterpret_cast<const Bytef*>(png.constData() + 12), 17));
    qToBigEndian(crc, png.data() + 29);
    return png;
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// A 200 answer with this body and Content-Type.
inline LoopbackHttpServer::Route imageRoute(const QByteArray& body,
                                            const QByteArray& type = "image/png") {
    LoopbackHttpServer::Route route{200, body};
    route.contentType = type;
    return route;
}

/// A 302 answer to `location`.
inline LoopbackHttpServer::Route redirectRoute(const QByteArray& location) {
    LoopbackHttpServer::Route route{302, {}};
    route.headers = {{"Location", location}};
    return route;
}

/// zlib's deflate format, as "Content-Encoding: deflate" carries it.
inline QByteArray deflate(const QByteArray& bytes) {
    uLongf size = compressBound(static_cast<uLong>(bytes.size()));
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    compress2(reinterpret_cast<Bytef*>(out.data()), &size,
              reinterpret_cast<const Bytef*>(bytes.constData()), static_cast<uLong>(bytes.size()),
              9);
    out.resize(static_cast<qsizetype>(size));
    return out;
}

/// Every file under a folder, recursively, hidden ones included, relative to it.
inline QStringList filesUnder(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(folder).relativeFilePath(it.next()));
    files.sort();
    return files;
}

/// A cache for tests: small limits so the bodies stay small, a short timeout.
inline shelfscope::ui::CoverCacheConfig testConfig(const QString& folder) {
    shelfscope::ui::CoverCacheConfig config;
    config.folder = folder;
    config.limits.maxBytes = 64 * 1024;
    config.timeoutMs = 3000;
    config.offline = false;
    return config;
}

/// Records the answers a cache gives.
struct Answers {
    explicit Answers(shelfscope::ui::CoverCache& cache)
        : ready(&cache, &shelfscope::ui::CoverCache::coverReady),
          unavailable(&cache, &shelfscope::ui::CoverCache::coverUnavailable) {}
    int count() const { return static_cast<int>(ready.count() + unavailable.count()); }
    /// Waits until `n` answers have come (false after 10 s).
    bool waitFor(int n) {
        return QTest::qWaitFor([&] { return count() >= n; }, 10000);
    }
    QString reasonFor(std::int32_t bookId) const {
        for (const QList<QVariant>& args : unavailable)
            if (args.at(0).toInt() == bookId)
                return args.at(1).toString();
        return {};
    }
    QImage imageFor(std::int32_t bookId) const {
        for (const QList<QVariant>& args : ready)
            if (args.at(0).toInt() == bookId)
                return args.at(1).value<QImage>();
        return {};
    }
    QSignalSpy ready;
    QSignalSpy unavailable;
};

} // namespace coverfixtures
