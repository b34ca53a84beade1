#include "DatasetSummaryView.h"

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
    : QWidget(parent), label_(new QLabel(this)) {
    label_->setTextFormat(Qt::RichText);
    label_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(label_);
}

void DatasetSummaryView::showMessage(const QString& message) {
    label_->setText(QStringLiteral("<p>%1</p>").arg(message.toHtmlEscaped()));
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
    label_->setText(html);
}

} // namespace shelfscope::ui
