#include "RunsPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
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

/// Plain numbers (no group separators), so the exported CSV reads back as numbers.
QString number(double value, int decimals) {
    QLocale english(QLocale::English);
    english.setNumberOptions(QLocale::OmitGroupSeparator);
    return english.toString(value, 'f', decimals);
}

QString settingsText(const ExperimentConfig& c) {
    QString text = QStringLiteral("d=%1, batch %2, %3 %4, L2 %5")
                       .arg(c.model.dim)
                       .arg(c.train.batchSize)
                       .arg(c.train.optimizer == OptimizerKind::Adam ? QStringLiteral("Adam")
                                                                     : QStringLiteral("SGD"))
                       .arg(static_cast<double>(c.train.optimizer == OptimizerKind::Adam
                                                    ? c.train.adam.learningRate
                                                    : c.train.sgdLearningRate))
                       .arg(static_cast<double>(c.train.l2));
    if (c.model.biases)
        text += QStringLiteral(", biases");
    if (c.model.kind == ModelKind::Neural) {
        QStringList widths;
        for (int width : c.model.hidden)
            widths << QString::number(width);
        text += QStringLiteral(", hidden %1").arg(widths.join(QLatin1Char(',')));
        if (c.model.dotTerm)
            text += QStringLiteral(", dot term");
    }
    return text;
}

/// RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.
QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

RunsPanel::RunsPanel(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget(0, ColumnCount)),
      save_(new QPushButton(tr("Save model..."))), load_(new QPushButton(tr("Load model..."))),
      delete_(new QPushButton(tr("Delete run"))), export_(new QPushButton(tr("Export table..."))) {
    table_->setHorizontalHeaderLabels({tr("Run"), tr("Model"), tr("Settings"), tr("Epochs"),
                                       tr("Train s"), tr("Test MSE"), tr("Test RMSE"),
                                       tr("Test MAE"), tr("State")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(SettingsColumn, QHeaderView::Stretch);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    save_->setToolTip(tr("Write the selected run's model to a file"));
    load_->setToolTip(tr("Read a model file trained on the open data set"));
    delete_->setToolTip(tr("Remove the selected run from the session"));
    export_->setToolTip(tr("Write this table as CSV"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(save_);
    buttons->addWidget(load_);
    buttons->addWidget(delete_);
    buttons->addStretch();
    buttons->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
    layout->addLayout(buttons);
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        updateButtons();
        Q_EMIT activeRunChanged(activeRun() ? activeRun()->run : 0);
    });
    connect(save_, &QPushButton::clicked, this,
            [this] { Q_EMIT saveRequested(selectedRunNumber()); });
    connect(load_, &QPushButton::clicked, this, &RunsPanel::loadRequested);
    connect(delete_, &QPushButton::clicked, this,
            [this] { Q_EMIT deleteRequested(selectedRunNumber()); });
    connect(export_, &QPushButton::clicked, this, &RunsPanel::exportRequested);
    updateButtons();
}

int RunsPanel::rowOf(int run) const {
    for (int row = 0; row < table_->rowCount(); ++row)
        if (table_->item(row, RunColumn)->text().toInt() == run)
            return row;
    return -1;
}

int RunsPanel::selectedRunNumber() const {
    const QList<QTableWidgetItem*> items = table_->selectedItems();
    return items.isEmpty() ? 0 : table_->item(items.first()->row(), RunColumn)->text().toInt();
}

const TrainingRun* RunsPanel::activeRun() const {
    const auto found = finished_.find(selectedRunNumber());
    return found == finished_.end() ? nullptr : &found->second;
}

void RunsPanel::updateButtons() {
    const bool finished = activeRun() != nullptr;
    save_->setEnabled(finished);
    delete_->setEnabled(finished);
    export_->setEnabled(table_->rowCount() > 0);
}

void RunsPanel::addRunning(int run, const QString& name, const ExperimentConfig& config) {
    const int row = table_->rowCount();
    table_->insertRow(row);
    const QStringList cells{
        QString::number(run),
        QStringLiteral("%1 (%2)").arg(name, QString::fromUtf8(modelKindName(config.model.kind))),
        settingsText(config),
        QStringLiteral("0/%1").arg(config.train.epochs),
        QString(),
        QString(),
        QString(),
        QString(),
        tr("running")};
    for (int column = 0; column < ColumnCount; ++column)
        table_->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    updateButtons();
}

void RunsPanel::updateEpoch(const TrainingEpoch& e) {
    const int row = rowOf(e.run);
    if (row < 0)
        return;
    const QString total = table_->item(row, EpochsColumn)->text().section(QLatin1Char('/'), 1);
    table_->item(row, EpochsColumn)
        ->setText(QStringLiteral("%1/%2").arg(e.report.epoch).arg(total));
    table_->item(row, MseColumn)->setText(number(e.report.test.mse, 4));
    table_->item(row, RmseColumn)->setText(number(e.report.test.rmse, 4));
    table_->item(row, MaeColumn)->setText(number(e.report.test.mae, 4));
}

void RunsPanel::addFinished(const TrainingRun& run) {
    finished_[run.run] = run;
    int row = rowOf(run.run);
    if (row < 0) { // a loaded model: no running row came first
        const auto epochs = run.metadata.notes.find("epochs");
        addRunning(
            run.run,
            QStringLiteral("%1 [%2]").arg(run.name, QString::fromStdString(run.metadata.preset)),
            run.config);
        row = rowOf(run.run);
        table_->item(row, EpochsColumn)
            ->setText(epochs == run.metadata.notes.end() ? QStringLiteral("?")
                                                         : QString::fromStdString(epochs->second));
    }
    const TrainResult& r = run.result;
    table_->item(row, SecondsColumn)
        ->setText(run.loadedFrom.isEmpty() ? number(r.trainSeconds, 2) : QString());
    table_->item(row, MseColumn)->setText(number(r.test.mse, 4));
    table_->item(row, RmseColumn)->setText(number(r.test.rmse, 4));
    table_->item(row, MaeColumn)->setText(number(r.test.mae, 4));
    table_->item(row, StateColumn)
        ->setText(run.loadedFrom.isEmpty() ? QString::fromUtf8(trainOutcomeName(r.outcome))
                                           : tr("loaded"));
    table_->item(row, StateColumn)->setToolTip(QString::fromStdString(r.message));
    updateButtons();
    if (selectedRunNumber() == run.run)
        Q_EMIT activeRunChanged(run.run);
}

void RunsPanel::markFailed(int run, const QString& message) {
    const int row = rowOf(run);
    if (row < 0)
        return;
    table_->item(row, StateColumn)->setText(tr("failed"));
    table_->item(row, StateColumn)->setToolTip(message);
}

void RunsPanel::remove(int run) {
    const int row = rowOf(run);
    if (row >= 0)
        table_->removeRow(row);
    finished_.erase(run);
    updateButtons();
}

void RunsPanel::select(int run) {
    const int row = rowOf(run);
    if (row >= 0)
        table_->selectRow(row);
}

bool RunsPanel::exportCsv(const QString& path, QString* error) const {
    QString text;
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column)
        header << csvField(table_->horizontalHeaderItem(column)->text());
    text += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int row = 0; row < table_->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column)
            cells << csvField(table_->item(row, column)->text());
        text += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    QSaveFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace shelfscope::ui
