#include "SelectionView.h"

#include "BookText.h"
#include "CsvText.h"
#include "recommend/ReaderShelves.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

namespace shelfscope::ui {

namespace {

/// How many books of each genre a whole map has, for the selection's base rates.
std::map<std::string, std::int32_t> genreTotals(const BookCatalog& books,
                                                const std::vector<std::int32_t>& ids) {
    std::map<std::string, std::int32_t> totals;
    for (std::int32_t id : ids)
        if (const Book* book = books.find(id); book != nullptr && !book->genre.empty())
            ++totals[book->genre];
    return totals;
}

} // namespace

SelectionView::SelectionView(QWidget* parent)
    : QWidget(parent), summary_(new QLabel), table_(new QTableWidget(0, 4)),
      export_(new QPushButton(tr("Export CSV..."))) {
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    table_->setHorizontalHeaderLabels({tr("Title"), tr("Authors"), tr("Year"), tr("Genre")});
    // Title and authors share what the year and the genre leave.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(false);
    table_->setSortingEnabled(true);
    export_->setToolTip(tr("Save the selected books as CSV"));
    export_->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
    summary_->setText(tr("Drag with Shift for a rectangle or with Ctrl for a lasso to select "
                         "the books of a region."));
    connect(export_, &QPushButton::clicked, this, &SelectionView::exportRequested);
    connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
        const QTableWidgetItem* item = table_->item(row, 0);
        if (item != nullptr)
            Q_EMIT bookActivated(static_cast<std::int32_t>(item->data(Qt::UserRole).toInt()));
    });
}

void SelectionView::showBooks(std::shared_ptr<const Dataset> dataset,
                              std::vector<std::int32_t> books,
                              const std::vector<std::int32_t>& mapBooks) {
    dataset_ = std::move(dataset);
    books_ = std::move(books);
    table_->setSortingEnabled(false);
    table_->setRowCount(0);
    export_->setEnabled(!books_.empty() && dataset_);
    if (!dataset_ || books_.empty()) {
        summary_->setText(tr("No books selected."));
        return;
    }
    const BookCatalog& catalogue = dataset_->books;
    table_->setRowCount(static_cast<int>(books_.size()));
    for (int row = 0; row < table_->rowCount(); ++row) {
        const std::int32_t id = books_[static_cast<std::size_t>(row)];
        const Book* book = catalogue.find(id);
        const QStringList cells{bookTitle(catalogue, id),
                                book ? QString::fromStdString(book->authors) : QString(),
                                book && book->year ? QString::number(*book->year) : QString(),
                                book ? QString::fromStdString(book->genre) : QString()};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            if (column == 0)
                item->setData(Qt::UserRole, id);
            if (column == 2 && book && book->year)
                item->setData(Qt::DisplayRole, *book->year); // sorts as a number
            table_->setItem(row, column, item);
        }
    }
    table_->setSortingEnabled(true);
    table_->sortItems(0, Qt::AscendingOrder);

    const std::vector<GenreCount> genres = countGenres(catalogue, books_, 3);
    const auto totals = genreTotals(catalogue, mapBooks);
    const QLocale english(QLocale::English);
    QStringList parts;
    for (const GenreCount& genre : genres) {
        const double share = static_cast<double>(genre.books) / static_cast<double>(books_.size());
        const auto total = totals.find(genre.genre);
        const double base =
            total == totals.end() || mapBooks.empty()
                ? 0.0
                : static_cast<double>(total->second) / static_cast<double>(mapBooks.size());
        parts << tr("<b>%1</b> %2% (%3% of the map)")
                     .arg(QString::fromStdString(genre.genre).toHtmlEscaped(),
                          english.toString(100.0 * share, 'f', 0),
                          english.toString(100.0 * base, 'f', 0));
    }
    summary_->setText(tr("%n books selected. ", nullptr, static_cast<int>(books_.size())) +
                      (parts.isEmpty() ? tr("They have no genres.")
                                       : tr("Mostly: %1.").arg(parts.join(QStringLiteral(", ")))));
}

bool SelectionView::exportCsv(const QString& path, QString* error) const {
    if (!dataset_) {
        if (error)
            *error = tr("There is no selection to export.");
        return false;
    }
    QString csv = csvLine({QStringLiteral("book_id"), QStringLiteral("title"),
                           QStringLiteral("authors"), QStringLiteral("year"),
                           QStringLiteral("genre"), QStringLiteral("average_rating")});
    const BookCatalog& catalogue = dataset_->books;
    for (std::int32_t id : books_) {
        const Book* book = catalogue.find(id);
        csv += csvLine({QString::number(id), bookTitle(catalogue, id),
                        book ? QString::fromStdString(book->authors) : QString(),
                        book && book->year ? QString::number(*book->year) : QString(),
                        book ? QString::fromStdString(book->genre) : QString(),
                        book && book->averageRating
                            ? QString::number(static_cast<double>(*book->averageRating), 'g', 3)
                            : QString()});
    }
    return writeTextAtomically(path, csv, error);
}

} // namespace shelfscope::ui
