#include "CoverPlaceholder.h"

#include <QFont>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace shelfscope::ui {

namespace {

/// A muted cloth colour picked by the title, so neighbouring placeholders differ and a book
/// keeps its colour from one run to the next (FNV-1a: qHash is seeded per process).
QColor clothColour(const QString& title) {
    quint32 hash = 2166136261u;
    for (const QChar c : title) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return QColor::fromHsv(static_cast<int>(hash % 360u), 110, 125);
}

/// Lays the title out in at most `maxLines` lines of `width`, eliding the last.
QStringList wrapTitle(const QString& title, const QFont& font, qreal width, int maxLines) {
    QStringList lines;
    QTextLayout layout(title, font);
    layout.beginLayout();
    while (lines.size() < maxLines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        lines.append(title.mid(line.textStart(), line.textLength()).trimmed());
    }
    const bool more = layout.createLine().isValid();
    layout.endLayout();
    if (more && !lines.isEmpty()) {
        const QFontMetricsF metrics(font);
        lines.last() =
            metrics.elidedText(lines.last() + QStringLiteral(" \u2026"), Qt::ElideRight, width);
    }
    return lines;
}

} // namespace

QString coverInitial(const QString& title) {
    for (const char32_t c : title.toUcs4()) {
        if (QChar::isLetterOrNumber(c))
            return QString::fromUcs4(&c, 1).toUpper();
    }
    return QStringLiteral("?");
}

QImage drawCoverPlaceholder(const QString& title, QSize size, qreal devicePixelRatio) {
    size = size.expandedTo(QSize(24, 36));
    QImage image(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);

    const qreal w = size.width();
    const qreal h = size.height();
    const qreal pages = std::max(2.0, w * 0.035); // the page block peeking out right and below
    const QRectF cover(0.5, 0.5, w - pages - 1.0, h - pages - 1.0);
    const qreal radius = std::max(2.0, w * 0.025);

    // Pages: a cream block offset from the cover, with a few lines for the leaves.
    const QRectF block = cover.translated(pages, pages);
    painter.setPen(QPen(QColor(170, 160, 140), 1.0));
    painter.setBrush(QColor(243, 236, 220));
    painter.drawRoundedRect(block, radius, radius);
    painter.setPen(QPen(QColor(205, 196, 178), 0.8));
    for (int i = 1; i < 3; ++i) {
        const qreal d = pages * i / 3.0;
        painter.drawLine(QPointF(cover.right() + d, cover.top() + d + radius),
                         QPointF(cover.right() + d, cover.bottom() + d - radius));
        painter.drawLine(QPointF(cover.left() + d + radius, cover.bottom() + d),
                         QPointF(cover.right() + d - radius, cover.bottom() + d));
    }

    // The cover: cloth with a soft light from the top left, and a darker spine.
    const QColor cloth = clothColour(title);
    QLinearGradient light(cover.topLeft(), cover.bottomRight());
    light.setColorAt(0.0, cloth.lighter(118));
    light.setColorAt(1.0, cloth.darker(112));
    painter.setPen(QPen(cloth.darker(150), 1.0));
    painter.setBrush(light);
    painter.drawRoundedRect(cover, radius, radius);
    const qreal spine = std::max(4.0, cover.width() * 0.09);
    QPainterPath spinePath;
    spinePath.addRoundedRect(QRectF(cover.left(), cover.top(), spine + radius, cover.height()),
                             radius, radius);
    QPainterPath clip;
    clip.addRect(QRectF(cover.left(), cover.top(), spine, cover.height()));
    painter.setPen(Qt::NoPen);
    painter.setBrush(cloth.darker(135));
    painter.drawPath(spinePath.intersected(clip));
    painter.setPen(QPen(cloth.darker(160), 1.0));
    painter.drawLine(QPointF(cover.left() + spine, cover.top() + 1),
                     QPointF(cover.left() + spine, cover.bottom() - 1));

    // A thin gilt frame on the front board.
    const QRectF front(cover.left() + spine, cover.top(), cover.width() - spine, cover.height());
    const qreal inset = std::max(3.0, front.width() * 0.08);
    const QRectF frame = front.adjusted(inset, inset, -inset, -inset);
    const QColor gilt(232, 212, 160);
    painter.setPen(QPen(gilt, std::max(0.8, w / 160.0)));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(frame);

    // The initial, large, in the upper part of the frame; the title below it.
    QFont initialFont(QStringLiteral("serif"));
    initialFont.setStyleHint(QFont::Serif);
    initialFont.setPixelSize(std::max(10, static_cast<int>(frame.height() * 0.36)));
    initialFont.setBold(true);
    painter.setFont(initialFont);
    painter.setPen(QColor(255, 250, 238));
    const QRectF initialBox(frame.left(), frame.top(), frame.width(), frame.height() * 0.58);
    painter.drawText(initialBox, Qt::AlignCenter, coverInitial(title));

    QFont titleFont(QStringLiteral("serif"));
    titleFont.setStyleHint(QFont::Serif);
    titleFont.setPixelSize(std::max(7, static_cast<int>(frame.width() / 10.0)));
    const qreal textWidth = frame.width() - 2.0 * inset * 0.5;
    const QStringList lines = wrapTitle(title, titleFont, textWidth, 3);
    if (!lines.isEmpty() && frame.height() > 60) {
        painter.setFont(titleFont);
        painter.setPen(QColor(250, 242, 224));
        const QFontMetricsF metrics(titleFont);
        qreal y = initialBox.bottom() + metrics.lineSpacing() * 0.2;
        painter.setPen(QPen(gilt, 0.8));
        painter.drawLine(QPointF(frame.center().x() - frame.width() * 0.18, y),
                         QPointF(frame.center().x() + frame.width() * 0.18, y));
        y += metrics.lineSpacing() * 0.5;
        painter.setPen(QColor(250, 242, 224));
        for (const QString& line : lines) {
            if (y + metrics.height() > frame.bottom() - inset * 0.3)
                break;
            painter.drawText(QRectF(frame.left(), y, frame.width(), metrics.height()),
                             Qt::AlignHCenter | Qt::AlignTop, line);
            y += metrics.lineSpacing();
        }
    }
    return image;
}

} // namespace shelfscope::ui
