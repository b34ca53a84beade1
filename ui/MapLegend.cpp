#include "MapLegend.h"

#include "MapScene.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

namespace {

constexpr double kPadding = 8.0;
constexpr double kSwatchColumn = 18.0; ///< swatch or marker, then the text
constexpr double kMinWidth = 90.0;
constexpr double kMaxWidth = 240.0;
constexpr double kBarWidth = 14.0;
constexpr int kBarSamples = 33;
const QColor kText(0x20, 0x20, 0x20);
const QColor kQuiet(0x70, 0x70, 0x70);
const QColor kHiddenText(0xa8, 0xa8, 0xa8);

QString tr(const char* text) {
    return QCoreApplication::translate("shelfscope::ui::MapLegend", text);
}

QString count(std::size_t n) {
    return QLocale(QLocale::English).toString(static_cast<qulonglong>(n));
}

} // namespace

QFont MapLegend::font(bool bold) {
    QFont font;
    font.setPixelSize(12);
    font.setBold(bold);
    return font;
}

void MapLegend::build(const MapScene& scene, double maxHeight) {
    rows_.clear();
    barColours_.clear();
    size_ = QSizeF();
    const QFontMetricsF metrics(font()), boldMetrics(font(true));
    const double rowHeight = std::max(17.0, std::ceil(metrics.height()) + 4);
    const MapColouring& colouring = scene.colouring;

    // Highlight rows first: they always show, the categories get the room left.
    std::vector<Row> markers;
    const auto addMarker = [&](const QString& text, std::size_t n, MarkerShape shape,
                               const QColor& colour, double indent) {
        Row row;
        row.kind = Row::Kind::Marker;
        row.text = text;
        row.detail = n > 0 ? count(n) : QString();
        row.shape = shape;
        row.colour = colour;
        row.indent = indent;
        markers.push_back(row);
    };
    for (const auto& layer : scene.layers) {
        const auto n = static_cast<std::size_t>(std::count_if(
            layer.points.begin(), layer.points.end(), [&](int i) { return scene.validPoint(i); }));
        if (layer.name.isEmpty() || n == 0)
            continue;
        addMarker(layer.name, n, layer.shape, layer.colour, 0);
        for (const auto& [name, colour] : layer.key)
            addMarker(name, 0, layer.shape, colour, 12);
    }
    double y = kPadding;
    const auto add = [&](Row row, double height) {
        row.rect = QRectF(kPadding, y, 0, height);
        rows_.push_back(std::move(row));
        y += height;
    };
    const bool coloured = colouring.kind() != MapColouring::Kind::Uniform;
    if (coloured && !colouring.title().isEmpty()) {
        Row title;
        title.kind = Row::Kind::Title;
        title.text = colouring.title();
        add(title, std::ceil(boldMetrics.height()) + 5);
    }
    const double markersHeight = markers.empty() ? 0.0 : 6.0 + rowHeight * markers.size();
    const double room = maxHeight - y - markersHeight - kPadding;
    const auto entryRow = [&](int entry, const QString& name, const QColor& colour, int n) {
        Row row;
        row.kind = Row::Kind::Entry;
        row.text = name;
        row.detail = count(static_cast<std::size_t>(n));
        row.colour = colour;
        row.entry = entry;
        row.hidden = scene.entryHidden(entry);
        return row;
    };
    const int missing = colouring.missingPoints();
    if (colouring.kind() == MapColouring::Kind::Categorical) {
        std::vector<Row> entries;
        for (int c = 0; c < colouring.categoryCount(); ++c)
            entries.push_back(entryRow(c, colouring.categoryName(c), colouring.categoryColour(c),
                                       colouring.categoryPoints(c)));
        if (missing > 0)
            entries.push_back(entryRow(colouring.missingEntry(), colouring.missingName(),
                                       colouring.slotColour(colouring.missingSlot()), missing));
        const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor(room / rowHeight)));
        const std::size_t shown =
            entries.size() <= fit ? entries.size() : fit - std::min<std::size_t>(fit, 1);
        for (std::size_t k = 0; k < shown; ++k)
            add(entries[k], rowHeight);
        if (shown < entries.size()) {
            Row more;
            more.kind = Row::Kind::Note;
            more.text = tr("and %1 more").arg(entries.size() - shown);
            add(more, rowHeight);
        }
    } else if (colouring.kind() == MapColouring::Kind::Continuous) {
        for (int k = 0; k < kBarSamples; ++k)
            barColours_.push_back(colouring.colourAt(k / double(kBarSamples - 1)));
        barLabels_[0] = colouring.formatValue(colouring.maximum());
        barLabels_[1] = colouring.formatValue((colouring.minimum() + colouring.maximum()) / 2);
        barLabels_[2] = colouring.formatValue(colouring.minimum());
        barHeight_ =
            std::clamp(room - (missing > 0 ? rowHeight : 0.0) - metrics.height(), 60.0, 180.0);
        Row bar;
        bar.kind = Row::Kind::ColourBar;
        add(bar, barHeight_ + std::ceil(metrics.height()) + 2);
        if (missing > 0)
            add(entryRow(colouring.missingEntry(), colouring.missingName(),
                         colouring.slotColour(colouring.missingSlot()), missing),
                rowHeight);
    }
    if (!markers.empty()) {
        if (!rows_.empty())
            y += 6.0;
        for (Row& row : markers)
            add(std::move(row), rowHeight);
    }
    if (rows_.empty() || (rows_.size() == 1 && rows_[0].kind == Row::Kind::Title)) {
        rows_.clear();
        return;
    }

    double width = kMinWidth;
    for (const Row& row : rows_) {
        const QFontMetricsF& m = row.kind == Row::Kind::Title ? boldMetrics : metrics;
        double needed = m.horizontalAdvance(row.text);
        if (row.kind == Row::Kind::ColourBar)
            needed = kBarWidth + 10 +
                     std::max({metrics.horizontalAdvance(barLabels_[0]),
                               metrics.horizontalAdvance(barLabels_[1]),
                               metrics.horizontalAdvance(barLabels_[2])});
        else if (row.kind != Row::Kind::Title && row.kind != Row::Kind::Note)
            needed += row.indent + kSwatchColumn;
        if (!row.detail.isEmpty())
            needed += 12 + metrics.horizontalAdvance(row.detail);
        width = std::max(width, needed);
    }
    width = std::min(width, kMaxWidth);
    for (Row& row : rows_) {
        row.rect.setWidth(width);
        const QFontMetricsF& m = row.kind == Row::Kind::Title ? boldMetrics : metrics;
        double room =
            width - (row.detail.isEmpty() ? 0 : 12 + metrics.horizontalAdvance(row.detail));
        if (row.kind == Row::Kind::Entry || row.kind == Row::Kind::Marker)
            room -= row.indent + kSwatchColumn;
        row.text = m.elidedText(row.text, Qt::ElideRight, room);
    }
    size_ = QSizeF(width + 2 * kPadding, y + kPadding);
}

int MapLegend::entryAt(const QPointF& point) const {
    for (const Row& row : rows_)
        if (row.entry >= 0 && row.rect.contains(point))
            return row.entry;
    return -1;
}

void MapLegend::paint(QPainter& painter, const QPointF& topLeft) const {
    if (rows_.empty())
        return;
    painter.save();
    painter.translate(topLeft);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.setPen(QPen(QColor(0xd0, 0xd0, 0xd0), 1.0));
    painter.setBrush(QColor(255, 255, 255, 240));
    painter.drawRoundedRect(QRectF(QPointF(0.5, 0.5), size_ - QSizeF(1, 1)), 4, 4);
    for (const Row& row : rows_)
        paintRow(painter, row);
    painter.restore();
}

void MapLegend::paintRow(QPainter& painter, const Row& row) const {
    const QRectF& r = row.rect;
    const double middle = r.center().y();
    painter.setFont(font(row.kind == Row::Kind::Title));
    if (row.kind == Row::Kind::Title) {
        painter.setPen(kText);
        painter.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, row.text);
        return;
    }
    if (row.kind == Row::Kind::Note) {
        painter.setPen(kQuiet);
        painter.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, row.text);
        return;
    }
    if (row.kind == Row::Kind::ColourBar) {
        const double half = QFontMetricsF(font()).height() / 2;
        const QRectF bar(r.left(), r.top() + half, kBarWidth, barHeight_);
        QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
        for (std::size_t k = 0; k < barColours_.size(); ++k)
            gradient.setColorAt(k / double(barColours_.size() - 1), barColours_[k]);
        painter.setPen(QPen(QColor(0x80, 0x80, 0x80), 0.8));
        painter.setBrush(gradient);
        painter.drawRect(bar);
        for (int k = 0; k < 3; ++k) {
            const double tickY = bar.top() + bar.height() * k / 2.0;
            painter.setPen(QPen(kQuiet, 1.0));
            painter.drawLine(QPointF(bar.right(), tickY), QPointF(bar.right() + 4, tickY));
            painter.setPen(kText);
            painter.drawText(QRectF(bar.right() + 8, tickY - half, r.width(), 2 * half),
                             Qt::AlignLeft | Qt::AlignVCenter, barLabels_[k]);
        }
        return;
    }
    const QPointF swatch(r.left() + row.indent + 5, middle);
    if (row.kind == Row::Kind::Entry) {
        painter.setPen(row.hidden ? QPen(kHiddenText, 1.2) : QPen(row.colour.darker(115), 0.8));
        painter.setBrush(row.hidden ? QBrush(Qt::NoBrush) : QBrush(row.colour));
        painter.drawEllipse(swatch, 5, 5);
    } else {
        drawMarker(painter, row.shape, swatch, 10, row.colour);
    }
    const QRectF text(r.left() + row.indent + kSwatchColumn, r.top(),
                      r.width() - row.indent - kSwatchColumn, r.height());
    painter.setPen(row.hidden ? kHiddenText : kText);
    painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, row.text);
    if (!row.detail.isEmpty()) {
        painter.setPen(row.hidden ? kHiddenText : kQuiet);
        painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter, row.detail);
    }
}

} // namespace shelfscope::ui
