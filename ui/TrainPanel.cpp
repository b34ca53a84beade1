#include "TrainPanel.h"

#include "FileDialogs.h"
#include "HyperparameterForm.h"
#include "LossChart.h"
#include "PredictionQualityView.h"
#include "RunsPanel.h"
#include "Workspace.h"
#include "train/ItemItemFit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

/// What the loss chart can show of a run: its trainer's own loss, or nothing for a closed form.
LossChart::Curves curvesOf(const ExperimentConfig& config) {
    if (!hasEmbeddingTables(config.model.kind))
        return LossChart::Curves::None;
    if (config.objective == TrainObjective::ImplicitAls)
        return LossChart::Curves::Objective;
    if (config.objective == TrainObjective::Ranking)
        return LossChart::Curves::BprLoss;
    return LossChart::Curves::RatingLoss;
}

} // namespace

TrainPanel::TrainPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), form_(new HyperparameterForm),
      train_(new QPushButton(tr("Train"))), stop_(new QPushButton(tr("Stop"))),
      logScale_(new QCheckBox(tr("log scale"))),
      exportChart_(new QPushButton(tr("Export chart..."))), message_(new QLabel),
      status_(new QLabel), progress_(new QProgressBar), chart_(new LossChart),
      runs_(new RunsPanel(workspace)), predictions_(new PredictionQualityView),
      lowerTabs_(new QTabWidget) {
    message_->setWordWrap(true);
    // An error names a whole path and the problem: it keeps the lines it needs (the form above
    // gives way first) and can be copied.
    message_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    train_->setToolTip(tr("Train the model the form describes on the open data set"));
    stop_->setToolTip(tr("Stop the run; the weights reached so far are kept"));
    exportChart_->setToolTip(tr("Save the chart as PNG or SVG"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(train_);
    buttons->addWidget(stop_);
    auto* settings = new QGroupBox(tr("Model and training"));
    auto* left = new QVBoxLayout(settings);
    left->addWidget(form_);
    left->addLayout(buttons);
    left->addWidget(progress_);
    left->addWidget(status_);
    left->addWidget(message_);
    left->addStretch();
    settings->setMaximumWidth(380);

    auto* chartBox = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(chart_);
    auto* chartButtons = new QHBoxLayout;
    chartButtons->addStretch();
    chartButtons->addWidget(logScale_);
    chartButtons->addWidget(exportChart_);
    chartLayout->addLayout(chartButtons);
    lowerTabs_->addTab(runs_, tr("Runs"));
    lowerTabs_->addTab(predictions_, tr("Test predictions of the selected run"));
    auto* right = new QSplitter(Qt::Vertical);
    right->setObjectName(QStringLiteral("trainChartAndRuns"));
    right->addWidget(chartBox);
    right->addWidget(lowerTabs_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({480, 300});
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(settings);
    layout->addWidget(right, 1);

    progress_->setRange(0, 1000);
    progress_->setValue(0);
    setRunning(false);
    status_->setText(tr("Open a data set to train."));
    form_->restoreSettings();
    connect(train_, &QPushButton::clicked, this, &TrainPanel::startTraining);
    connect(stop_, &QPushButton::clicked, &controller_, &TrainingController::stop);
    connect(logScale_, &QCheckBox::toggled, chart_, &LossChart::setLogScale);
    connect(exportChart_, &QPushButton::clicked, this, &TrainPanel::askForChartPath);
    connect(&controller_, &TrainingController::progressed, this, &TrainPanel::onProgress);
    connect(&controller_, &TrainingController::epochFinished, this, &TrainPanel::onEpoch);
    connect(&controller_, &TrainingController::finished, this, &TrainPanel::onFinished);
    connect(&controller_, &TrainingController::failed, this, &TrainPanel::onFailed);
    connect(&controller_, &TrainingController::stopped, this, &TrainPanel::onStopped);
    connect(workspace_, &Workspace::activeRunChanged, this, &TrainPanel::showActiveRunQuality);
    connect(workspace_, &Workspace::datasetChanged, this, &TrainPanel::onDatasetChanged);
    connect(runs_, &RunsPanel::saveRequested, this, &TrainPanel::askForSavePath);
    connect(runs_, &RunsPanel::loadRequested, this, &TrainPanel::askForModelFile);
    connect(runs_, &RunsPanel::deleteRequested, this, &TrainPanel::deleteRun);
    connect(runs_, &RunsPanel::exportRequested, this, &TrainPanel::askForRunsPath);
    connect(&fileJobs_, &ModelFileJobs::saved, this, [this](int run, const QString& path) {
        showMessage(tr("Saved run %1 to %2.").arg(run).arg(path), false);
    });
    connect(&fileJobs_, &ModelFileJobs::loaded, this, [this](const TrainingRun& run) {
        workspace_->runs()->addFinished(std::make_shared<const TrainingRun>(run));
        workspace_->setActiveRun(run.run);
        showMessage(
            tr("Loaded %1 as run %2.").arg(QString::fromStdString(run.loadedFrom)).arg(run.run),
            false);
    });
    connect(&fileJobs_, &ModelFileJobs::failed, this,
            [this](const QString& message) { showMessage(message, true); });
}

QComboBox* TrainPanel::presetBox() const {
    return form_->presetBox();
}

QLineEdit* TrainPanel::hiddenEdit() const {
    return form_->hiddenEdit();
}

QTableView* TrainPanel::runsTable() const {
    return runs_->table();
}

void TrainPanel::onDatasetChanged() {
    const auto dataset = workspace_->dataset();
    setRunning(controller_.isRunning());
    status_->setText(dataset
                         ? tr("Ready to train on %1.").arg(QString::fromStdString(dataset->name))
                         : QString());
    showActiveRunQuality();
}

void TrainPanel::showMessage(const QString& text, bool error) {
    message_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
    message_->setText(text);
}

void TrainPanel::startTraining() {
    const auto dataset = workspace_->dataset();
    if (!dataset || controller_.isRunning())
        return;
    const std::optional<ExperimentConfig> config = form_->config();
    if (!config) {
        showMessage(form_->lastError(), true);
        return;
    }
    message_->clear();
    form_->saveSettings(); // the settings of the latest run come back after a restart
    const QString name = form_->presetName();
    const int run = controller_.start(dataset, *config, name);
    runningKind_ = config->model.kind;
    runningObjective_ = config->objective;
    chart_->beginRun(run, tr("#%1").arg(run), curvesOf(*config));
    workspace_->runs()->addRunning(run, name, *config);
    setRunning(true);
}

void TrainPanel::onProgress(const TrainingProgress& p) {
    const TrainProgress& t = p.progress;
    const double x = (t.epoch - 1) + static_cast<double>(t.batch) /
                                         static_cast<double>(std::max<std::int64_t>(t.batches, 1));
    chart_->addRunningLoss(p.run, x, t.recentLoss);
    progress_->setValue(static_cast<int>(1000.0 * x / std::max(1, t.epochs)));
    const QLocale english(QLocale::English);
    if (!hasEmbeddingTables(runningKind_)) { // a closed form: its epochs are stages
        status_->setText(
            tr("Fitting %1, step %2 of %3: %4\n%5% of this step")
                .arg(QString::fromLatin1(modelKindName(runningKind_)))
                .arg(t.epoch)
                .arg(t.epochs)
                .arg(QString::fromLatin1(itemItemStageName(static_cast<ItemItemStage>(t.epoch))))
                .arg(100 * t.batch / std::max<std::int64_t>(t.batches, 1)));
        return;
    }
    if (runningObjective_ == TrainObjective::Ranking) { // BPR: blocks of training pairs
        status_->setText(tr("Epoch %1 of %2, block %3 of %4 of the training pairs\n%5 pairs/s, "
                            "about %6 s left")
                             .arg(t.epoch)
                             .arg(t.epochs)
                             .arg(english.toString(t.batch), english.toString(t.batches))
                             .arg(english.toString(static_cast<qint64>(t.ratingsPerSecond)))
                             .arg(english.toString(t.etaSeconds, 'f', 1)));
        return;
    }
    status_->setText(tr("Epoch %1 of %2, batch %3 of %4\n%5 ratings/s, about %6 s left")
                         .arg(t.epoch)
                         .arg(t.epochs)
                         .arg(english.toString(t.batch), english.toString(t.batches))
                         .arg(english.toString(static_cast<qint64>(t.ratingsPerSecond)))
                         .arg(english.toString(t.etaSeconds, 'f', 1)));
}

void TrainPanel::onEpoch(const TrainingEpoch& e) {
    if (e.report.test.count > 0) // a model that ranks books has no test ratings to chart
        chart_->addTestMse(e.run, e.report.epoch, e.report.test.mse);
    workspace_->runs()->updateEpoch(e);
    workspace_->reportEpoch(e);
}

void TrainPanel::onFinished(const TrainingRun& run) {
    const LossChart::Curves curves = curvesOf(run.config);
    // The baselines' test MSE, beside rating losses; a ranking loss is no rating error.
    if (curves != LossChart::Curves::Objective && curves != LossChart::Curves::BprLoss)
        chart_->setBaselines(run.globalMeanBaseline.mse, run.biasBaseline.mse);
    workspace_->runs()->addFinished(std::make_shared<const TrainingRun>(run));
    if (run.result.outcome == TrainOutcome::Finished ||
        run.result.outcome == TrainOutcome::EarlyStopped)
        progress_->setValue(progress_->maximum());
    status_->setText(run.result.message.empty() ? tr("Run %1 finished.").arg(run.run)
                                                : QString::fromStdString(run.result.message));
    if (run.result.outcome == TrainOutcome::Diverged)
        showMessage(QString::fromStdString(run.result.message), true);
    setRunning(false);
    // The newest run becomes the active model; any other is one click away.
    workspace_->setActiveRun(run.run);
}

void TrainPanel::onFailed(int run, const QString& message) {
    workspace_->runs()->markFailed(run, message);
    showMessage(message, true);
    setRunning(false);
}

void TrainPanel::onStopped(int run) {
    const QString message =
        hasEmbeddingTables(runningKind_)
            ? tr("Run %1 stopped before it had a model.").arg(run)
            : tr("Run %1 stopped: an item-item fit (%2) is solved in one piece, so a fit "
                 "stopped half-way has no partial model to keep. Train it again to fit it.")
                  .arg(run)
                  .arg(QString::fromLatin1(modelKindName(runningKind_)));
    workspace_->runs()->markStopped(run, message);
    showMessage(message, false); // the user asked for it: no error
    status_->clear();            // the message says it all
    progress_->setValue(0);
    setRunning(false);
}

void TrainPanel::showActiveRunQuality() {
    const std::shared_ptr<const TrainingRun> active = workspace_->active();
    const auto dataset = workspace_->dataset();
    if (!active || !dataset) {
        predictions_->showMessage(
            tr("Select a finished run to see how it predicts its test ratings."));
    } else if (active->config.objective == TrainObjective::ImplicitAls ||
               (active->config.objective == TrainObjective::Ranking && active->model &&
                active->model->hasEmbeddings())) {
        predictions_->showMessage(
            tr("Run %1 ranks books (%2): its scores order a reader's books and are no stars, so "
               "there are no rating errors to show. Its lists are in the Readers tab, its books "
               "on the Map tab; the Compare tab measures its ranking on the held-out books, "
               "beside the other runs.")
                .arg(active->run)
                .arg(active->config.objective == TrainObjective::ImplicitAls ? tr("implicit ALS")
                                                                             : tr("BPR")));
    } else if (active->model && !active->model->hasEmbeddings()) {
        predictions_->showMessage(
            tr("Run %1 is an item-item model (%2): it ranks books and predicts no ratings, so "
               "there are no test ratings to compare. Its recommendations, with the read book "
               "behind each, are in the Readers tab; the Compare tab measures its ranking on "
               "the held-out books, beside the other runs.")
                .arg(active->run)
                .arg(QString::fromLatin1(modelKindName(active->model->kind()))));
    } else {
        const ErrorMetrics& e = active->quality.errors;
        predictions_->showQuality(
            tr("<b>Run %1</b> on %2 test ratings: MSE %3, RMSE %4, MAE %5, mean residual %6")
                .arg(active->run)
                .arg(QLocale(QLocale::English).toString(e.count))
                .arg(e.mse, 0, 'f', 4)
                .arg(e.rmse, 0, 'f', 4)
                .arg(e.mae, 0, 'f', 4)
                .arg(active->quality.meanResidual, 0, 'f', 3),
            active->quality, active->metadata.userRawIds, active->metadata.bookRawIds,
            dataset->books);
    }
}

void TrainPanel::setRunning(bool running) {
    const bool open = workspace_->dataset() != nullptr;
    train_->setEnabled(!running && open);
    stop_->setEnabled(running);
    form_->presetBox()->setEnabled(!running);
    runs_->loadButton()->setEnabled(open);
}

void TrainPanel::saveRunModel(int run, const QString& path) {
    const std::shared_ptr<const TrainingRun> found = workspace_->runs()->finished(run);
    if (!found) {
        showMessage(tr("Run %1 has no model to save.").arg(run), true);
        return;
    }
    fileJobs_.save(*found, path);
}

void TrainPanel::loadModelFile(const QString& path) {
    if (!workspace_->dataset()) {
        showMessage(tr("Open the data set the model was trained on first."), true);
        return;
    }
    fileJobs_.load(workspace_->dataset(), path, controller_.reserveRunNumber());
}

void TrainPanel::deleteRun(int run) {
    if (!workspace_->runs()->finished(run))
        return; // a running run is stopped first, not deleted
    chart_->removeRun(run);
    workspace_->runs()->remove(run);
    showMessage(tr("Deleted run %1.").arg(run), false);
}

bool TrainPanel::exportChart(const QString& path) {
    QString error;
    const bool done = chart_->exportImage(path, &error);
    showMessage(done ? tr("Saved the chart to %1.").arg(path) : error, !done);
    return done;
}

bool TrainPanel::exportRuns(const QString& path) {
    QString error;
    const bool done = workspace_->runs()->exportCsv(path, &error);
    showMessage(done ? tr("Saved the runs table to %1.").arg(path) : error, !done);
    return done;
}

void TrainPanel::askForSavePath(int run) {
    askForPath(this, tr("Save run %1's model").arg(run), tr("Shelfscope models (*.ssm)"),
               QStringLiteral("ssm"), QFileDialog::AcceptSave,
               [this, run](const QString& path) { saveRunModel(run, path); });
}

void TrainPanel::askForModelFile() {
    askForPath(this, tr("Load a model"), tr("Shelfscope models (*.ssm);;All files (*)"), QString(),
               QFileDialog::AcceptOpen, [this](const QString& path) { loadModelFile(path); });
}

void TrainPanel::askForChartPath() {
    askForPath(this, tr("Export the chart"), tr("PNG image (*.png);;SVG drawing (*.svg)"),
               QStringLiteral("png"), QFileDialog::AcceptSave,
               [this](const QString& path) { exportChart(path); });
}

void TrainPanel::askForRunsPath() {
    askForPath(this, tr("Export the runs table"), tr("CSV (*.csv)"), QStringLiteral("csv"),
               QFileDialog::AcceptSave, [this](const QString& path) { exportRuns(path); });
}

} // namespace shelfscope::ui
