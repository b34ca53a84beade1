#include "RunsModel.h"

#include "CsvText.h"

#include <QLocale>

namespace shelfscope::ui {

namespace {

/// Plain numbers (no group separators), so the exported CSV reads back as numbers.
QString number(double value, int decimals) {
    QLocale english(QLocale::English);
    english.setNumberOptions(QLocale::OmitGroupSeparator);
    return english.toString(value, 'f', decimals);
}

/// A rating model's test errors; a model that ranks books predicts no stars to judge.
std::optional<ErrorMetrics> testErrors(const ExperimentConfig& c, const ErrorMetrics& test) {
    if (!predictsRatings(c))
        return std::nullopt;
    return test;
}

QString settingsText(const ExperimentConfig& c) {
    const QLocale english(QLocale::English);
    if (c.model.kind == ModelKind::Ease)
        return QStringLiteral("item-item, lambda %1, ranks books")
            .arg(english.toString(static_cast<double>(c.model.easeLambda)));
    if (c.model.kind == ModelKind::ItemKnn)
        return QStringLiteral("item-item, %1 neighbours, shrink %2, ranks books")
            .arg(c.model.knnNeighbours)
            .arg(english.toString(static_cast<double>(c.model.knnShrink)));
    if (c.objective == TrainObjective::ImplicitRatings)
        return QStringLiteral("d=%1, implicit feedback (%2), SGD %3 (x%4 per epoch), L2 %5, "
                              "bias L2 %6, biases")
            .arg(c.model.dim)
            .arg(QString::fromLatin1(implicitBooksName(c.implicit.sets)))
            .arg(static_cast<double>(c.implicit.learningRate))
            .arg(static_cast<double>(c.implicit.learningRateDecay))
            .arg(static_cast<double>(c.implicit.l2))
            .arg(static_cast<double>(c.implicit.biasL2));
    if (c.objective == TrainObjective::Ranking) // BPR's own settings: train's are not used
        return QStringLiteral("d=%1, ranking (BPR), SGD %2, L2 %3, %4 epochs%5")
            .arg(c.model.dim)
            .arg(static_cast<double>(c.bpr.learningRate))
            .arg(static_cast<double>(c.bpr.l2))
            .arg(c.bpr.epochs)
            .arg(c.model.biases ? QStringLiteral(", biases") : QString());
    QString text = QStringLiteral("d=%1, batch %2, %3 %4, L2 %5")
                       .arg(c.model.dim)
                       .arg(c.train.batchSize)
                       .arg(c.train.optimizer == OptimizerKind::Adam ? QStringLiteral("Adam")
                                                                     : QStringLiteral("SGD"))
                       .arg(static_cast<double>(c.train.optimizer == OptimizerKind::Adam
                                                    ? c.train.adam.learningRate
                                                    : c.train.sgdLearningRate))
                       .arg(static_cast<double>(c.train.l2));
    if (c.objective == TrainObjective::ImplicitAls)
        return QStringLiteral("d=%1, implicit ALS, %2 iterations, alpha %3, lambda %4, to-read "
                              "%5, %6 CG steps")
            .arg(c.model.dim)
            .arg(c.als.iterations)
            .arg(static_cast<double>(c.als.confidence.alpha))
            .arg(static_cast<double>(c.als.regularization))
            .arg(static_cast<double>(c.als.confidence.toReadWeight))
            .arg(c.als.cgSteps);
    if (c.model.biases)
        text += QStringLiteral(", biases");
    if (c.model.kind == ModelKind::Neural) {
        QStringList widths;
        for (int width : c.model.hidden)
            widths << QString::number(width);
        text += QStringLiteral(", hidden %1").arg(widths.join(QLatin1Char(',')));
        if (c.model.dotTerm)
            text += QStringLiteral(", dot term");
        if (c.model.productFeatures)
            text += QStringLiteral(", product features");
    }
    return text;
}

} // namespace

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

int RunsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RunColumn:
        return tr("Run");
    case ModelColumn:
        return tr("Model");
    case SettingsColumn:
        return tr("Settings");
    case EpochsColumn:
        return tr("Epochs");
    case SecondsColumn:
        return tr("Train s");
    case MseColumn:
        return tr("Test MSE");
    case RmseColumn:
        return tr("Test RMSE");
    case MaeColumn:
        return tr("Test MAE");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QString RunsModel::text(const Entry& e, int column) const {
    const TrainingRun* run = e.trained.get();
    switch (column) {
    case RunColumn:
        return QString::number(e.run);
    case ModelColumn:
        return QStringLiteral("%1 (%2)").arg(e.name,
                                             QString::fromUtf8(modelKindName(e.config.model.kind)));
    case SettingsColumn:
        return settingsText(e.config);
    case EpochsColumn: {
        if (!hasEmbeddingTables(e.config.model.kind))
            return tr("closed form"); // item-item: fitted in one pass, no epochs
        if (run && !run->loadedFrom.empty()) {
            const auto epochs = run->metadata.notes.find("epochs");
            return epochs == run->metadata.notes.end() ? QStringLiteral("?")
                                                       : QString::fromStdString(epochs->second);
        }
        return QStringLiteral("%1/%2").arg(e.epochsDone).arg(plannedEpochs(e.config));
    }
    case SecondsColumn:
        return run && run->loadedFrom.empty() ? number(run->result.trainSeconds, 2) : QString();
    case MseColumn:
        return e.test ? number(e.test->mse, 4) : QString();
    case RmseColumn:
        return e.test ? number(e.test->rmse, 4) : QString();
    case MaeColumn:
        return e.test ? number(e.test->mae, 4) : QString();
    case StateColumn:
        return e.state;
    default:
        return {};
    }
}

QVariant RunsModel::sortValue(const Entry& e, int column) const {
    switch (column) {
    case RunColumn:
        return e.run;
    case EpochsColumn:
        return e.epochsDone;
    case SecondsColumn:
        return e.trained ? e.trained->result.trainSeconds : -1.0;
    case MseColumn:
        return e.test ? e.test->mse : 1e300;
    case RmseColumn:
        return e.test ? e.test->rmse : 1e300;
    case MaeColumn:
        return e.test ? e.test->mae : 1e300;
    default:
        return text(e, column);
    }
}

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Entry& e = entries_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return text(e, index.column());
    case SortRole:
        return sortValue(e, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !e.message.isEmpty())
            return e.message;
        if (index.column() == SettingsColumn)
            return text(e, index.column());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= EpochsColumn && index.column() <= MaeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

void RunsModel::changed(int row) {
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int RunsModel::rowOf(int run) const {
    for (std::size_t row = 0; row < entries_.size(); ++row)
        if (entries_[row].run == run)
            return static_cast<int>(row);
    return -1;
}

int RunsModel::runAt(int row) const {
    return row >= 0 && row < rowCount() ? entries_[static_cast<std::size_t>(row)].run : 0;
}

std::shared_ptr<const TrainingRun> RunsModel::finished(int run) const {
    const int row = rowOf(run);
    return row < 0 ? nullptr : entries_[static_cast<std::size_t>(row)].trained;
}

std::vector<int> RunsModel::finishedRuns() const {
    std::vector<int> runs;
    for (const Entry& e : entries_)
        if (e.trained)
            runs.push_back(e.run);
    return runs;
}

QString RunsModel::label(int run) const {
    const int row = rowOf(run);
    if (row < 0)
        return QString();
    const Entry& e = entries_[static_cast<std::size_t>(row)];
    if (!hasEmbeddingTables(e.config.model.kind)) // item-item: no embedding size
        return QStringLiteral("#%1 %2 (%3)")
            .arg(e.run)
            .arg(e.name, QString::fromUtf8(modelKindName(e.config.model.kind)));
    return QStringLiteral("#%1 %2 (%3, d=%4)")
        .arg(e.run)
        .arg(e.name, QString::fromUtf8(modelKindName(e.config.model.kind)))
        .arg(e.config.model.dim);
}

void RunsModel::addRunning(int run, const QString& name, const ExperimentConfig& config) {
    const int row = rowCount();
    beginInsertRows({}, row, row);
    Entry entry;
    entry.run = run;
    entry.name = name;
    entry.config = config;
    entry.state = tr("running");
    entries_.push_back(std::move(entry));
    endInsertRows();
}

void RunsModel::updateEpoch(const TrainingEpoch& epoch) {
    const int row = rowOf(epoch.run);
    if (row < 0)
        return;
    Entry& e = entries_[static_cast<std::size_t>(row)];
    e.epochsDone = epoch.report.epoch;
    e.test = testErrors(e.config, epoch.report.test);
    changed(row);
}

void RunsModel::addFinished(std::shared_ptr<const TrainingRun> run) {
    int row = rowOf(run->run);
    if (row < 0) { // a loaded model: no running row came first
        addRunning(run->run,
                   QStringLiteral("%1 [%2]").arg(QString::fromStdString(run->name),
                                                 QString::fromStdString(run->metadata.preset)),
                   run->config);
        row = rowOf(run->run);
    }
    Entry& e = entries_[static_cast<std::size_t>(row)];
    e.epochsDone = static_cast<int>(run->result.epochs.size());
    e.test = testErrors(e.config, run->result.test);
    e.state = run->loadedFrom.empty() ? QString::fromUtf8(trainOutcomeName(run->result.outcome))
                                      : tr("loaded");
    e.message = QString::fromStdString(run->result.message);
    e.trained = std::move(run);
    changed(row);
    Q_EMIT runFinished(e.run);
}

void RunsModel::markFailed(int run, const QString& message) {
    const int row = rowOf(run);
    if (row < 0)
        return;
    Entry& e = entries_[static_cast<std::size_t>(row)];
    e.state = tr("failed");
    e.message = message;
    changed(row);
}

void RunsModel::markStopped(int run, const QString& message) {
    const int row = rowOf(run);
    if (row < 0)
        return;
    Entry& e = entries_[static_cast<std::size_t>(row)];
    e.state = QString::fromUtf8(trainOutcomeName(TrainOutcome::Cancelled));
    e.message = message;
    changed(row);
}

void RunsModel::remove(int run) {
    const int row = rowOf(run);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    entries_.erase(entries_.begin() + row);
    endRemoveRows();
    Q_EMIT runRemoved(run);
}

bool RunsModel::exportCsv(const QString& path, QString* error) const {
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column)
        header << headerData(column, Qt::Horizontal).toString();
    QString csv = csvLine(header);
    for (const Entry& e : entries_) {
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column)
            cells << text(e, column);
        csv += csvLine(cells);
    }
    return writeTextAtomically(path, csv, error);
}

} // namespace shelfscope::ui
