// MapView's output: images of the map and a CSV of its points, written atomically.
#include "MapView.h"
#include "SaveFile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>
#include <cmath>

namespace shelfscope::ui {

namespace {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList& fields) {
    QStringList quoted;
    for (const QString& field : fields)
        quoted.append(csvField(field));
    return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

} // namespace

QImage MapView::renderImage(double scale) {
    if (!(scale > 0.0) || !std::isfinite(scale))
        scale = 1.0;
    QImage image(QSize(static_cast<int>(std::ceil(width() * scale)),
                       static_cast<int>(std::ceil(height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(scene_.background);
    QPainter painter(&image);
    paintMap(painter, false);
    return image;
}

bool MapView::exportImage(const QString& path, QString* error, double scale) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png")) {
        if (!renderImage(scale).save(&buffer, "PNG")) {
            if (error)
                *error = tr("%1: could not encode the map as PNG").arg(path);
            return false;
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size());
        generator.setViewBox(rect());
        generator.setTitle(scene_.colouring.title().isEmpty() ? tr("Map")
                                                              : scene_.colouring.title());
        QPainter painter(&generator);
        paintMap(painter, true);
        painter.end();
    } else {
        if (error)
            *error = tr("%1: give a file name ending in .png or .svg").arg(path);
        return false;
    }
    return writeFileAtomically(path, bytes, error);
}

bool MapView::exportCsv(const QString& path, QString* error, const CsvColumns& extra,
                        bool selectionOnly) const {
    QStringList header{QStringLiteral("point"), QStringLiteral("x"), QStringLiteral("y")};
    const bool coloured = scene_.colouring.kind() != MapColouring::Kind::Uniform;
    if (coloured)
        header.append(scene_.colouring.title().isEmpty() ? QStringLiteral("colour")
                                                         : scene_.colouring.title());
    header.append(extra.headers);
    QString text = csvLine(header);
    const auto addRow = [&](int i) {
        const auto at = static_cast<std::size_t>(i);
        // 9 significant digits bring a float back exactly.
        QStringList row{QString::number(i), QString::number(scene_.xy[2 * at], 'g', 9),
                        QString::number(scene_.xy[2 * at + 1], 'g', 9)};
        if (coloured)
            row.append(scene_.colouring.describePoint(at));
        if (extra.values) {
            QStringList values = extra.values(i);
            while (values.size() < extra.headers.size())
                values.append(QString());
            row.append(values.mid(0, extra.headers.size()));
        }
        text += csvLine(row);
    };
    if (selectionOnly)
        for (const int i : scene_.selection)
            addRow(i);
    else
        for (int i = 0; i < scene_.pointCount(); ++i)
            addRow(i);
    return writeFileAtomically(path, text.toUtf8(), error);
}

} // namespace shelfscope::ui
