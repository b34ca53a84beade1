#pragma once

#include "TrainingController.h"

#include <QAbstractTableModel>
#include <memory>
#include <optional>
#include <vector>

namespace shelfscope::ui {

/// The session's runs, one row each in the order they began: model, key settings, epochs,
/// time, test errors and state. A run is "running" until it ends; a finished (or stopped, or
/// diverged, or loaded) run holds its immutable model, shared with whoever uses it.
class RunsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RunColumn,
        ModelColumn,
        SettingsColumn,
        EpochsColumn,
        SecondsColumn,
        MseColumn,
        RmseColumn,
        MaeColumn,
        StateColumn,
        ColumnCount
    };
    /// Item data role holding a cell's value for sorting (numbers as numbers).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void addRunning(int run, const QString& name, const ExperimentConfig& config);
    void updateEpoch(const TrainingEpoch& epoch);
    /// A run that ended (finished, stopped, diverged) or a model loaded from a file.
    void addFinished(std::shared_ptr<const TrainingRun> run);
    void markFailed(int run, const QString& message);
    /// A run stopped before it had a model (an item-item fit): state "stopped", no model.
    void markStopped(int run, const QString& message);
    void remove(int run);

    /// The row of a run, or -1.
    int rowOf(int run) const;
    /// The run number of a row, or 0.
    int runAt(int row) const;
    /// A run with a model, or nullptr (running, failed, removed or unknown).
    std::shared_ptr<const TrainingRun> finished(int run) const;
    /// The numbers of the runs with a model, in table order.
    std::vector<int> finishedRuns() const;
    /// A short label for menus: "#3 tuned-dot (dot)".
    QString label(int run) const;
    /// Writes the table as CSV (atomically); false with the reason in error.
    bool exportCsv(const QString& path, QString* error) const;

Q_SIGNALS:
    /// A run gained its model (it finished, or was loaded).
    void runFinished(int run);
    void runRemoved(int run);

private:
    struct Entry {
        int run = 0;
        QString name;
        ExperimentConfig config;
        int epochsDone = 0;
        std::optional<ErrorMetrics> test;
        QString state;
        QString message;
        std::shared_ptr<const TrainingRun> trained;
    };
    QString text(const Entry& entry, int column) const;
    QVariant sortValue(const Entry& entry, int column) const;
    void changed(int row);

    std::vector<Entry> entries_;
};

} // namespace shelfscope::ui
