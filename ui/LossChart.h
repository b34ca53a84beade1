#pragma once

#include <QChartView>
#include <QMap>

class QLineSeries;
class QAbstractAxis;

namespace shelfscope::ui {

/// Live loss curves: for every run its smoothed running training loss (several points an
/// epoch) and its test MSE after each epoch, in the run's own colour; the baselines' test MSE
/// as dashed horizontal lines. Runs that rank books chart their own loss, which the title names.
/// The y axis can switch to a log scale.
class LossChart : public QChartView {
    Q_OBJECT
public:
    explicit LossChart(QWidget* parent = nullptr);

    /// What a run's curves hold.
    enum class Curves {
        RatingLoss, ///< training MSE as it goes and test MSE per epoch
        Objective,  ///< implicit ALS: its own objective per signal, no test MSE
        BprLoss,    ///< BPR (ranking-dot): its mean -log sigma per training pair, no test MSE
        None,       ///< an item-item fit (EASE, item-kNN): closed form, no loss to plot
    };
    /// Starts a run's curves; a run with other curves than rating losses has the chart's title
    /// (and axis) say what it shows for it.
    void beginRun(int run, const QString& name, Curves curves = Curves::RatingLoss);
    /// x is in epochs (2.5 = half-way through epoch 3); the loss is smoothed before plotting.
    void addRunningLoss(int run, double x, double loss);
    void addTestMse(int run, int epoch, double mse);
    void setBaselines(double globalMeanMse, double biasMse);
    void setLogScale(bool logScale);
    /// Takes a run's curves off the chart.
    void removeRun(int run);
    /// Writes the chart as PNG or SVG (by the path's suffix), atomically; false with the reason
    /// in error when it could not.
    bool exportImage(const QString& path, QString* error);
    bool logScale() const { return logScale_; }

    int runningLossPoints(int run) const;
    int testMsePoints(int run) const;

private:
    struct RunSeries {
        QLineSeries* running = nullptr;
        QLineSeries* test = nullptr;
        double smoothed = 0.0;
        bool started = false;
    };
    void attach(QLineSeries* series);
    void rescale();
    void rebuildAxes();
    void recomputeRanges();
    void updateTitle();

    QMap<int, RunSeries> runs_;
    QLineSeries* globalMeanLine_ = nullptr;
    QLineSeries* biasLine_ = nullptr;
    QAbstractAxis* xAxis_ = nullptr;
    QAbstractAxis* yAxis_ = nullptr;
    bool logScale_ = false;
    bool mseRuns_ = false;        ///< some run is judged by MSE (a rating run, an item-item fit)
    bool objectiveRuns_ = false;  ///< some run charts implicit ALS's objective, no MSE
    bool bprRuns_ = false;        ///< some run charts BPR's loss, no MSE
    bool closedFormRuns_ = false; ///< some run has no curve at all
    double maxX_ = 1.0;
    double minY_ = 1e300;
    double maxY_ = 0.0;
};

} // namespace shelfscope::ui
