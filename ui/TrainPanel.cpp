#include "TrainPanel.h"

#include "LossChart.h"
#include "train/Presets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

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

QString number(double value, int decimals) {
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

QDoubleSpinBox* makeRateBox(double min, double max, int decimals, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(std::pow(10.0, -decimals + 1));
    box->setToolTip(tip);
    return box;
}

QSpinBox* makeIntBox(int min, int max, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setToolTip(tip);
    return box;
}

} // namespace

TrainPanel::TrainPanel(QWidget* parent)
    : QWidget(parent), preset_(new QComboBox), kind_(new QComboBox),
      dim_(makeIntBox(1, 4096, tr("Embedding size d of users and books"))),
      biases_(new QCheckBox(tr("biases (mean, user, book)"))), hidden_(new QLineEdit),
      epochs_(makeIntBox(1, 10000, tr("Passes over the training ratings"))),
      batch_(makeIntBox(1, 1'000'000, tr("Ratings per gradient step"))), optimizer_(new QComboBox),
      learningRate_(
          makeRateBox(0.000001, 100.0, 6, tr("Step size (Adam's learning rate, or SGD's)"))),
      l2_(makeRateBox(0.0, 100.0, 4,
                      tr("L2 penalty on the embedding (and bias) rows of each rating"))),
      seed_(makeIntBox(0, 2'000'000'000,
                       tr("Seed for the weights and the shuffling: the same seed on one thread "
                          "gives the same run"))),
      threads_(makeIntBox(1, 64, tr("Threads; large steps are split among them"))),
      train_(new QPushButton(tr("Train"))), stop_(new QPushButton(tr("Stop"))),
      logScale_(new QCheckBox(tr("log scale"))), message_(new QLabel), status_(new QLabel),
      progress_(new QProgressBar), chart_(new LossChart), runs_(new QTableWidget(0, ColumnCount)) {
    for (const Preset& preset : presets())
        preset_->addItem(QString::fromStdString(preset.name));
    preset_->setToolTip(tr("Start from the notebook's models or from the tuned ones; every field "
                           "can then be changed"));
    kind_->addItems({tr("dot product"), tr("neural")});
    kind_->setToolTip(tr("Dot product of the embeddings, or a neural network on them"));
    optimizer_->addItems({QStringLiteral("Adam"), QStringLiteral("SGD")});
    hidden_->setToolTip(
        tr("Neural model: widths of the relu layers, comma-separated (e.g. 128,32)"));
    hidden_->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("^[0-9]*(,[0-9]*)*$")), hidden_));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00020"));
    threads_->setValue(std::max(1, QThread::idealThreadCount()));

    auto* form = new QFormLayout;
    form->addRow(tr("Preset"), preset_);
    form->addRow(tr("Model"), kind_);
    form->addRow(tr("Embedding size"), dim_);
    form->addRow(QString(), biases_);
    form->addRow(tr("Hidden layers"), hidden_);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Batch size"), batch_);
    form->addRow(tr("Optimizer"), optimizer_);
    form->addRow(tr("Learning rate"), learningRate_);
    form->addRow(tr("L2"), l2_);
    form->addRow(tr("Seed"), seed_);
    form->addRow(tr("Threads"), threads_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(train_);
    buttons->addWidget(stop_);
    auto* settings = new QGroupBox(tr("Model and training"));
    auto* left = new QVBoxLayout(settings);
    left->addLayout(form);
    left->addWidget(message_);
    left->addLayout(buttons);
    left->addWidget(progress_);
    left->addWidget(status_);
    left->addStretch();
    settings->setMaximumWidth(360);

    runs_->setHorizontalHeaderLabels({tr("Run"), tr("Model"), tr("Settings"), tr("Epochs"),
                                      tr("Train s"), tr("Test MSE"), tr("Test RMSE"),
                                      tr("Test MAE"), tr("State")});
    runs_->horizontalHeader()->setSectionResizeMode(SettingsColumn, QHeaderView::Stretch);
    runs_->verticalHeader()->hide();
    runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto* chartBox = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(chart_);
    chartLayout->addWidget(logScale_, 0, Qt::AlignRight);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(chartBox);
    right->addWidget(runs_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(settings);
    layout->addWidget(right, 1);

    progress_->setRange(0, 1000);
    progress_->setValue(0);
    setRunning(false);
    train_->setEnabled(false);
    status_->setText(tr("Open a data set to train."));
    connect(preset_, &QComboBox::currentIndexChanged, this, &TrainPanel::applyPreset);
    connect(kind_, &QComboBox::currentIndexChanged, this,
            [this](int index) { hidden_->setEnabled(index == 1); });
    connect(train_, &QPushButton::clicked, this, &TrainPanel::startTraining);
    connect(stop_, &QPushButton::clicked, &controller_, &TrainingController::stop);
    connect(logScale_, &QCheckBox::toggled, chart_, &LossChart::setLogScale);
    connect(&controller_, &TrainingController::progressed, this, &TrainPanel::onProgress);
    connect(&controller_, &TrainingController::epochFinished, this, &TrainPanel::onEpoch);
    connect(&controller_, &TrainingController::finished, this, &TrainPanel::onFinished);
    connect(&controller_, &TrainingController::failed, this, &TrainPanel::onFailed);
    applyPreset(0);
}

void TrainPanel::setDataset(std::shared_ptr<const Dataset> dataset) {
    dataset_ = std::move(dataset);
    train_->setEnabled(dataset_ != nullptr && !controller_.isRunning());
    status_->setText(dataset_
                         ? tr("Ready to train on %1.").arg(QString::fromStdString(dataset_->name))
                         : QString());
}

void TrainPanel::applyPreset(int index) {
    const Preset& preset = presets().at(static_cast<std::size_t>(std::max(0, index)));
    presetBase_ = preset.config;
    const ExperimentConfig& c = preset.config;
    kind_->setCurrentIndex(c.model.kind == ModelKind::Dot ? 0 : 1);
    hidden_->setEnabled(c.model.kind == ModelKind::Neural);
    dim_->setValue(c.model.dim);
    biases_->setChecked(c.model.biases);
    QStringList widths;
    for (int width : c.model.hidden)
        widths << QString::number(width);
    hidden_->setText(widths.join(QLatin1Char(',')));
    epochs_->setValue(c.train.epochs);
    batch_->setValue(c.train.batchSize);
    optimizer_->setCurrentIndex(c.train.optimizer == OptimizerKind::Adam ? 0 : 1);
    learningRate_->setValue(c.train.optimizer == OptimizerKind::Adam ? c.train.adam.learningRate
                                                                     : c.train.sgdLearningRate);
    l2_->setValue(c.train.l2);
    seed_->setValue(static_cast<int>(c.train.shuffleSeed));
    preset_->setToolTip(QString::fromStdString(preset.description));
    message_->clear();
}

std::optional<ExperimentConfig> TrainPanel::currentConfig(QString* error) const {
    ExperimentConfig config = presetBase_;
    config.model.kind = kind_->currentIndex() == 0 ? ModelKind::Dot : ModelKind::Neural;
    config.model.dim = dim_->value();
    config.model.biases = biases_->isChecked();
    config.model.hidden.clear();
    const QString hiddenText = hidden_->text().trimmed();
    for (const QString& part : hiddenText.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int width = part.toInt(&ok);
        if (!ok || width < 1) {
            *error =
                tr("Hidden layers: '%1' is not a layer width (a whole number from 1)").arg(part);
            return std::nullopt;
        }
        config.model.hidden.push_back(width);
    }
    if (hiddenText.contains(QStringLiteral(",,")) || hiddenText.endsWith(QLatin1Char(','))) {
        *error = tr("Hidden layers: give widths separated by single commas, such as 128,32");
        return std::nullopt;
    }
    config.train.epochs = epochs_->value();
    config.train.batchSize = batch_->value();
    config.train.optimizer =
        optimizer_->currentIndex() == 0 ? OptimizerKind::Adam : OptimizerKind::Sgd;
    config.train.adam.learningRate = static_cast<float>(learningRate_->value());
    config.train.sgdLearningRate = static_cast<float>(learningRate_->value());
    config.train.l2 = static_cast<float>(l2_->value());
    config.train.shuffleSeed = static_cast<std::uint64_t>(seed_->value());
    config.initSeed = config.train.shuffleSeed;
    config.train.threads = threads_->value();
    if (config.model.kind == ModelKind::Dot) {
        config.model.productFeatures = false;
        config.model.dotTerm = false;
    }
    try {
        validateModelConfig(config.model);
        validateTrainConfig(config.train);
    } catch (const std::invalid_argument& invalid) {
        *error = QString::fromUtf8(invalid.what());
        return std::nullopt;
    }
    return config;
}

void TrainPanel::startTraining() {
    if (!dataset_ || controller_.isRunning())
        return;
    QString error;
    const std::optional<ExperimentConfig> config = currentConfig(&error);
    if (!config) {
        message_->setText(error);
        return;
    }
    message_->clear();
    const QString name = preset_->currentText();
    const int run = controller_.start(dataset_, *config, name);
    chart_->beginRun(run, tr("#%1").arg(run));
    const int row = runs_->rowCount();
    runs_->insertRow(row);
    const ExperimentConfig& c = *config;
    QString settings = tr("d=%1, batch %2, %3 %4, L2 %5")
                           .arg(c.model.dim)
                           .arg(c.train.batchSize)
                           .arg(c.train.optimizer == OptimizerKind::Adam ? QStringLiteral("Adam")
                                                                         : QStringLiteral("SGD"))
                           .arg(c.train.adam.learningRate)
                           .arg(c.train.l2);
    if (c.model.biases)
        settings += tr(", biases");
    if (c.model.kind == ModelKind::Neural)
        settings += tr(", hidden %1").arg(hidden_->text());
    const QStringList cells{
        QString::number(run),
        QStringLiteral("%1 (%2)").arg(name, QString::fromUtf8(modelKindName(c.model.kind))),
        settings,
        QStringLiteral("0/%1").arg(c.train.epochs),
        QString(),
        QString(),
        QString(),
        QString(),
        tr("running")};
    for (int column = 0; column < ColumnCount; ++column)
        runs_->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    setRunning(true);
}

int TrainPanel::rowOf(int run) const {
    for (int row = 0; row < runs_->rowCount(); ++row)
        if (runs_->item(row, RunColumn)->text().toInt() == run)
            return row;
    return -1;
}

void TrainPanel::onProgress(const TrainingProgress& p) {
    const TrainProgress& t = p.progress;
    const double x = (t.epoch - 1) + static_cast<double>(t.batch) /
                                         static_cast<double>(std::max<std::int64_t>(t.batches, 1));
    chart_->addRunningLoss(p.run, x, t.runningLoss);
    progress_->setValue(static_cast<int>(1000.0 * x / std::max(1, t.epochs)));
    status_->setText(
        tr("Epoch %1 of %2, batch %3 of %4\n%5 ratings/s, about %6 s left")
            .arg(t.epoch)
            .arg(t.epochs)
            .arg(QLocale(QLocale::English).toString(t.batch),
                 QLocale(QLocale::English).toString(t.batches))
            .arg(QLocale(QLocale::English).toString(static_cast<qint64>(t.ratingsPerSecond)))
            .arg(number(t.etaSeconds, 1)));
}

void TrainPanel::onEpoch(const TrainingEpoch& e) {
    chart_->addTestMse(e.run, e.report.epoch, e.report.test.mse);
    const int row = rowOf(e.run);
    if (row < 0)
        return;
    const QString total = runs_->item(row, EpochsColumn)->text().section(QLatin1Char('/'), 1);
    runs_->item(row, EpochsColumn)->setText(QStringLiteral("%1/%2").arg(e.report.epoch).arg(total));
    runs_->item(row, MseColumn)->setText(number(e.report.test.mse, 4));
    runs_->item(row, RmseColumn)->setText(number(e.report.test.rmse, 4));
    runs_->item(row, MaeColumn)->setText(number(e.report.test.mae, 4));
}

void TrainPanel::onFinished(const TrainingRun& run) {
    finished_[run.run] = run;
    chart_->setBaselines(run.globalMeanBaseline.mse, run.biasBaseline.mse);
    const int row = rowOf(run.run);
    if (row >= 0) {
        const TrainResult& r = run.result;
        runs_->item(row, SecondsColumn)->setText(number(r.trainSeconds, 2));
        runs_->item(row, MseColumn)->setText(number(r.test.mse, 4));
        runs_->item(row, RmseColumn)->setText(number(r.test.rmse, 4));
        runs_->item(row, MaeColumn)->setText(number(r.test.mae, 4));
        runs_->item(row, StateColumn)->setText(QString::fromUtf8(trainOutcomeName(r.outcome)));
        runs_->item(row, StateColumn)->setToolTip(QString::fromStdString(r.message));
    }
    if (run.result.outcome == TrainOutcome::Finished ||
        run.result.outcome == TrainOutcome::EarlyStopped)
        progress_->setValue(progress_->maximum());
    status_->setText(run.result.message.empty() ? tr("Run %1 finished.").arg(run.run)
                                                : QString::fromStdString(run.result.message));
    if (run.result.outcome == TrainOutcome::Diverged)
        message_->setText(QString::fromStdString(run.result.message));
    setRunning(false);
}

void TrainPanel::onFailed(int run, const QString& message) {
    const int row = rowOf(run);
    if (row >= 0)
        runs_->item(row, StateColumn)->setText(tr("failed"));
    message_->setText(message);
    setRunning(false);
}

void TrainPanel::setRunning(bool running) {
    train_->setEnabled(!running && dataset_ != nullptr);
    stop_->setEnabled(running);
    preset_->setEnabled(!running);
}

} // namespace shelfscope::ui
