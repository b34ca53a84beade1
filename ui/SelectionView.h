#pragma once

#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace shelfscope {
struct Dataset;
}

namespace shelfscope::ui {

/// The books of a map selection (a rectangle or a lasso): title, authors and genre, what the
/// selection mostly is ("what is this island?": its most common genres against the whole map's
/// share), and an export of the list as CSV.
class SelectionView : public QWidget {
    Q_OBJECT
public:
    explicit SelectionView(QWidget* parent = nullptr);

    /// Lists the books; `mapBooks` are all the books of the map, for the genres' base rates.
    void showBooks(std::shared_ptr<const Dataset> dataset, std::vector<std::int32_t> books,
                   const std::vector<std::int32_t>& mapBooks);
    const std::vector<std::int32_t>& books() const { return books_; }
    /// Writes book_id,title,authors,year,genre,average_rating of the listed books atomically;
    /// false with the reason in *error.
    bool exportCsv(const QString& path, QString* error) const;

    QTableWidget* table() const { return table_; }
    QLabel* summary() const { return summary_; }
    QPushButton* exportButton() const { return export_; }

Q_SIGNALS:
    /// A listed book was clicked.
    void bookActivated(std::int32_t bookId);
    void exportRequested();

private:
    std::shared_ptr<const Dataset> dataset_;
    std::vector<std::int32_t> books_;
    QLabel* summary_;
    QTableWidget* table_;
    QPushButton* export_;
};

} // namespace shelfscope::ui
