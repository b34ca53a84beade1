#include "CompareView.h"

#include "FileDialogs.h"
#include "IntervalChart.h"
#include "SaveFile.h"
#include "Workspace.h"
#include "config/OptionBuilders.h"
#include "config/OptionTable.h"
#include "data/Fingerprint.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace shelfscope::ui {

namespace {

/// What the worker needs of a run: values and shared immutable models, nothing of the GUI.
struct RunToCompare {
    int run = 0;
    QString label;
    std::shared_ptr<const Model> model;
    ModelMetadata metadata;
};

std::vector<ComparedModel> asCompared(const std::vector<ComparedRun>& runs) {
    std::vector<ComparedModel> models;
    for (const ComparedRun& r : runs)
        models.push_back({r.label.toStdString(), r.result});
    return models;
}

QString intervalText(const ProtocolFigure& f) {
    if (!f.available)
        return QStringLiteral("-");
    if (!f.hasInterval)
        return QString::number(f.value, 'f', f.decimals);
    return QStringLiteral("%1 [%2, %3]")
        .arg(f.value, 0, 'f', f.decimals)
        .arg(f.interval.low, 0, 'f', f.decimals)
        .arg(f.interval.high, 0, 'f', f.decimals);
}

} // namespace

CompareView::CompareView(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), runList_(new QListWidget), readers_(new QSpinBox),
      replicates_(new QSpinBox), compare_(new QPushButton(tr("Compare"))),
      stop_(new QPushButton(tr("Stop"))), progress_(new QProgressBar), status_(new QLabel),
      reason_(new QLabel), note_(new QLabel), table_(new QTableWidget), chart_(new IntervalChart),
      exportCsv_(new QPushButton(tr("Export CSV..."))),
      exportPng_(new QPushButton(tr("Export PNG..."))),
      exportSvg_(new QPushButton(tr("Export SVG..."))) {
    runList_->setToolTip(tr("The runs to compare (finished or loaded runs of this session)"));
    runList_->setMaximumHeight(110);
    const OptionDef& readers = option(CliCommand::Compare, "max-readers");
    readers_->setRange(static_cast<int>(readers.min), static_cast<int>(readers.max));
    readers_->setValue(static_cast<int>(options::kCompareReaders));
    readers_->setSpecialValueText(tr("all"));
    readers_->setToolTip(tr("The same seeded sample of readers for every run of a split "
                            "(neural models score each reader on its own: keep it small)"));
    const OptionDef& bootstrap = option(CliCommand::Compare, "bootstrap"); // the one range
    replicates_->setRange(static_cast<int>(bootstrap.min), static_cast<int>(bootstrap.max));
    replicates_->setValue(BootstrapConfig{}.replicates);
    replicates_->setToolTip(QString::fromStdString(bootstrap.help));
    progress_->setRange(0, 1000);
    progress_->hide();
    stop_->setEnabled(false);
    reason_->setWordWrap(true);
    reason_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    note_->setWordWrap(true);
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setMinimumHeight(130); // the header and about three runs

    auto* settings = new QFormLayout;
    settings->addRow(tr("Readers per split:"), readers_);
    settings->addRow(tr("Bootstrap replicates:"), replicates_);
    auto* runButtons = new QVBoxLayout;
    runButtons->addLayout(settings);
    auto* startStop = new QHBoxLayout;
    startStop->addWidget(compare_);
    startStop->addWidget(stop_);
    runButtons->addLayout(startStop);
    runButtons->addWidget(progress_);
    runButtons->addStretch();
    auto* top = new QHBoxLayout;
    top->addWidget(runList_, 1);
    top->addLayout(runButtons);
    auto* exports = new QHBoxLayout;
    exports->addWidget(status_, 1);
    exports->addWidget(exportCsv_);
    exports->addWidget(exportPng_);
    exports->addWidget(exportSvg_);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("compareSplitter"));
    splitter->addWidget(table_);
    splitter->addWidget(chart_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(reason_);
    layout->addWidget(splitter, 1);
    layout->addWidget(note_);
    layout->addLayout(exports);

    connect(compare_, &QPushButton::clicked, this, &CompareView::compareChecked);
    connect(stop_, &QPushButton::clicked, this, &CompareView::stop);
    connect(exportCsv_, &QPushButton::clicked, this, [this] {
        askAndExport(tr("Export the comparison"), tr("CSV (*.csv)"), QStringLiteral("csv"));
    });
    connect(exportPng_, &QPushButton::clicked, this, [this] {
        askAndExport(tr("Export the charts"), tr("PNG image (*.png)"), QStringLiteral("png"));
    });
    connect(exportSvg_, &QPushButton::clicked, this, [this] {
        askAndExport(tr("Export the charts"), tr("SVG image (*.svg)"), QStringLiteral("svg"));
    });
    RunsModel* runs = workspace_->runs();
    connect(runs, &RunsModel::runFinished, this, &CompareView::fillRunList);
    connect(runs, &RunsModel::runRemoved, this, &CompareView::fillRunList);
    connect(runList_, &QListWidget::itemChanged, this, &CompareView::updateButtons);
    connect(workspace_, &Workspace::datasetChanged, this, [this] {
        task_.discard();
        progress_->hide();
        showComparison({});
    });

    task_.onResult([this](RunComparison comparison) {
        progress_->hide();
        showComparison(std::move(comparison));
        Q_EMIT comparisonFinished();
    });
    task_.onError([this](const TaskError& error) {
        progress_->hide();
        status_->setText(error.cancelled ? tr("Stopped.") : error.message);
        updateButtons();
        if (!error.cancelled)
            Q_EMIT comparisonFailed(error.message);
    });
    fillRunList();
    showComparison({});
}

void CompareView::fillRunList() {
    std::vector<int> ticked;
    for (int i = 0; i < runList_->count(); ++i)
        if (runList_->item(i)->checkState() == Qt::Unchecked)
            ticked.push_back(-runList_->item(i)->data(Qt::UserRole).toInt()); // unticked: -run
    const QSignalBlocker blocker(runList_);
    runList_->clear();
    for (int run : workspace_->runs()->finishedRuns()) {
        auto* item = new QListWidgetItem(workspace_->runs()->label(run), runList_);
        item->setData(Qt::UserRole, run);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool wasUnticked = std::find(ticked.begin(), ticked.end(), -run) != ticked.end();
        item->setCheckState(wasUnticked ? Qt::Unchecked : Qt::Checked);
    }
    updateButtons();
}

void CompareView::setReaders(int readers) {
    readers_->setValue(readers);
}

void CompareView::setReplicates(int replicates) {
    replicates_->setValue(replicates);
}

void CompareView::compareChecked() {
    std::vector<int> runs;
    for (int i = 0; i < runList_->count(); ++i)
        if (runList_->item(i)->checkState() == Qt::Checked)
            runs.push_back(runList_->item(i)->data(Qt::UserRole).toInt());
    compareRuns(runs);
}

void CompareView::compareRuns(const std::vector<int>& runs) {
    const std::shared_ptr<const Dataset> dataset = workspace_->dataset();
    std::vector<RunToCompare> chosen;
    for (int run : runs)
        if (const auto trained = workspace_->runs()->finished(run))
            chosen.push_back(
                {run, workspace_->runs()->label(run), trained->model, trained->metadata});
    if (!dataset || chosen.empty()) {
        status_->setText(tr("Nothing to compare: train or load a model first."));
        return;
    }
    ProtocolConfig config;
    config.data.maxReaders = readers_->value();
    config.bootstrap.replicates = replicates_->value();
    status_->setText(tr("Evaluating %n run(s) ...", nullptr, static_cast<int>(chosen.size())));
    progress_->setValue(0);
    progress_->show();
    CompareView* view = this;
    task_.start([dataset, chosen, config, view](const TaskContext& context) {
        RunComparison comparison;
        std::vector<ComparedRun>& results = comparison.runs;
        const std::uint64_t fingerprint = datasetFingerprint(*dataset);
        const auto count = static_cast<double>(chosen.size());
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const RunToCompare& run = chosen[i];
            if (run.metadata.datasetFingerprint != fingerprint)
                throw std::runtime_error(run.label.toStdString() +
                                         " was trained on another data set ('" +
                                         run.metadata.datasetName + "'): load it with that one");
            const QString label = run.label;
            const double done = static_cast<double>(i);
            // Posted calls run on the GUI thread only while this job is the view's current one.
            auto progress = [&context, label, done, count, view](const ProgressUpdate& update) {
                const int permille = static_cast<int>(1000.0 * (done + update.fraction) / count);
                const QString stage = QString::fromStdString(update.stage);
                context.post([view, permille, stage, label] {
                    view->progress_->setValue(permille);
                    view->status_->setText(QStringLiteral("%1: %2 ...").arg(label, stage));
                });
            };
            results.push_back({run.run, run.label,
                               evaluateProtocol(*dataset, *run.model, run.metadata, config,
                                                progress, context.cancel())});
        }
        comparison.summary = summarizeComparison(asCompared(results), context.cancel());
        return comparison;
    });
    updateButtons();
}

void CompareView::stop() {
    task_.cancel();
}

QString CompareView::reason() const {
    return reason_->text();
}

QString CompareView::note() const {
    return note_->text();
}

void CompareView::showComparison(RunComparison comparison) {
    compared_ = std::move(comparison);
    const std::vector<ComparedRun>& runs = compared_.runs;
    const ComparisonSummary& summary = compared_.summary;
    const std::vector<ComparedModel> models = asCompared(runs);
    table_->clear();
    const std::vector<ProtocolFigure> header =
        runs.empty() ? std::vector<ProtocolFigure>{} : protocolFigures(runs[0].result);
    const int k = runs.empty() ? RankingConfig{}.k : runs[0].result.k;
    QStringList columns = {tr("Run"), tr("Split"), tr("Readers"), tr("Validation NDCG"),
                           QString::fromStdString(differenceLabel(k))};
    const int firstFigure = static_cast<int>(columns.size());
    for (const ProtocolFigure& f : header)
        columns << QString::fromStdString(f.label);
    table_->setColumnCount(static_cast<int>(columns.size()));
    table_->setHorizontalHeaderLabels(columns);
    table_->setRowCount(static_cast<int>(runs.size()));
    QStringList names;
    std::vector<IntervalPanel> panels(header.size());
    for (std::size_t p = 0; p < header.size(); ++p) {
        panels[p].title = QString::fromStdString(header[p].label);
        if (header[p].key == "mean_popularity")
            panels[p].title += tr(" (bias: lower discovers)");
        else if (!header[p].hasInterval)
            panels[p].title += tr(" (no interval)");
        else if (!header[p].higherIsBetter)
            panels[p].title += tr(" (lower is better)");
        panels[p].higherIsBetter = header[p].higherIsBetter;
        panels[p].hasIntervals = header[p].hasInterval;
        // Rating errors differ by thousandths between good models: an axis from 0 hides that.
        panels[p].fromZero = header[p].key != "rmse" && header[p].key != "mae";
        panels[p].decimals = header[p].decimals;
    }
    for (std::size_t row = 0; row < runs.size(); ++row) {
        const ComparedRun& run = runs[row];
        names << run.label;
        auto set = [&](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            if (column > 1)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(static_cast<int>(row), column, item);
            return item;
        };
        set(0, run.label)->setForeground(IntervalChart::colour(static_cast<int>(row)));
        set(1, QString::fromStdString(run.result.splitName));
        set(2, QLocale().toString(static_cast<qlonglong>(run.result.ranking.readers)));
        set(3, QString::number(run.result.validation.ndcg, 'f', 4));
        const SplitGroup& split = summary.splits[static_cast<std::size_t>(summary.splitOf[row])];
        const DifferenceToBest& d = summary.toBest[row];
        const QString bestName = runs[static_cast<std::size_t>(split.best)].label;
        if (split.best == static_cast<int>(row))
            set(4, tr("best"))
                ->setToolTip(tr("The best NDCG@%1 on the validation readers of the %2 split")
                                 .arg(k)
                                 .arg(QString::fromStdString(split.name)));
        else if (!d.available)
            set(4, QStringLiteral("-"))
                ->setToolTip(tr("Not evaluated on the same readers as %1").arg(bestName));
        else
            set(4, QStringLiteral("%1 [%2, %3]")
                       .arg(d.value, 0, 'f', 4)
                       .arg(d.interval.low, 0, 'f', 4)
                       .arg(d.interval.high, 0, 'f', 4))
                ->setToolTip(tr("NDCG@%1 minus %2's over the same readers, with a paired 95% "
                                "interval: an interval holding 0 is no clear difference")
                                 .arg(k)
                                 .arg(bestName));
        const std::vector<ProtocolFigure> figures = protocolFigures(run.result);
        for (std::size_t f = 0; f < figures.size(); ++f) {
            QTableWidgetItem* item =
                set(firstFigure + static_cast<int>(f), intervalText(figures[f]));
            if (!figures[f].hasInterval)
                item->setToolTip(QString::fromUtf8(kNoCoverageInterval));
            const double nan = std::numeric_limits<double>::quiet_NaN();
            panels[f].values.push_back(figures[f].available ? figures[f].value : nan);
            panels[f].lows.push_back(figures[f].interval.low);
            panels[f].highs.push_back(figures[f].interval.high);
        }
    }
    chart_->setPanels(names, std::move(panels));
    bestRun_ =
        summary.defaultModel < 0 ? 0 : runs[static_cast<std::size_t>(summary.defaultModel)].run;
    const QString why = QString::fromStdString(defaultReason(models, summary));
    if (bestRun_ > 0) {
        workspace_->setDefaultRun(bestRun_, why);
        status_->setText(tr("Compared %n run(s).", nullptr, static_cast<int>(runs.size())));
    }
    reason_->setText(why);
    reason_->setVisible(!why.isEmpty());
    if (!runs.empty()) {
        const BootstrapConfig& bootstrap = runs.front().result.bootstrap;
        note_->setText(tr("Figures over all evaluated readers; [low, high]: %1% percentile "
                          "bootstrap over readers, %2 replicates, seed %3. %4: the run's NDCG@%5 "
                          "minus its split's best, over the same readers, with a paired interval "
                          "from the same replicates. %6")
                           .arg(100.0 * bootstrap.level, 0, 'f', 0)
                           .arg(QLocale().toString(bootstrap.replicates))
                           .arg(bootstrap.seed)
                           .arg(QString::fromStdString(differenceLabel(k)))
                           .arg(k)
                           .arg(QString::fromUtf8(kNoCoverageInterval)));
    }
    note_->setVisible(!runs.empty());
    updateButtons();
}

void CompareView::updateButtons() {
    const bool running = task_.isRunning();
    bool anyTicked = false;
    for (int i = 0; i < runList_->count(); ++i)
        anyTicked = anyTicked || runList_->item(i)->checkState() == Qt::Checked;
    compare_->setEnabled(!running && anyTicked);
    stop_->setEnabled(running);
    for (QPushButton* button : {exportCsv_, exportPng_, exportSvg_})
        button->setEnabled(!compared_.runs.empty());
}

bool CompareView::exportCsv(const QString& path, QString* error) const {
    const std::string csv = comparisonCsv(asCompared(compared_.runs), compared_.summary);
    return writeFileAtomically(path, QByteArray::fromStdString(csv), error);
}

bool CompareView::exportImage(const QString& path, QString* error) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = chart_->size().isEmpty() ? chart_->sizeHint() : chart_->size();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        chart_->paintAll(painter, size);
        painter.end();
        if (!image.save(&buffer, "PNG")) {
            *error = tr("Could not render the charts as PNG.");
            return false;
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(tr("Shelfscope: run comparison"));
        QPainter painter(&generator);
        chart_->paintAll(painter, size);
    } else {
        *error = tr("%1: give a file name ending in .png or .svg").arg(path);
        return false;
    }
    return writeFileAtomically(path, bytes, error); // whole or absent
}

void CompareView::askAndExport(const QString& title, const QString& filter, const QString& suffix) {
    askForPath(this, title, filter, suffix, QFileDialog::AcceptSave, [this](const QString& path) {
        QString error;
        const bool written = QFileInfo(path).suffix().toLower() == QLatin1String("csv")
                                 ? exportCsv(path, &error)
                                 : exportImage(path, &error);
        if (!written)
            showError(this, tr("Could not export"), error);
        else
            status_->setText(tr("Wrote %1").arg(path));
    });
}

} // namespace shelfscope::ui
