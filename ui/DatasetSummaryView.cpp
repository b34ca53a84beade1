#include "DatasetSummaryView.h"

#include "BarChart.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

QString row(const QString& label, qint64 value) {
    return QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>")
        .arg(label.toHtmlEscaped(), QLocale(QLocale::English).toString(value));
}

} // namespace

DatasetSummaryView::DatasetSummaryView(QWidget* parent)
    : QWidget(parent), label_(new QLabel(this)),
      ratingChart_(
          new BarChart(tr("Ratings by stars (kept ratings)"), tr("rating"), tr("ratings"), this)),
      readerChart_(new BarChart(tr("Readers by number of ratings given"), tr("ratings per reader"),
                                tr("readers"), this)) {
    label_->setTextFormat(Qt::RichText);
    label_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_->setWordWrap(true);
    label_->setMinimumWidth(320);
    auto* charts = new QVBoxLayout;
    charts->addWidget(ratingChart_, 1);
    charts->addWidget(readerChart_, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(label_);
    layout->addLayout(charts, 1);
    label_->setMaximumWidth(380);
    ratingChart_->hide();
    readerChart_->hide();
}

void DatasetSummaryView::showMessage(const QString& message) {
    label_->setText(QStringLiteral("<p>%1</p>").arg(message.toHtmlEscaped()));
    ratingChart_->hide();
    readerChart_->hide();
}

QString DatasetSummaryView::text() const {
    return label_->text();
}

void DatasetSummaryView::showDataset(const LoadedDataset& loaded) {
    const LoadSummary& s = loaded.summary;
    QString html = QStringLiteral("<h2>%1</h2><table cellspacing='6'>")
                       .arg(QString::fromStdString(loaded.dataset->name).toHtmlEscaped());
    html += row(tr("Rows read"), s.rowsRead);
    html += row(tr("Duplicates dropped"), s.duplicates.rowsDropped);
    html += row(tr("Ratings kept"), s.ratingsKept);
    html += row(tr("Readers"), s.users);
    html += row(tr("Books"), s.books);
    html += row(tr("Books without metadata"), s.booksWithoutMetadata);
    html += row(tr("To-read entries"), s.toReadEntries);
    html += QStringLiteral("</table><h3>%1</h3><table cellspacing='6'>")
                .arg(tr("Rating histogram (before removing duplicates)"));
    for (const auto& [rating, count] : s.histogramBeforeDedup.counts)
        html += row(QString::number(static_cast<double>(rating)), count);
    html += QStringLiteral("</table>");
    for (const QString& warning : loaded.warnings)
        html += QStringLiteral("<p><i>%1</i></p>").arg(warning.toHtmlEscaped());
    const RatingSpread& spread = loaded.spread;
    html += QStringLiteral("<h3>%1</h3><table cellspacing='6'>").arg(tr("Per reader and book"));
    html += QStringLiteral("<tr><td>%1</td><td align='right'>%2 / %3 / %4</td></tr>")
                .arg(tr("Ratings per reader (min / median / max)"))
                .arg(spread.perUser.min)
                .arg(spread.perUser.median)
                .arg(spread.perUser.max);
    html += QStringLiteral("<tr><td>%1</td><td align='right'>%2 / %3 / %4</td></tr>")
                .arg(tr("Ratings per book (min / median / max)"))
                .arg(spread.perBook.min)
                .arg(spread.perBook.median)
                .arg(spread.perBook.max);
    html +=
        QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr></table>")
            .arg(tr("Mean rating"), QLocale(QLocale::English).toString(spread.meanRating, 'f', 3));
    label_->setText(html);

    QStringList stars;
    std::vector<double> starCounts;
    for (const auto& [rating, count] : spread.histogram.counts) {
        stars << QString::number(static_cast<double>(rating));
        starCounts.push_back(static_cast<double>(count));
    }
    ratingChart_->setBars(stars, starCounts);
    readerChart_->setHistogram(loaded.ratingsPerReader);
    ratingChart_->show();
    readerChart_->show();
}

} // namespace shelfscope::ui
