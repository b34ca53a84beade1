#include "BookTable.h"

#include "BookText.h"
#include "Workspace.h"
#include "data/BookCatalog.h"

#include <QHeaderView>
#include <QTableWidget>
#include <algorithm>

namespace shelfscope::ui {

SortableItem::SortableItem(const QString& text, const QVariant& sortValue)
    : QTableWidgetItem(text) {
    if (sortValue.isValid())
        setData(kSortRole, sortValue);
}

bool SortableItem::operator<(const QTableWidgetItem& other) const {
    const QVariant mine = data(kSortRole);
    const QVariant theirs = other.data(kSortRole);
    if (mine.isValid() && theirs.isValid())
        return QVariant::compare(mine, theirs) == QPartialOrdering::Less;
    if (mine.isValid() != theirs.isValid())
        return theirs.isValid(); // blank cells (no year, no rating) sort first
    return text().localeAwareCompare(other.text()) < 0;
}

void compactRows(QTableView* table) {
    // The style's default row is roomy; lists of books read better with more rows in view.
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
}

void setUpBookTable(QTableWidget* table, const QStringList& headers) {
    table->setColumnCount(static_cast<int>(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    compactRows(table);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    QHeaderView* header = table->horizontalHeader();
    header->setHighlightSections(false);
    // Sorting on request only: a list fills in its own order (highest rated, rank), and a click
    // on a header sorts by that column.
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, table,
                     [table](int section, Qt::SortOrder order) {
                         if (section >= 0)
                             table->sortItems(section, order);
                     });
}

void fillBookTable(QTableWidget* table, const QList<QList<QTableWidgetItem*>>& rows) {
    table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table->clearContents();
    table->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < table->rowCount(); ++row)
        for (int column = 0; column < rows.at(row).size(); ++column)
            table->setItem(row, column, rows.at(row).at(column));
}

QList<QTableWidgetItem*> bookCells(const BookCatalog& books, std::int32_t bookId) {
    const Book* book = books.find(bookId);
    auto* title = new SortableItem(bookTitle(books, bookId));
    title->setToolTip(QStringLiteral("%1 (book %2)").arg(bookLine(books, bookId)).arg(bookId));
    title->setData(kBookIdRole, bookId);
    QString authors;
    QString genre;
    QVariant year;
    if (book != nullptr) {
        authors = QString::fromStdString(book->authors);
        genre = QString::fromStdString(book->genre);
        if (book->year)
            year = *book->year;
    }
    auto* authorsItem = new SortableItem(authors);
    authorsItem->setToolTip(authors);
    auto* yearItem = new SortableItem(year.isValid() ? year.toString() : QString(), year);
    yearItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return {title, authorsItem, yearItem, new SortableItem(genre)};
}

bool hasGenres(const BookCatalog& books) {
    const auto& all = books.books();
    return std::any_of(all.begin(), all.end(), [](const Book& b) { return !b.genre.empty(); });
}

std::int32_t bookIdAt(const QTableWidget* table, int row) {
    for (int column = 0; column < table->columnCount(); ++column)
        if (const QTableWidgetItem* item = table->item(row, column))
            if (const QVariant id = item->data(kBookIdRole); id.isValid())
                return static_cast<std::int32_t>(id.toInt());
    return 0;
}

std::vector<std::int32_t> bookIdsOf(const QTableWidget* table) {
    std::vector<std::int32_t> ids;
    for (int row = 0; row < table->rowCount(); ++row)
        ids.push_back(bookIdAt(table, row));
    return ids;
}

namespace {
// Set while a row is selected to show the workspace's book, so the move is not taken for the
// user's own click and sent back.
const char* const kEchoing = "shelfscopeEchoingSelection";
} // namespace

void showBookSelected(QTableWidget* table, std::int32_t bookId) {
    table->setProperty(kEchoing, true);
    int found = -1;
    for (int row = 0; row < table->rowCount() && found < 0; ++row)
        if (bookId != 0 && bookIdAt(table, row) == bookId)
            found = row;
    if (found >= 0)
        table->selectRow(found);
    else
        table->clearSelection();
    table->setProperty(kEchoing, false);
}

void linkToWorkspace(QTableWidget* table, Workspace* workspace) {
    QObject::connect(table, &QTableWidget::currentCellChanged, workspace,
                     [table, workspace](int row, int, int previousRow, int) {
                         if (row >= 0 && row != previousRow && !table->property(kEchoing).toBool())
                             if (const std::int32_t id = bookIdAt(table, row); id != 0)
                                 workspace->selectBook(id);
                     });
    QObject::connect(table, &QTableWidget::cellClicked, workspace,
                     [table, workspace](int row, int) {
                         if (const std::int32_t id = bookIdAt(table, row); id != 0)
                             workspace->selectBook(id);
                     });
    QObject::connect(workspace, &Workspace::currentBookChanged, table,
                     [table](std::int32_t bookId) { showBookSelected(table, bookId); });
}

} // namespace shelfscope::ui
