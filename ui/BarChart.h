#pragma once

#include "data/DatasetStats.h"

#include <QChartView>
#include <QStringList>
#include <vector>

class QBarSet;

namespace shelfscope::ui {

/// A titled chart of counts: bars with one category each, or a histogram over a numeric axis.
class BarChart : public QChartView {
    Q_OBJECT
public:
    BarChart(const QString& title, const QString& xTitle, const QString& yTitle,
             QWidget* parent = nullptr);

    void setBars(const QStringList& categories, const std::vector<double>& values);
    /// Adjacent bins on a numeric x axis, for many bins whose labels would not fit as categories.
    void setHistogram(const std::vector<CountBin>& bins);
    /// Bins [edges[i].first, edges[i].second) with heights values[i], on a numeric x axis.
    void setBins(const std::vector<std::pair<double, double>>& edges,
                 const std::vector<double>& values);
    int barCount() const;
    double value(int bar) const;

private:
    void clear();
    void addValueAxis(double top);

    QString xTitle_;
    QString yTitle_;
    QBarSet* set_ = nullptr;
    std::vector<double> values_;
};

} // namespace shelfscope::ui
