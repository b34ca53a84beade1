#pragma once

#include <QWidget>

class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace shelfscope::ui {

class Workspace;

/// The session's runs as a sortable table over the workspace's runs model. Selecting a row
/// with a model makes it the active run (and the active run is always the selected row); the
/// buttons save the selected run's model, load one, delete a run and export the table.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(Workspace* workspace, QWidget* parent = nullptr);

    /// The run of the selected row (running or not), or 0.
    int selectedRun() const;
    void select(int run);

    QTableView* table() const { return table_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* loadButton() const { return load_; }
    QPushButton* deleteButton() const { return delete_; }
    QPushButton* exportButton() const { return export_; }
    QPushButton* compareButton() const { return compare_; }

Q_SIGNALS:
    void saveRequested(int run);
    void loadRequested();
    void deleteRequested(int run);
    void exportRequested();
    /// Compare the runs with one evaluation protocol (the Compare tab).
    void compareRequested();

private:
    void updateButtons();

    Workspace* workspace_;
    QSortFilterProxyModel* sorted_;
    QTableView* table_;
    QPushButton* save_;
    QPushButton* load_;
    QPushButton* delete_;
    QPushButton* export_;
    QPushButton* compare_;
};

} // namespace shelfscope::ui
