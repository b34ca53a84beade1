#include "BarChart.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

namespace {

/// A tick step of 1, 2 or 5 times a power of ten giving about five ticks over span.
double niceStep(double span) {
    const double raw = std::max(1e-9, span / 5.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0})
        if (factor * magnitude >= raw)
            return factor * magnitude;
    return 10.0 * magnitude;
}

} // namespace

BarChart::BarChart(const QString& title, const QString& xTitle, const QString& yTitle,
                   QWidget* parent)
    : QChartView(new QChart, parent), xTitle_(xTitle), yTitle_(yTitle) {
    setRenderHint(QPainter::Antialiasing);
    chart()->setTitle(title);
    chart()->legend()->hide();
    setMinimumHeight(160);
    chart()->setMargins(QMargins(2, 2, 2, 2));
}

void BarChart::clear() {
    chart()->removeAllSeries();
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);
        delete axis; // removeAxis hands ownership back
    }
    set_ = nullptr;
    values_.clear();
}

void BarChart::addValueAxis(double top) {
    auto* y = new QValueAxis;
    y->setTitleText(yTitle_);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setRange(0.0, std::max(1.0, top * 1.05));
    y->applyNiceNumbers();
    chart()->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart()->series())
        series->attachAxis(y);
}

void BarChart::setBars(const QStringList& categories, const std::vector<double>& values) {
    clear();
    values_ = values;
    auto* series = new QBarSeries;
    set_ = new QBarSet(yTitle_);
    set_->setColor(QColor(0x1f, 0x77, 0xb4));
    set_->setBorderColor(QColor(0x1f, 0x77, 0xb4).darker(120));
    for (double value : values)
        set_->append(value);
    series->append(set_);
    series->setBarWidth(0.9);
    chart()->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(xTitle_);
    chart()->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    addValueAxis(values.empty() ? 1.0 : *std::max_element(values.begin(), values.end()));
}

void BarChart::setHistogram(const std::vector<CountBin>& bins) {
    // Bin [low, high] of whole counts covers low - 0.5 .. high + 0.5 on the axis.
    std::vector<std::pair<double, double>> edges;
    std::vector<double> values;
    for (const CountBin& bin : bins) {
        edges.emplace_back(static_cast<double>(bin.low) - 0.5, static_cast<double>(bin.high) + 0.5);
        values.push_back(static_cast<double>(bin.groups));
    }
    setBins(edges, values);
}

void BarChart::setBins(const std::vector<std::pair<double, double>>& edges,
                       const std::vector<double>& values) {
    clear();
    auto* outline = new QLineSeries;
    double top = 1.0;
    for (std::size_t i = 0; i < edges.size() && i < values.size(); ++i) {
        const auto [left, right] = edges[i];
        *outline << QPointF(left, 0.0) << QPointF(left, values[i]) << QPointF(right, values[i])
                 << QPointF(right, 0.0);
        values_.push_back(values[i]);
        top = std::max(top, values[i]);
    }
    auto* area = new QAreaSeries(outline);
    outline->setParent(area);
    area->setColor(QColor(0x1f, 0x77, 0xb4));
    area->setBorderColor(QColor(0x1f, 0x77, 0xb4).darker(120));
    chart()->addSeries(area);
    auto* x = new QValueAxis;
    x->setTitleText(xTitle_);
    x->setLabelFormat(QStringLiteral("%g"));
    if (!edges.empty()) {
        const double low = edges.front().first;
        const double high = edges.back().second;
        x->setRange(low, high);
        x->setTickType(QValueAxis::TicksDynamic);
        const double step = niceStep(high - low);
        x->setTickAnchor(std::ceil(low / step) * step);
        x->setTickInterval(step);
    }
    chart()->addAxis(x, Qt::AlignBottom);
    area->attachAxis(x);
    addValueAxis(top);
}

int BarChart::barCount() const {
    return static_cast<int>(values_.size());
}

double BarChart::value(int bar) const {
    return values_.at(static_cast<std::size_t>(bar));
}

} // namespace shelfscope::ui
