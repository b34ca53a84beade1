#pragma once

#include "recommend/ShelfFile.h"

#include <QWidget>
#include <cstdint>
#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace shelfscope {
struct Dataset;
}

namespace shelfscope::ui {

class BookSearchBox;
class Workspace;

/// The shelf of a new reader, made here: search the catalogue, add books, give each 1 to 5
/// stars, remove them; save the shelf as a CSV file (book_id,rating) and open it again. Every
/// change says so (shelfChanged), so the recommendations follow as the user rates.
class NewReaderEditor : public QWidget {
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        AuthorsColumn,
        YearColumn,
        GenreColumn,
        StarsColumn,
        RemoveColumn,
        ColumnCount
    };

    explicit NewReaderEditor(Workspace* workspace, QWidget* parent = nullptr);

    /// Which books the search offers (e.g. those the active model knows; empty: every book).
    void setBookFilter(std::function<bool(std::int32_t)> accept);

    const RatedBooks& shelf() const { return shelf_; }
    /// Replaces the shelf (books of the open data set only; others are left out, and said so).
    void setShelf(const RatedBooks& shelf);
    /// Adds a book with the given stars, or gives a book already there those stars.
    void rateBook(std::int32_t bookId, float stars);
    void removeBook(std::int32_t bookId);
    void clearShelf();
    /// Reads a shelf file; false, with the file's error (file, line, problem) shown, when it
    /// cannot be read. The shelf is unchanged then.
    bool openShelf(const QString& path);
    /// Writes the shelf to a file atomically; false, with the reason shown, on failure.
    bool saveShelf(const QString& path);

    BookSearchBox* searchBox() const { return search_; }
    QTableWidget* table() const { return table_; }
    /// The stars editor of a row.
    QSpinBox* starsBox(int row) const;
    QPushButton* openButton() const { return open_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* clearButton() const { return clear_; }
    QLabel* messageLabel() const { return message_; }
    /// The stars a new book gets (the scale's top): a reader adds the books they liked first.
    int defaultStars() const;

Q_SIGNALS:
    void shelfChanged();

private:
    void onDatasetChanged();
    void rebuildTable();
    void changed(const QString& note = {});
    void showMessage(const QString& text, bool error);
    int minStars() const;

    Workspace* workspace_;
    std::shared_ptr<const Dataset> dataset_;
    RatedBooks shelf_;
    BookSearchBox* search_;
    QTableWidget* table_;
    QPushButton* open_;
    QPushButton* save_;
    QPushButton* clear_;
    QLabel* message_;
};

} // namespace shelfscope::ui
