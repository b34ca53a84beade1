#pragma once

#include <QTableWidgetItem>
#include <QVariant>
#include <cstdint>
#include <vector>

class QTableView;
class QTableWidget;

namespace shelfscope {
class BookCatalog;
}

namespace shelfscope::ui {

class Workspace;

/// Item data role holding a cell's value for sorting (numbers as numbers).
inline constexpr int kSortRole = Qt::UserRole + 1;
/// Item data role holding the book id of a row (set on its first cell).
inline constexpr int kBookIdRole = Qt::UserRole + 2;

/// A table cell that sorts by the value under kSortRole, so "★★★★★ 5" sorts as 5 and years and
/// ratings sort as numbers; cells without one sort by their text.
class SortableItem : public QTableWidgetItem {
public:
    SortableItem(const QString& text, const QVariant& sortValue = {});
    bool operator<(const QTableWidgetItem& other) const override;
};

/// Rows as high as a line of text and a little room, so a list shows more of itself.
void compactRows(QTableView* table);

/// Read-only rows, whole-row single selection, no wrapping, no row numbers, sorted by a click
/// on a header: how every book list of the Readers tab behaves.
void setUpBookTable(QTableWidget* table, const QStringList& headers);

/// Puts rows of cells in a table set up by setUpBookTable, in the order given (any sort the
/// user chose is cleared); the table owns the cells.
void fillBookTable(QTableWidget* table, const QList<QList<QTableWidgetItem*>>& rows);

/// The cells every book list shares, in this order: title (tooltip: the full line, the book id
/// under kBookIdRole), authors, year, genre. Books missing from books.csv show as "Book #id".
QList<QTableWidgetItem*> bookCells(const BookCatalog& books, std::int32_t bookId);

/// Whether any book of the catalogue has a genre (goodbooks-10k without its shelves has none,
/// and the lists then leave their genre column out).
bool hasGenres(const BookCatalog& books);

/// The book id of a row (0 for none); a row's id sits on its first cell.
std::int32_t bookIdAt(const QTableWidget* table, int row);
/// The book ids of the rows in their current (possibly sorted) order.
std::vector<std::int32_t> bookIdsOf(const QTableWidget* table);
/// Selects the row of a book, if listed (without emitting the table's own signals), and clears
/// the selection otherwise.
void showBookSelected(QTableWidget* table, std::int32_t bookId);

/// Makes a click (or keyboard move) on a row select its book in the workspace, and a book
/// selected elsewhere highlight its row here.
void linkToWorkspace(QTableWidget* table, Workspace* workspace);

} // namespace shelfscope::ui
