#pragma once

#include <QWidget>
#include <cstdint>

class QLabel;
class QTabWidget;
class QTableWidget;

namespace shelfscope::ui {

class Workspace;

/// A reader of the data set at a glance: a summary line (id, books rated, mean stars, to-read
/// count, top genres with counts), the books they rated with their stars (highest first), and
/// their to-read list, each on a tab of the full width. Clicking a book selects it in the
/// workspace.
class ShelfView : public QWidget {
    Q_OBJECT
public:
    enum RatedColumn {
        StarsColumn,
        RatedTitleColumn,
        RatedAuthorsColumn,
        RatedYearColumn,
        RatedGenreColumn,
        RatedColumnCount
    };
    enum ToReadColumn {
        ToReadTitleColumn,
        ToReadAuthorsColumn,
        ToReadYearColumn,
        ToReadGenreColumn,
        ToReadAverageColumn,
        ToReadColumnCount
    };

    explicit ShelfView(Workspace* workspace, QWidget* parent = nullptr);

    /// Shows a reader of the workspace's data set (an unknown id empties the view, saying so).
    void showReader(std::int32_t userId);
    /// Empties the view.
    void clear();

    std::int32_t reader() const { return reader_; }
    QLabel* summaryLabel() const { return summary_; }
    QTableWidget* ratedTable() const { return rated_; }
    QTableWidget* toReadTable() const { return toRead_; }
    /// The "Rated (N)" and "To read (N)" tabs.
    QTabWidget* tabs() const { return tabs_; }

private:
    Workspace* workspace_;
    std::int32_t reader_ = 0;
    QLabel* summary_;
    QTabWidget* tabs_;
    QTableWidget* rated_;
    QTableWidget* toRead_;
};

} // namespace shelfscope::ui
