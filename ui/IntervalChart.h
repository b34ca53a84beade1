#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace shelfscope::ui {

/// One metric of the comparison: a value with its interval per compared model.
struct IntervalPanel {
    QString title; ///< "NDCG@10", "RMSE (lower is better)"
    bool higherIsBetter = true;
    /// false: bars alone, no error bars (coverage has no interval; lows and highs are unused).
    bool hasIntervals = true;
    /// false: the axis spans the values and their intervals, not 0 (RMSE and MAE, whose
    /// differences of a few thousandths a bar from 0 hides), and each model is a point with its
    /// error bar: a bar's length would no longer be its value.
    bool fromZero = true;
    int decimals = 4;
    std::vector<double> values; ///< per model; NaN: the model has no such figure
    std::vector<double> lows;
    std::vector<double> highs;
};

/// Small multiples: a bar chart per metric, one bar per model, each with its confidence
/// interval drawn as an error bar (none for a panel without intervals). Painted with QPainter so
/// the same drawing goes to the screen, a PNG and an SVG.
class IntervalChart : public QWidget {
    Q_OBJECT
public:
    explicit IntervalChart(QWidget* parent = nullptr);

    /// models: the legend's names, in bar order.
    void setPanels(const QStringList& models, std::vector<IntervalPanel> panels);
    int panelCount() const { return static_cast<int>(panels_.size()); }
    const IntervalPanel& panel(int i) const { return panels_[static_cast<std::size_t>(i)]; }
    /// The colour of model i's bars (also used by the table).
    static QColor colour(int model);
    /// The value axis of a panel: from 0 (or its lowest value, if negative) to a round number
    /// above every value and interval; for a panel not drawn from zero, round numbers around
    /// its values and intervals.
    struct Axis {
        double low = 0.0;
        double high = 1.0;
        int decimals = 2; ///< of its labels
    };
    static Axis axisOf(const IntervalPanel& panel);
    /// Paints the whole chart at `size` (for the image exports).
    void paintAll(QPainter& painter, const QSize& size) const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintPanel(QPainter& painter, const QRectF& area, const IntervalPanel& panel) const;

    QStringList models_;
    std::vector<IntervalPanel> panels_;
};

} // namespace shelfscope::ui
