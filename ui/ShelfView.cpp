#include "ShelfView.h"

#include "BookTable.h"
#include "BookText.h"
#include "Workspace.h"
#include "recommend/ReaderShelves.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

void sizeColumns(QTableWidget* table, int titleColumn) {
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(titleColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(titleColumn + 1, QHeaderView::Interactive); // authors
    header->resizeSection(titleColumn + 1, 220);
}

} // namespace

ShelfView::ShelfView(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), summary_(new QLabel), tabs_(new QTabWidget),
      rated_(new QTableWidget), toRead_(new QTableWidget) {
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setObjectName(QStringLiteral("shelfSummary"));
    setUpBookTable(rated_, {tr("Stars"), tr("Title"), tr("Authors"), tr("Year"), tr("Genre")});
    setUpBookTable(toRead_, {tr("Title"), tr("Authors"), tr("Year"), tr("Genre"), tr("Average")});
    sizeColumns(rated_, RatedTitleColumn);
    sizeColumns(toRead_, ToReadTitleColumn);
    rated_->setToolTip(tr("The books this reader rated, highest first; click a header to sort"));
    toRead_->setToolTip(tr("The books on this reader's to-read list"));
    linkToWorkspace(rated_, workspace_);
    linkToWorkspace(toRead_, workspace_);
    tabs_->addTab(rated_, tr("Rated"));
    tabs_->addTab(toRead_, tr("To read"));
    tabs_->setDocumentMode(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(tabs_, 1);
    clear();
}

void ShelfView::clear() {
    reader_ = 0;
    summary_->setText(tr("Pick a reader on the left: type an id, click a row, or try a random "
                         "reader."));
    fillBookTable(rated_, {});
    fillBookTable(toRead_, {});
    tabs_->setTabText(0, tr("Rated"));
    tabs_->setTabText(1, tr("To read"));
}

void ShelfView::showReader(std::int32_t userId) {
    const auto dataset = workspace_->dataset();
    const auto shelves = workspace_->shelves();
    const std::optional<ReaderSummary> summary =
        shelves ? shelves->find(userId) : std::optional<ReaderSummary>();
    if (!dataset || !summary) {
        clear();
        if (dataset)
            summary_->setText(tr("There is no reader %1 in '%2'.")
                                  .arg(userId)
                                  .arg(QString::fromStdString(dataset->name).toHtmlEscaped()));
        return;
    }
    reader_ = userId;
    const BookCatalog& books = dataset->books;
    const QLocale english(QLocale::English);
    const float scaleMax = dataset->ratings.scale.max;

    QList<QList<QTableWidgetItem*>> ratedRows;
    for (const ShelfEntry& entry : shelves->rated(userId)) {
        auto* stars =
            new SortableItem(starsText(entry.rating, scaleMax), static_cast<double>(entry.rating));
        ratedRows.append(QList<QTableWidgetItem*>{stars} + bookCells(books, entry.bookId));
    }
    QList<QList<QTableWidgetItem*>> toReadRows;
    const std::vector<std::int32_t> toRead = shelves->toRead(userId);
    for (std::int32_t bookId : toRead) {
        const Book* book = books.find(bookId);
        QVariant average;
        if (book != nullptr && book->averageRating)
            average = static_cast<double>(*book->averageRating);
        auto* averageItem = new SortableItem(
            average.isValid() ? english.toString(average.toDouble(), 'f', 2) : QString(), average);
        averageItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        toReadRows.append(bookCells(books, bookId) + QList<QTableWidgetItem*>{averageItem});
    }
    fillBookTable(rated_, ratedRows);
    fillBookTable(toRead_, toReadRows);
    const bool withGenres = hasGenres(books);
    rated_->setColumnHidden(RatedGenreColumn, !withGenres);
    toRead_->setColumnHidden(ToReadGenreColumn, !withGenres);
    tabs_->setTabText(0, tr("Rated (%1)").arg(ratedRows.size()));
    tabs_->setTabText(1, tr("To read (%1)").arg(toReadRows.size()));

    QStringList genres;
    for (const GenreCount& genre : shelves->topGenres(userId))
        genres << QStringLiteral("%1 (%2)")
                      .arg(QString::fromStdString(genre.genre).toHtmlEscaped())
                      .arg(genre.books);
    summary_->setText(
        tr("<b>Reader %1</b> rated %2 books, %3 stars on average; %4 on their to-read list. "
           "Top genres: %5.")
            .arg(userId)
            .arg(summary->ratings)
            .arg(english.toString(static_cast<double>(summary->meanRating), 'f', 2))
            .arg(summary->toRead)
            .arg(genres.isEmpty() ? tr("none recorded") : genres.join(QStringLiteral(", "))));
    showBookSelected(rated_, workspace_->currentBook());
    showBookSelected(toRead_, workspace_->currentBook());
}

} // namespace shelfscope::ui
