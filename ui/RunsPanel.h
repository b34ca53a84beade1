#pragma once

#include "TrainingController.h"

#include <QWidget>
#include <map>

class QPushButton;
class QTableWidget;

namespace shelfscope::ui {

/// The session's runs, one row each: model, key settings, epochs, time, test errors and state.
/// The selected row is the active model; its buttons save the model, load one, delete a run and
/// export the table.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);

    void addRunning(int run, const QString& name, const ExperimentConfig& config);
    void updateEpoch(const TrainingEpoch& epoch);
    /// A run that ended (finished, stopped, diverged) or a model loaded from a file.
    void addFinished(const TrainingRun& run);
    void markFailed(int run, const QString& message);
    void remove(int run);
    void select(int run);

    /// The run of the selected row when it has a model, else nullptr.
    const TrainingRun* activeRun() const;
    const std::map<int, TrainingRun>& finishedRuns() const { return finished_; }
    /// Writes the table as CSV (atomically); false with the reason in error.
    bool exportCsv(const QString& path, QString* error) const;

    QTableWidget* table() const { return table_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* loadButton() const { return load_; }
    QPushButton* deleteButton() const { return delete_; }
    QPushButton* exportButton() const { return export_; }

Q_SIGNALS:
    /// The active model changed (0: none).
    void activeRunChanged(int run);
    void saveRequested(int run);
    void loadRequested();
    void deleteRequested(int run);
    void exportRequested();

private:
    int rowOf(int run) const;
    int selectedRunNumber() const;
    void updateButtons();

    QTableWidget* table_;
    QPushButton* save_;
    QPushButton* load_;
    QPushButton* delete_;
    QPushButton* export_;
    std::map<int, TrainingRun> finished_;
};

} // namespace shelfscope::ui
