#include "LossChart.h"

#include "SaveFile.h"

#include <QBuffer>
#include <QChart>
#include <QFileInfo>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QSvgGenerator>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

namespace {

QColor runColour(int run) {
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                     QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};
    return palette[(run - 1) % 8];
}

constexpr double kSmoothing = 0.3; // weight of the newest report in the running average

} // namespace

LossChart::LossChart(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    chart()->setTitle(tr("Loss (mean squared error)"));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    rebuildAxes();
}

void LossChart::attach(QLineSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(xAxis_);
    series->attachAxis(yAxis_);
}

void LossChart::rebuildAxes() {
    for (QAbstractAxis* axis : chart()->axes()) {
        chart()->removeAxis(axis);
        delete axis; // removeAxis hands ownership back
    }
    auto* x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    QAbstractAxis* y = nullptr;
    if (logScale_) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10.0);
        axis->setLabelFormat(QStringLiteral("%.3g"));
        axis->setMinorTickCount(8);
        y = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.2f"));
        y = axis;
    }
    y->setTitleText(objectiveRuns_ || bprRuns_ ? tr("loss") : tr("MSE"));
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    xAxis_ = x;
    yAxis_ = y;
    for (QAbstractSeries* series : chart()->series()) {
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
    }
    rescale();
}

void LossChart::beginRun(int run, const QString& name, Curves curves) {
    RunSeries series;
    series.running = new QLineSeries(this);
    series.running->setName(curves == Curves::Objective ? tr("%1 objective per signal").arg(name)
                            : curves == Curves::BprLoss ? tr("%1 BPR loss").arg(name)
                                                        : tr("%1 train").arg(name));
    series.running->setPen(QPen(runColour(run), 1.5));
    series.test = new QLineSeries(this);
    series.test->setName(tr("%1 test").arg(name));
    series.test->setPen(QPen(runColour(run).darker(130), 2.5));
    series.test->setPointsVisible(true);
    attach(series.running);
    attach(series.test);
    // A legend entry for a line that never gets a point would promise a curve.
    if (curves != Curves::RatingLoss)
        for (QLegendMarker* marker : chart()->legend()->markers(series.test))
            marker->setVisible(false);
    if (curves == Curves::None)
        for (QLegendMarker* marker : chart()->legend()->markers(series.running))
            marker->setVisible(false);
    objectiveRuns_ = objectiveRuns_ || curves == Curves::Objective;
    bprRuns_ = bprRuns_ || curves == Curves::BprLoss;
    if (objectiveRuns_ || bprRuns_)
        yAxis_->setTitleText(tr("loss"));
    closedFormRuns_ = closedFormRuns_ || curves == Curves::None;
    // An item-item fit has no curve, but the chart draws its data's rating baselines.
    mseRuns_ = mseRuns_ || curves == Curves::RatingLoss || curves == Curves::None;
    updateTitle();
    runs_.insert(run, series);
}

void LossChart::updateTitle() {
    QStringList notes;
    if (objectiveRuns_)
        notes << tr("implicit ALS: its objective per observed signal");
    if (bprRuns_)
        notes << tr("BPR: mean \u2212log \u03c3(rated book's score \u2212 unrated book's) "
                    "per pair");
    if (closedFormRuns_)
        notes << tr("item-item runs are fitted in closed form: no curve");
    // Mean squared error is named only when some run (or none yet) is judged by it.
    if (mseRuns_ || notes.isEmpty())
        notes.prepend(tr("mean squared error"));
    chart()->setTitle(tr("Loss (%1)").arg(notes.join(QStringLiteral("; "))));
}

void LossChart::addRunningLoss(int run, double x, double loss) {
    auto it = runs_.find(run);
    if (it == runs_.end() || !std::isfinite(loss) || loss <= 0.0)
        return;
    it->smoothed = it->started ? (1.0 - kSmoothing) * it->smoothed + kSmoothing * loss : loss;
    it->started = true;
    it->running->append(x, it->smoothed);
    maxX_ = std::max(maxX_, x);
    minY_ = std::min(minY_, it->smoothed);
    maxY_ = std::max(maxY_, it->smoothed);
    rescale();
}

void LossChart::addTestMse(int run, int epoch, double mse) {
    auto it = runs_.find(run);
    if (it == runs_.end() || !std::isfinite(mse) || mse <= 0.0)
        return;
    it->test->append(epoch, mse);
    maxX_ = std::max(maxX_, static_cast<double>(epoch));
    minY_ = std::min(minY_, mse);
    maxY_ = std::max(maxY_, mse);
    rescale();
}

void LossChart::setBaselines(double globalMeanMse, double biasMse) {
    const auto line = [this](QLineSeries*& series, const QString& name, double value,
                             Qt::PenStyle style) {
        if (series == nullptr) {
            series = new QLineSeries(this);
            series->setName(name);
            series->setPen(QPen(QColor(0x70, 0x70, 0x70), 1.2, style));
            attach(series);
        }
        series->replace(QList<QPointF>{{0.0, value}, {1e6, value}});
    };
    line(globalMeanLine_, tr("mean baseline"), globalMeanMse, Qt::DashLine);
    line(biasLine_, tr("bias baseline"), biasMse, Qt::DotLine);
    minY_ = std::min({minY_, globalMeanMse, biasMse});
    maxY_ = std::max({maxY_, globalMeanMse, biasMse});
    rescale();
}

void LossChart::setLogScale(bool logScale) {
    if (logScale == logScale_)
        return;
    logScale_ = logScale;
    rebuildAxes();
}

void LossChart::rescale() {
    const double epochs = std::max(1.0, std::ceil(maxX_));
    auto* x = static_cast<QValueAxis*>(xAxis_);
    x->setRange(0.0, epochs);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0.0);
    x->setTickInterval(std::max(1.0, std::ceil(epochs / 10.0)));
    if (maxY_ <= 0.0) {
        yAxis_->setRange(logScale_ ? 0.1 : 0.0, 1.0);
        return;
    }
    if (logScale_)
        yAxis_->setRange(std::pow(10.0, std::floor(std::log10(minY_))),
                         std::pow(10.0, std::ceil(std::log10(maxY_))));
    else {
        auto* y = static_cast<QValueAxis*>(yAxis_);
        y->setRange(0.0, maxY_ * 1.05);
        y->applyNiceNumbers();
    }
}

void LossChart::removeRun(int run) {
    const auto it = runs_.find(run);
    if (it == runs_.end())
        return;
    chart()->removeSeries(it->running);
    chart()->removeSeries(it->test);
    delete it->running;
    delete it->test;
    runs_.erase(it);
    recomputeRanges();
    rescale();
}

void LossChart::recomputeRanges() {
    maxX_ = 1.0;
    minY_ = 1e300;
    maxY_ = 0.0;
    for (QAbstractSeries* abstract : chart()->series()) {
        const auto* series = static_cast<const QLineSeries*>(abstract);
        const bool baseline = series == globalMeanLine_ || series == biasLine_;
        for (const QPointF& point : series->points()) {
            if (!baseline)
                maxX_ = std::max(maxX_, point.x());
            minY_ = std::min(minY_, point.y());
            maxY_ = std::max(maxY_, point.y());
        }
    }
}

bool LossChart::exportImage(const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png")) {
        if (!grab().save(&buffer, "PNG")) {
            *error = tr("Could not render the chart as PNG.");
            return false;
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size());
        generator.setViewBox(rect());
        generator.setTitle(chart()->title());
        QPainter painter(&generator);
        render(&painter);
    } else {
        *error = tr("%1: give a file name ending in .png or .svg").arg(path);
        return false;
    }
    return writeFileAtomically(path, bytes, error); // whole or absent
}

int LossChart::runningLossPoints(int run) const {
    return runs_.contains(run) ? static_cast<int>(runs_.value(run).running->count()) : 0;
}

int LossChart::testMsePoints(int run) const {
    return runs_.contains(run) ? static_cast<int>(runs_.value(run).test->count()) : 0;
}

} // namespace shelfscope::ui
