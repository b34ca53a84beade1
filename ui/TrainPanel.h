#pragma once

#include "DatasetLoader.h"
#include "ModelFileJobs.h"
#include "TrainingController.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace shelfscope::ui {

class HyperparameterForm;
class LossChart;
class PredictionQualityView;
class RunsPanel;
class Workspace;

/// Choose a model and its hyperparameters, train it on the open data set, watch the losses
/// live, compare every run of the session, and pick the active model: save it, load one, see
/// how it predicts its test ratings.
class TrainPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainPanel(Workspace* workspace, QWidget* parent = nullptr);

    /// The file operations behind the buttons (which ask for the path first).
    void saveRunModel(int run, const QString& path);
    void loadModelFile(const QString& path);
    /// Asks for a model file (window-modal), then loads it.
    void askForModelFile();
    void deleteRun(int run);
    bool exportChart(const QString& path);
    bool exportRuns(const QString& path);

    QPushButton* trainButton() const { return train_; }
    QPushButton* stopButton() const { return stop_; }
    QComboBox* presetBox() const;
    QLineEdit* hiddenEdit() const;
    HyperparameterForm* form() const { return form_; }
    QLabel* messageLabel() const { return message_; }
    /// The line under the progress bar: the run's epoch, progress and speed.
    QLabel* statusLabel() const { return status_; }
    QCheckBox* logScaleBox() const { return logScale_; }
    LossChart* chart() const { return chart_; }
    QTableView* runsTable() const;
    RunsPanel* runs() const { return runs_; }
    PredictionQualityView* predictions() const { return predictions_; }
    QTabWidget* lowerTabs() const { return lowerTabs_; }
    TrainingController* controller() { return &controller_; }
    ModelFileJobs* fileJobs() { return &fileJobs_; }

private:
    void startTraining();
    void onProgress(const TrainingProgress& progress);
    void onEpoch(const TrainingEpoch& epoch);
    void onFinished(const TrainingRun& run);
    void onFailed(int run, const QString& message);
    void onStopped(int run);
    void onDatasetChanged();
    void showActiveRunQuality();
    void setRunning(bool running);
    void showMessage(const QString& text, bool error);
    void askForSavePath(int run);
    void askForChartPath();
    void askForRunsPath();

    Workspace* workspace_;
    TrainingController controller_;
    ModelFileJobs fileJobs_;
    HyperparameterForm* form_;
    QPushButton* train_;
    QPushButton* stop_;
    QCheckBox* logScale_;
    QPushButton* exportChart_;
    QLabel* message_;
    QLabel* status_;
    QProgressBar* progress_;
    LossChart* chart_;
    RunsPanel* runs_;
    PredictionQualityView* predictions_;
    QTabWidget* lowerTabs_;
    ModelKind runningKind_ = ModelKind::Dot; ///< the model kind of the run in flight
    TrainObjective runningObjective_ = TrainObjective::Ratings; ///< and what it learns
};

} // namespace shelfscope::ui
