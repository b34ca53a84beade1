#pragma once

#include "data/BookCatalog.h"
#include "eval/PredictionQuality.h"

#include <QWidget>

class QBoxPlotSeries;
class QChartView;
class QLabel;
class QTableWidget;

namespace shelfscope::ui {

class BarChart;

/// How one model predicts its test ratings: a box plot of the predictions for each true rating,
/// the residual histogram, and a few test pairs with prediction and truth, by title.
class PredictionQualityView : public QWidget {
    Q_OBJECT
public:
    explicit PredictionQualityView(QWidget* parent = nullptr);

    /// userRawIds / bookRawIds map model rows back to ids; titles come from the catalogue.
    void showQuality(const QString& caption, const PredictionQuality& quality,
                     const std::vector<std::int32_t>& userRawIds,
                     const std::vector<std::int32_t>& bookRawIds, const BookCatalog& catalogue);
    void showMessage(const QString& message);

    int boxCount() const;
    /// Whether the charts and the table are shown (a message alone hides them: a run that
    /// predicts no ratings has nothing to chart).
    bool chartsShown() const;
    const BarChart* residualChart() const { return residuals_; }
    const QTableWidget* samplesTable() const { return samples_; }

private:
    QLabel* caption_;
    QWidget* panes_;
    QChartView* boxes_;
    QBoxPlotSeries* boxSeries_ = nullptr;
    BarChart* residuals_;
    QTableWidget* samples_;
};

} // namespace shelfscope::ui
