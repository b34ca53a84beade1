#pragma once

#include "DatasetLoader.h"
#include "TrainingController.h"

#include <QWidget>
#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace shelfscope::ui {

class LossChart;

/// Choose a model and its hyperparameters, train it on the open data set, watch the losses
/// live, and compare every run of the session in a table.
class TrainPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainPanel(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    /// The configuration the form describes, or nullopt with the reason in `error`.
    std::optional<ExperimentConfig> currentConfig(QString* error) const;

    QPushButton* trainButton() const { return train_; }
    QPushButton* stopButton() const { return stop_; }
    QComboBox* presetBox() const { return preset_; }
    QLineEdit* hiddenEdit() const { return hidden_; }
    QLabel* messageLabel() const { return message_; }
    QCheckBox* logScaleBox() const { return logScale_; }
    LossChart* chart() const { return chart_; }
    QTableWidget* runsTable() const { return runs_; }
    TrainingController* controller() { return &controller_; }
    /// Runs finished this session, by run number.
    const std::map<int, TrainingRun>& finishedRuns() const { return finished_; }

private:
    void applyPreset(int index);
    void startTraining();
    void onProgress(const TrainingProgress& progress);
    void onEpoch(const TrainingEpoch& epoch);
    void onFinished(const TrainingRun& run);
    void onFailed(int run, const QString& message);
    void setRunning(bool running);
    int rowOf(int run) const;

    TrainingController controller_;
    std::shared_ptr<const Dataset> dataset_;
    std::map<int, TrainingRun> finished_;
    QComboBox* preset_;
    QComboBox* kind_;
    QSpinBox* dim_;
    QCheckBox* biases_;
    QLineEdit* hidden_;
    QSpinBox* epochs_;
    QSpinBox* batch_;
    QComboBox* optimizer_;
    QDoubleSpinBox* learningRate_;
    QDoubleSpinBox* l2_;
    QSpinBox* seed_;
    QSpinBox* threads_;
    QPushButton* train_;
    QPushButton* stop_;
    QCheckBox* logScale_;
    QLabel* message_;
    QLabel* status_;
    QProgressBar* progress_;
    LossChart* chart_;
    QTableWidget* runs_;
    ExperimentConfig presetBase_;
};

} // namespace shelfscope::ui
