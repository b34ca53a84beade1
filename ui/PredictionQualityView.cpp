#include "PredictionQualityView.h"

#include "BarChart.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace shelfscope::ui {

namespace {

QString rawId(const std::vector<std::int32_t>& ids, std::int32_t row) {
    return row >= 0 && static_cast<std::size_t>(row) < ids.size()
               ? QString::number(ids[static_cast<std::size_t>(row)])
               : QStringLiteral("?");
}

} // namespace

PredictionQualityView::PredictionQualityView(QWidget* parent)
    : QWidget(parent), caption_(new QLabel), panes_(new QWidget),
      boxes_(new QChartView(new QChart)),
      residuals_(
          new BarChart(tr("Residuals (prediction - truth)"), tr("residual"), tr("test ratings"))),
      samples_(new QTableWidget(0, 4)) {
    caption_->setWordWrap(true);
    boxes_->setRenderHint(QPainter::Antialiasing);
    boxes_->chart()->setTitle(tr("Predictions by true rating"));
    boxes_->chart()->setMargins(QMargins(2, 2, 2, 2));
    boxes_->chart()->legend()->hide();
    boxes_->setMinimumHeight(180);
    residuals_->setMinimumHeight(180);
    samples_->setHorizontalHeaderLabels({tr("Reader"), tr("Book"), tr("Truth"), tr("Prediction")});
    samples_->verticalHeader()->hide();
    samples_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    samples_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    samples_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto* panes = new QHBoxLayout(panes_);
    panes->setContentsMargins(0, 0, 0, 0);
    panes->addWidget(boxes_, 4);
    panes->addWidget(residuals_, 4);
    panes->addWidget(samples_, 5);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(caption_);
    layout->addWidget(panes_, 1);
    layout->addStretch(0); // takes the room when the panes are hidden, so the caption stays on top
    showMessage(tr("Select a finished run to see how it predicts its test ratings."));
}

void PredictionQualityView::showMessage(const QString& message) {
    caption_->setText(message);
    panes_->hide();
    boxes_->chart()->removeAllSeries();
    for (QAbstractAxis* axis : boxes_->chart()->axes()) {
        boxes_->chart()->removeAxis(axis);
        delete axis; // removeAxis hands ownership back
    }
    boxSeries_ = nullptr;
    residuals_->setBins({}, {});
    samples_->setRowCount(0);
}

bool PredictionQualityView::chartsShown() const {
    return !panes_->isHidden();
}

int PredictionQualityView::boxCount() const {
    return boxSeries_ ? boxSeries_->count() : 0;
}

void PredictionQualityView::showQuality(const QString& caption, const PredictionQuality& quality,
                                        const std::vector<std::int32_t>& userRawIds,
                                        const std::vector<std::int32_t>& bookRawIds,
                                        const BookCatalog& catalogue) {
    const QLocale english(QLocale::English);
    caption_->setText(caption + tr(" &nbsp; (boxes: quartiles, whiskers: 5% and 95%)"));
    panes_->show();
    QStringList groups;
    for (const RatingGroupQuality& g : quality.byRating)
        groups << tr("true %1: %2 ratings, predicted %3 on average (standard deviation %4)")
                      .arg(static_cast<double>(g.rating))
                      .arg(english.toString(g.count))
                      .arg(english.toString(g.meanPrediction, 'f', 2))
                      .arg(english.toString(g.predictionSpread, 'f', 2));
    boxes_->setToolTip(groups.join(QLatin1Char('\n')));

    QChart* chart = boxes_->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis; // removeAxis hands ownership back
    }
    boxSeries_ = new QBoxPlotSeries;
    QStringList categories;
    float low = 1.0f;
    float high = 5.0f;
    for (const RatingGroupQuality& g : quality.byRating) {
        const QString label = QString::number(static_cast<double>(g.rating));
        auto* set = new QBoxSet(g.p05, g.q1, g.median, g.q3, g.p95, label);
        set->setBrush(QColor(0x1f, 0x77, 0xb4, 160));
        boxSeries_->append(set);
        categories << label;
        low = std::min(low, g.p05);
        high = std::max(high, g.p95);
    }
    chart->addSeries(boxSeries_);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(tr("true rating"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("predicted"));
    y->setRange(std::floor(low - 0.25f), std::ceil(high + 0.25f));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    boxSeries_->attachAxis(x);
    boxSeries_->attachAxis(y);

    std::vector<std::pair<double, double>> edges;
    std::vector<double> counts;
    for (const ResidualBin& bin : quality.residuals) {
        edges.emplace_back(bin.low, bin.high);
        counts.push_back(static_cast<double>(bin.count));
    }
    residuals_->setBins(edges, counts);

    samples_->setRowCount(static_cast<int>(quality.samples.size()));
    for (int row = 0; row < samples_->rowCount(); ++row) {
        const PredictionSample& s = quality.samples[static_cast<std::size_t>(row)];
        const QString book = rawId(bookRawIds, s.bookRow);
        const QString title = QString::fromStdString(catalogue.displayTitle(book.toInt()));
        const QStringList cells{rawId(userRawIds, s.userRow), tr("%1 (#%2)").arg(title, book),
                                QString::number(static_cast<double>(s.truth)),
                                english.toString(static_cast<double>(s.prediction), 'f', 2)};
        for (int column = 0; column < 4; ++column)
            samples_->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

} // namespace shelfscope::ui
