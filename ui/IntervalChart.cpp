#include "IntervalChart.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

namespace shelfscope::ui {

namespace {

constexpr int kColumns = 4;
constexpr double kLegendHeight = 26.0;
constexpr double kPanelHeight = 170.0;

/// The smallest of 1, 2, 2.5 or 5 times a power of ten at or above value (1 for nothing).
double niceCeiling(double value) {
    if (!(value > 0.0))
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * power >= value)
            return step * power;
    return 10.0 * power;
}

} // namespace

IntervalChart::IntervalChart(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(200);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

QColor IntervalChart::colour(int model) {
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
    return palette[static_cast<std::size_t>(model) % std::size(palette)];
}

void IntervalChart::setPanels(const QStringList& models, std::vector<IntervalPanel> panels) {
    models_ = models;
    panels_ = std::move(panels);
    updateGeometry();
    update();
}

QSize IntervalChart::sizeHint() const {
    const int rows = (panelCount() + kColumns - 1) / kColumns;
    return {900, static_cast<int>(kLegendHeight + std::max(1, rows) * kPanelHeight)};
}

void IntervalChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paintAll(painter, size());
}

void IntervalChart::paintAll(QPainter& painter, const QSize& size) const {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
    if (panels_.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter,
                         tr("Choose runs and press Compare."));
        return;
    }
    // Legend: a swatch and the name of each model.
    double x = 8.0;
    const QFontMetricsF metrics(font());
    for (int i = 0; i < models_.size(); ++i) {
        painter.fillRect(QRectF(x, 8.0, 12.0, 12.0), colour(i));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QPointF(x + 16.0, 8.0 + metrics.ascent() - 1.0), models_[i]);
        x += 16.0 + metrics.horizontalAdvance(models_[i]) + 18.0;
    }
    const int rows = (panelCount() + kColumns - 1) / kColumns;
    const double width = static_cast<double>(size.width()) / kColumns;
    const double height =
        std::max(80.0, (static_cast<double>(size.height()) - kLegendHeight) / std::max(1, rows));
    for (int i = 0; i < panelCount(); ++i) {
        const QRectF area((i % kColumns) * width, kLegendHeight + (i / kColumns) * height, width,
                          height);
        paintPanel(painter, area.adjusted(6, 4, -6, -6), panels_[static_cast<std::size_t>(i)]);
    }
}

IntervalChart::Axis IntervalChart::axisOf(const IntervalPanel& panel) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (std::size_t m = 0; m < panel.values.size(); ++m) {
        if (!std::isfinite(panel.values[m]))
            continue;
        low = std::min(low, panel.values[m]);
        high = std::max(high, panel.values[m]);
        if (panel.hasIntervals) {
            low = std::min(low, panel.lows[m]);
            high = std::max(high, panel.highs[m]);
        }
    }
    Axis axis;
    if (!(low <= high))
        return axis; // nothing to show
    if (panel.fromZero) {
        axis.low = std::min(0.0, low);
        axis.high = niceCeiling(std::max(high, 0.0) * 1.05);
        axis.decimals = axis.high >= 100.0 ? 0 : axis.high >= 10.0 ? 1 : axis.high >= 1.0 ? 2 : 3;
        return axis;
    }
    // Round numbers around the values: a step of 1, 2, 2.5 or 5 times a power of ten that puts
    // the span in about two steps, with a little room above and below.
    const double span = std::max(high - low, 1e-9 * std::max(1.0, std::fabs(high)));
    const double step = niceCeiling(span / 2.0);
    axis.low = std::floor((low - 0.05 * span) / step) * step;
    axis.high = std::ceil((high + 0.05 * span) / step) * step;
    if (axis.high - axis.low < 2.0 * step) // a middle label on a round number too
        axis.high = axis.low + 2.0 * step;
    const double half = (axis.high - axis.low) / 2.0;
    axis.decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(half))) + 1, 0, 6);
    return axis;
}

void IntervalChart::paintPanel(QPainter& painter, const QRectF& area,
                               const IntervalPanel& panel) const {
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = palette().color(QPalette::Mid);
    const QFontMetricsF metrics(font());
    painter.setPen(text);
    painter.drawText(QRectF(area.left(), area.top(), area.width(), metrics.height()),
                     Qt::AlignHCenter, panel.title);
    bool any = false;
    for (double value : panel.values)
        any = any || std::isfinite(value);
    const double axisWidth = metrics.horizontalAdvance(QStringLiteral("0.0000")) + 6.0;
    const QRectF plot(area.left() + axisWidth, area.top() + metrics.height() + 6.0,
                      area.width() - axisWidth - 4.0, area.height() - metrics.height() - 10.0);
    if (!any) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap,
                         tr("no model here predicts ratings"));
        return;
    }
    const Axis axis = axisOf(panel);
    auto yOf = [&](double value) {
        return plot.bottom() - (value - axis.low) / (axis.high - axis.low) * plot.height();
    };
    // Axis: its ends and middle, with light grid lines.
    for (double fraction : {0.0, 0.5, 1.0}) {
        const double value = axis.low + fraction * (axis.high - axis.low);
        const double y = yOf(value);
        painter.setPen(QPen(grid, 0.5));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        painter.drawText(
            QRectF(area.left(), y - metrics.height() / 2.0, axisWidth - 4.0, metrics.height()),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(value, 'f', axis.decimals));
    }
    const auto count = static_cast<double>(panel.values.size());
    const double slot = plot.width() / count;
    const double barWidth = std::min(48.0, slot * 0.6);
    for (std::size_t m = 0; m < panel.values.size(); ++m) {
        const double centre = plot.left() + slot * (static_cast<double>(m) + 0.5);
        if (!std::isfinite(panel.values[m])) {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(QRectF(centre - slot / 2.0, plot.bottom() - metrics.height(), slot,
                                    metrics.height()),
                             Qt::AlignCenter, QStringLiteral("-"));
            continue;
        }
        const double y = yOf(panel.values[m]);
        if (panel.fromZero)
            painter.fillRect(QRectF(centre - barWidth / 2.0, y, barWidth, plot.bottom() - y),
                             colour(static_cast<int>(m)));
        if (panel.hasIntervals) {
            // The error bar: a vertical line from low to high with caps.
            painter.setPen(QPen(text, 1.4));
            const double low = yOf(panel.lows[m]);
            const double high = yOf(panel.highs[m]);
            const double cap = barWidth / 4.0;
            painter.drawLine(QPointF(centre, low), QPointF(centre, high));
            painter.drawLine(QPointF(centre - cap, low), QPointF(centre + cap, low));
            painter.drawLine(QPointF(centre - cap, high), QPointF(centre + cap, high));
        }
        if (!panel.fromZero) { // a point: no bar, as the axis does not start at 0
            painter.setPen(QPen(text, 1.0));
            painter.setBrush(colour(static_cast<int>(m)));
            painter.drawEllipse(QPointF(centre, y), 5.0, 5.0);
            painter.setBrush(Qt::NoBrush);
        }
    }
    painter.setPen(QPen(grid, 1.0));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
}

} // namespace shelfscope::ui
