#pragma once

#include "BackgroundTask.h"
#include "train/ProtocolComparison.h"

#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace shelfscope::ui {

class IntervalChart;
class Workspace;

/// One compared run: its number and the protocol's result.
struct ComparedRun {
    int run = 0;
    QString label;
    ProtocolResult result;
};

/// A finished comparison: the runs in the order compared and what they conclude.
struct RunComparison {
    std::vector<ComparedRun> runs;
    ComparisonSummary summary;
};

/// The Compare tab: the chosen runs evaluated with one protocol (core/train/EvaluationProtocol.h)
/// on a worker, shown as a table (each figure with its 95% interval, coverage alone: it has
/// none) and a bar chart per metric with the intervals as error bars; exportable as CSV, PNG and
/// SVG. The run best on the validation readers of one split (summarizeComparison's rule) becomes
/// the workspace's default recommender, and the view says exactly what was compared; each run's
/// NDCG@k is shown against its split's best with a paired interval.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(Workspace* workspace, QWidget* parent = nullptr);

    /// Evaluates these runs (runs without a model are left out); the one in flight is cancelled.
    void compareRuns(const std::vector<int>& runs);
    /// Evaluates the runs ticked in the list.
    void compareChecked();
    void stop();
    bool isEvaluating() const { return task_.isRunning(); }
    /// Readers sampled per split (0: all) and bootstrap replicates of the next comparison.
    void setReaders(int readers);
    void setReplicates(int replicates);

    const std::vector<ComparedRun>& compared() const { return compared_.runs; }
    const ComparisonSummary& summary() const { return compared_.summary; }
    /// The run best on validation of the latest comparison (0: none) and why.
    int bestRun() const { return bestRun_; }
    QString reason() const;
    /// The sentence under the table: how the intervals were made and why coverage has none.
    QString note() const;

    /// Write the latest comparison: the table as CSV, the charts as PNG or SVG (by suffix).
    bool exportCsv(const QString& path, QString* error) const;
    bool exportImage(const QString& path, QString* error) const;

    QTableWidget* table() const { return table_; }
    IntervalChart* chart() const { return chart_; }
    QListWidget* runList() const { return runList_; }
    QSpinBox* replicatesBox() const { return replicates_; }

Q_SIGNALS:
    void comparisonFinished();
    void comparisonFailed(const QString& message);

private:
    void fillRunList();
    void showComparison(RunComparison comparison);
    void updateButtons();
    void askAndExport(const QString& title, const QString& filter, const QString& suffix);

    Workspace* workspace_;
    QListWidget* runList_;
    QSpinBox* readers_;
    QSpinBox* replicates_;
    QPushButton* compare_;
    QPushButton* stop_;
    QProgressBar* progress_;
    QLabel* status_;
    QLabel* reason_;
    QLabel* note_;
    QTableWidget* table_;
    IntervalChart* chart_;
    QPushButton* exportCsv_;
    QPushButton* exportPng_;
    QPushButton* exportSvg_;
    RunComparison compared_;
    int bestRun_ = 0;
    BackgroundTask<RunComparison> task_{this};
};

} // namespace shelfscope::ui
