// ranking-dot (BPR on a biased dot model) in the app, end to end: offered in the form, which
// fills BPR's own settings; trained on the worker with its loss charted and a working Stop; its
// run listed, saved and reloaded with the same settings, mapped, and recommending on the
// Readers tab.

#include "HyperparameterForm.h"
#include "LossChart.h"
#include "MapPane.h"
#include "MapPanel.h"
#include "MapView.h"
#include "PredictionQualityView.h"
#include "ReadersPanel.h"
#include "RecommendationsPane.h"
#include "RunRecommendations.h"
#include "TrainWindowFixture.h"
#include "config/OptionTable.h"
#include "model/Model.h"
#include "recommend/Recommender.h"
#include "train/Presets.h"

#include <QAbstractAxis>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cmath>

using namespace shelfscope;
using namespace shelfscope::ui;
using train_test::clickTrainAndWait;
using train_test::openDemo;
using train_test::runsCell;
using train_test::runsRows;

namespace {

const QString kRankingDot = QStringLiteral("ranking-dot");

const Preset& rankingDot() {
    return *findPreset("ranking-dot");
}

/// Chooses a preset in the form; false when the form does not offer it.
bool choosePreset(HyperparameterForm* form, const QString& name) {
    const int index = form->presetBox()->findText(name);
    if (index < 0)
        return false;
    form->presetBox()->setCurrentIndex(index);
    return true;
}

/// Sets a numeric field of the form, found by its object name.
bool setField(HyperparameterForm* form, const QString& name, double value) {
    if (auto* box = form->findChild<QSpinBox*>(name)) {
        box->setValue(static_cast<int>(value));
        return box->value() == static_cast<int>(value);
    }
    if (auto* box = form->findChild<QDoubleSpinBox*>(name)) {
        box->setValue(value);
        return box->value() == value;
    }
    return false;
}

/// A setting of an experiment by the name the tests give it.
double setting(const ExperimentConfig& c, const QString& name) {
    if (name == QLatin1String("bpr.epochs"))
        return c.bpr.epochs;
    if (name == QLatin1String("bpr.learningRate"))
        return c.bpr.learningRate;
    if (name == QLatin1String("bpr.l2"))
        return c.bpr.l2;
    if (name == QLatin1String("bpr.seed"))
        return static_cast<double>(c.bpr.seed);
    if (name == QLatin1String("initSeed"))
        return static_cast<double>(c.initSeed);
    if (name == QLatin1String("model.dim"))
        return c.model.dim;
    if (name == QLatin1String("model.embeddingInitScale"))
        return c.model.embeddingInitScale;
    throw std::logic_error("no setting " + name.toStdString());
}

/// The books of a list, in order.
std::vector<std::int32_t> bookIds(const RecommendResult& result) {
    std::vector<std::int32_t> ids;
    for (const Recommendation& r : result.items)
        ids.push_back(r.book.id);
    return ids;
}

/// The demo library's first reader (in row order).
std::int32_t firstReader(const MainWindow& window) {
    return window.workspace()->dataset()->ratings.users.rawId(0);
}

} // namespace

class TestRankingDot : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // Every test starts from a first start: no settings from the one before.
    void init() { QSettings().clear(); }

    void everyPresetIsOffered_data() {
        QTest::addColumn<QString>("preset");
        for (const Preset& preset : presets())
            QTest::newRow(preset.name.c_str()) << QString::fromStdString(preset.name);
    }

    void everyPresetIsOffered() {
        QFETCH(QString, preset);
        HyperparameterForm form;
        QVERIFY2(choosePreset(&form, preset), qPrintable(preset));
        QCOMPARE(form.presetName(), preset);
    }

    void theUntouchedFormTrainsWhatTheCliTrains_data() {
        QTest::addColumn<QString>("preset");
        for (const Preset& preset : presets())
            QTest::newRow(preset.name.c_str()) << QString::fromStdString(preset.name);
    }

    // A preset chosen and left alone gives the settings `shelfscope-cli train --preset NAME`
    // trains with: every option the table maps reads the same from both.
    void theUntouchedFormTrainsWhatTheCliTrains() {
        QFETCH(QString, preset);
        HyperparameterForm form;
        QVERIFY(choosePreset(&form, preset));
        const std::optional<ExperimentConfig> config = form.config();
        QVERIFY2(config.has_value(), qPrintable(form.lastError()));
        const ExperimentConfig& cli = findPreset(preset.toStdString())->config;
        for (const OptionDef* o : optionsOf(CliCommand::Train))
            if (o->get)
                QVERIFY2(o->get(*config) == o->get(cli),
                         qPrintable(QStringLiteral("--%1: the form gives %2, the preset %3")
                                        .arg(QString::fromStdString(o->name))
                                        .arg(o->get(*config))
                                        .arg(o->get(cli))));
        QCOMPARE(config->objective, cli.objective);
        QCOMPARE(config->bpr.seed, cli.bpr.seed);
        QCOMPARE(config->popularityBlend, cli.popularityBlend);
    }

    void formFieldsFillBprsOwnSettings_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QStringList>("settings"); // where the value must arrive
        QTest::newRow("epochs") << "epochs" << 4.0 << QStringList{"bpr.epochs"};
        QTest::newRow("learning rate") << "learningRate" << 0.02 << QStringList{"bpr.learningRate"};
        QTest::newRow("l2") << "l2" << 0.005 << QStringList{"bpr.l2"};
        QTest::newRow("seed") << "seed" << 7.0 << QStringList{"bpr.seed", "initSeed"};
        QTest::newRow("dimension") << "dim" << 16.0 << QStringList{"model.dim"};
        QTest::newRow("init scale")
            << "initScale" << 0.05 << QStringList{"model.embeddingInitScale"};
    }

    // The shared fields reach BPR's own settings (BprConfig); the rating trainer's, which BPR
    // never reads, keep the preset's values, as on the command line.
    void formFieldsFillBprsOwnSettings() {
        QFETCH(QString, field);
        QFETCH(double, value);
        QFETCH(QStringList, settings);
        HyperparameterForm form;
        QVERIFY(choosePreset(&form, kRankingDot));
        QVERIFY2(setField(&form, field, value), qPrintable(field));
        const std::optional<ExperimentConfig> config = form.config();
        QVERIFY2(config.has_value(), qPrintable(form.lastError()));
        QCOMPARE(config->objective, TrainObjective::Ranking);
        for (const QString& name : settings)
            QVERIFY2(std::abs(setting(*config, name) - value) <= 1e-6 * std::abs(value),
                     qPrintable(QStringLiteral("%1 is %2").arg(name).arg(setting(*config, name))));
        const TrainConfig& preset = rankingDot().config.train;
        QCOMPARE(config->train.epochs, preset.epochs);
        QCOMPARE(config->train.batchSize, preset.batchSize);
        QCOMPARE(config->train.optimizer, preset.optimizer);
        QCOMPARE(config->train.adam.learningRate, preset.adam.learningRate);
        QCOMPARE(config->train.sgdLearningRate, preset.sgdLearningRate);
        QCOMPARE(config->train.l2, preset.l2);
        QCOMPARE(config->model.kind, ModelKind::Dot);
        QVERIFY(config->model.biases);
    }

    void fieldsSayWhetherBprReadsThem_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("used");
        QTest::addColumn<QString>("tip"); // what the tooltip says of BPR, when anything
        for (const char* name : {"epochs", "learningRate", "l2", "seed"})
            QTest::newRow(name) << name << true << "BPR's";
        for (const char* name : {"dim", "initScale", "indexing", "split", "dropRepeats"})
            QTest::newRow(name) << name << true << "";
        for (const char* name : {"kind", "biases"})
            QTest::newRow(name) << name << false << "dot model with biases by BPR";
        for (const char* name : {"optimizer", "beta1", "beta2", "epsilon"})
            QTest::newRow(name) << name << false << "plain SGD";
        QTest::newRow("batch") << "batch" << false << "once per training pair";
        QTest::newRow("threads") << "threads" << false << "one thread";
        QTest::newRow("earlyStop") << "earlyStop" << false << "no validation ratings";
        QTest::newRow("validation") << "validation" << false << "no validation ratings";
        QTest::newRow("clip") << "clip" << false << "no stars to clip";
        QTest::newRow("hidden") << "hidden" << false << "";
        QTest::newRow("alsAlpha") << "alsAlpha" << false << "";
        QTest::newRow("warmStart") << "warmStart" << false << "";
    }

    // A field BPR does not read is off, its tooltip saying why; one it reads as its own says so.
    // Another preset afterwards brings the fields and their own tooltips back.
    void fieldsSayWhetherBprReadsThem() {
        QFETCH(QString, field);
        QFETCH(bool, used);
        QFETCH(QString, tip);
        HyperparameterForm form;
        QVERIFY(choosePreset(&form, QStringLiteral("notebook-nn")));
        QWidget* widget = form.findChild<QWidget*>(field);
        QVERIFY2(widget != nullptr, qPrintable(field));
        // The field's own tooltip, without what the form adds after a blank line.
        const QString ownTip = widget->toolTip().section(QStringLiteral("\n\n"), 0, 0);
        const bool usedByNotebookNn = widget->isEnabled();
        QVERIFY(choosePreset(&form, kRankingDot));
        QCOMPARE(widget->isEnabled(), used);
        const QString shown = widget->toolTip();
        QVERIFY2(shown.startsWith(ownTip), qPrintable(shown));
        QCOMPARE(shown.contains(QStringLiteral("Not used here")), !used);
        if (!tip.isEmpty())
            QVERIFY2(shown.contains(tip), qPrintable(shown));
        else if (used) // read by BPR as by every trainer: its own tooltip, nothing added
            QCOMPARE(shown, ownTip);
        QVERIFY(choosePreset(&form, QStringLiteral("notebook-nn")));
        QCOMPARE(widget->isEnabled(), usedByNotebookNn);
        if (usedByNotebookNn)
            QCOMPARE(widget->toolTip(), ownTip);
    }

    // BPR trains on the worker like the others: progress in training pairs, its loss charted
    // without test MSE or rating baselines, a runs-table row without rating errors.
    void trainsAndChartsItsLoss() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QVERIFY(choosePreset(panel->form(), kRankingDot));
        QVERIFY(setField(panel->form(), QStringLiteral("epochs"), 3));
        QVERIFY(setField(panel->form(), QStringLiteral("learningRate"), 0.03));
        QStringList statuses;
        connect(panel->controller(), &TrainingController::progressed, this,
                [&] { statuses << panel->statusLabel()->text(); });
        const std::optional<TrainingRun> run = clickTrainAndWait(panel);
        QVERIFY(run);
        QCOMPARE(run->result.outcome, TrainOutcome::Finished);
        QCOMPARE(run->config.objective, TrainObjective::Ranking);
        QCOMPARE(run->config.bpr.epochs, 3);
        QCOMPARE(run->config.bpr.learningRate, 0.03f);
        QCOMPARE(run->result.epochs.size(), std::size_t{3});
        for (const EpochReport& epoch : run->result.epochs) {
            QVERIFY(std::isfinite(epoch.trainLoss) && epoch.trainLoss > 0.0);
            QCOMPARE(epoch.test.count, std::int64_t{0}); // a ranking model predicts no ratings
        }
        QVERIFY(!statuses.isEmpty());
        QVERIFY2(statuses.front().contains(QStringLiteral("pairs/s")),
                 qPrintable(statuses.front()));

        LossChart* chart = panel->chart();
        QVERIFY(chart->runningLossPoints(run->run) >= 3);
        QCOMPARE(chart->testMsePoints(run->run), 0);
        const QString title = chart->chart()->title();
        QVERIFY2(title.contains(QStringLiteral("BPR")), qPrintable(title));
        QVERIFY2(!title.contains(QStringLiteral("squared")), qPrintable(title)); // no MSE here
        QCOMPARE(chart->chart()->axes(Qt::Vertical).front()->titleText(), QStringLiteral("loss"));
        for (QAbstractSeries* series : chart->chart()->series())
            QVERIFY2(!series->name().contains(QStringLiteral("baseline")),
                     qPrintable(series->name()));
        for (QLegendMarker* marker : chart->chart()->legend()->markers())
            if (marker->label().startsWith(QStringLiteral("#%1 ").arg(run->run)))
                QCOMPARE(marker->isVisible(), marker->label().endsWith(QStringLiteral("loss")));

        QCOMPARE(runsRows(*window), 1);
        QCOMPARE(runsCell(*window, 0, RunsModel::StateColumn), QStringLiteral("finished"));
        QCOMPARE(runsCell(*window, 0, RunsModel::EpochsColumn), QStringLiteral("3/3"));
        QVERIFY(runsCell(*window, 0, RunsModel::MseColumn).isEmpty());
        QVERIFY(runsCell(*window, 0, RunsModel::RmseColumn).isEmpty());
        const QString settings = runsCell(*window, 0, RunsModel::SettingsColumn);
        QVERIFY2(settings.contains(QStringLiteral("ranking (BPR), SGD 0.03")),
                 qPrintable(settings));
        QVERIFY2(settings.contains(QStringLiteral("3 epochs")), qPrintable(settings));
        QCOMPARE(window->workspace()->activeRun(), run->run);
        QVERIFY(!panel->predictions()->chartsShown()); // it says why instead
    }

    // Stop ends the run within the epoch and keeps the weights reached, as the rating trainers
    // do; the stopped run is a model like any other.
    void stopKeepsTheWeightsReached() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QVERIFY(choosePreset(panel->form(), kRankingDot)); // 30 epochs
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(progressed.wait(test::timeLimitMs(30000)));
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(finished.wait(test::timeLimitMs(10000)));
        const TrainingRun run = finished.at(0).at(0).value<TrainingRun>();
        QCOMPARE(run.result.outcome, TrainOutcome::Cancelled);
        QVERIFY(run.result.epochs.size() < std::size_t{30});
        // Within an epoch, after some of its pairs: "stopped in epoch E at block N of M".
        const QRegularExpression stopped(
            QStringLiteral("^stopped in epoch (\\d+) at batch (\\d+) of (\\d+)$"));
        const QRegularExpressionMatch where =
            stopped.match(QString::fromStdString(run.result.message));
        QVERIFY2(where.hasMatch(), run.result.message.c_str());
        QVERIFY(where.captured(2).toInt() < where.captured(3).toInt());
        QVERIFY(where.captured(1).toInt() > 1 || where.captured(2).toInt() > 0);
        // The weights reached, not the starting ones: the same model made afresh differs.
        QVERIFY(run.model && run.model->hasEmbeddings());
        const auto fresh = createModel(run.config.model, run.model->userRows(),
                                       run.model->bookRows(), run.config.initSeed);
        const auto fresh2 = createModel(run.config.model, run.model->userRows(),
                                        run.model->bookRows(), run.config.initSeed);
        QCOMPARE(fresh->parameters()[1].values, fresh2->parameters()[1].values);
        QVERIFY(fresh->parameters()[1].values != run.model->parameters()[1].values);
        QCOMPARE(runsCell(*window, 0, RunsModel::StateColumn), QStringLiteral("stopped"));
        RunsModel* runs = window->workspace()->runs();
        QVERIFY(runs->data(runs->index(0, RunsModel::StateColumn), Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("stopped")));
        QCOMPARE(window->workspace()->activeRun(), run.run);
        QVERIFY(panel->trainButton()->isEnabled());
        QVERIFY(!panel->stopButton()->isEnabled());
    }

    // The Readers tab lists the run's books for a reader: the engine's own list for them.
    void readersTabListsItsBooks() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QVERIFY(choosePreset(panel->form(), kRankingDot));
        QVERIFY(setField(panel->form(), QStringLiteral("epochs"), 3));
        const std::optional<TrainingRun> run = clickTrainAndWait(panel);
        QVERIFY(run);
        window->showTab(MainWindow::ReadersTab);
        const std::int32_t reader = firstReader(*window);
        window->workspace()->selectReader(reader);
        RecommendationsPane* pane = window->readersPanel()->recommendations();
        QVERIFY(QTest::qWaitFor([&] { return pane->isSettled(); }, test::timeLimitMs(30000)));
        QCOMPARE(pane->firstRun(), run->run);
        const std::optional<ListOutcome>& shown = pane->first()->outcome();
        QVERIFY2(shown.has_value(), qPrintable(pane->first()->message()));
        QCOMPARE(shown->result.items.size(), std::size_t{10});
        const Recommender engine(*run->model, run->metadata, *window->workspace()->dataset(),
                                 window->workspace()->shelves());
        QVERIFY(engine.ranksBooks());
        QCOMPARE(bookIds(shown->result), bookIds(engine.forReader(reader, pane->config())));
    }

    // Its book embeddings make a map of every book.
    void mapDrawsItsBooks() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QVERIFY(choosePreset(panel->form(), kRankingDot));
        QVERIFY(setField(panel->form(), QStringLiteral("epochs"), 2));
        const std::optional<TrainingRun> run = clickTrainAndWait(panel);
        QVERIFY(run);
        MapPanel* map = window->mapPanel();
        map->methodBox()->setCurrentText(QStringLiteral("PCA"));
        QSignalSpy ready(map, &MapPanel::mapsReady);
        window->showTab(MainWindow::MapTab);
        QVERIFY(map->draw());
        QVERIFY(ready.count() > 0 || ready.wait(test::timeLimitMs(60000)));
        const int books = static_cast<int>(window->workspace()->dataset()->ratings.books.size());
        QCOMPARE(map->pane(0)->view()->pointCount(), books);
        QVERIFY2(map->pane(0)->status()->text().contains(QStringLiteral("PCA")),
                 qPrintable(map->pane(0)->status()->text()));
    }

    void aSavedRunReloadsWithItsSettings_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("shown"); // in the runs table's settings
        QTest::newRow("learning rate") << "learningRate" << 0.02 << "SGD 0.02";
        QTest::newRow("l2") << "l2" << 0.005 << "L2 0.005";
        QTest::newRow("epochs") << "epochs" << 1.0 << "1 epochs";
        QTest::newRow("dimension") << "dim" << 16.0 << "d=16";
        QTest::newRow("seed") << "seed" << 7.0 << ""; // not in the table's text: checked below
    }

    // Saved from the runs table and loaded back (the File menu's jobs), the run shows the
    // settings it was trained with and ranks the same books.
    void aSavedRunReloadsWithItsSettings() {
        QFETCH(QString, field);
        QFETCH(double, value);
        QFETCH(QString, shown);
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QVERIFY(choosePreset(panel->form(), kRankingDot));
        QVERIFY(setField(panel->form(), QStringLiteral("epochs"), 2));
        QVERIFY(setField(panel->form(), field, value));
        const std::optional<TrainingRun> trained = clickTrainAndWait(panel);
        QVERIFY(trained);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ranking.ssm"));
        QSignalSpy saved(panel->fileJobs(), &ModelFileJobs::saved);
        panel->saveRunModel(trained->run, path);
        QVERIFY(saved.wait(test::timeLimitMs(10000)));
        QSignalSpy loaded(panel->fileJobs(), &ModelFileJobs::loaded);
        panel->loadModelFile(path);
        QVERIFY(loaded.wait(test::timeLimitMs(10000)));
        const TrainingRun reloaded = loaded.at(0).at(0).value<TrainingRun>();
        QCOMPARE(runsRows(*window), 2);
        const QString settings = runsCell(*window, 0, RunsModel::SettingsColumn);
        QVERIFY2(settings.contains(shown), qPrintable(settings));
        QCOMPARE(runsCell(*window, 1, RunsModel::SettingsColumn), settings);
        QCOMPARE(reloaded.config.objective, TrainObjective::Ranking);
        QCOMPARE(reloaded.config.bpr.epochs, trained->config.bpr.epochs);
        QCOMPARE(reloaded.config.bpr.learningRate, trained->config.bpr.learningRate);
        QCOMPARE(reloaded.config.bpr.l2, trained->config.bpr.l2);
        QCOMPARE(reloaded.config.bpr.seed, trained->config.bpr.seed);
        if (field == QLatin1String("seed"))
            QCOMPARE(trained->config.bpr.seed, static_cast<std::uint64_t>(value));
        QCOMPARE(reloaded.config.popularityBlend, trained->config.popularityBlend);
        const Dataset& dataset = *window->workspace()->dataset();
        const std::int32_t reader = firstReader(*window);
        QCOMPARE(
            bookIds(Recommender(*reloaded.model, reloaded.metadata, dataset).forReader(reader)),
            bookIds(Recommender(*trained->model, trained->metadata, dataset).forReader(reader)));
    }

    // The form comes back after a restart with ranking-dot and the BPR settings the user gave.
    void itsSettingsSurviveARestart() {
        {
            auto window = openDemo();
            QVERIFY(window);
            HyperparameterForm* form = window->trainPanel()->form();
            QVERIFY(choosePreset(form, kRankingDot));
            QVERIFY(setField(form, QStringLiteral("learningRate"), 0.02));
            QVERIFY(setField(form, QStringLiteral("l2"), 0.004));
            window->close(); // as the user quits
        }
        MainWindow window;
        HyperparameterForm* form = window.trainPanel()->form();
        QCOMPARE(form->presetName(), kRankingDot);
        const std::optional<ExperimentConfig> config = form->config();
        QVERIFY2(config.has_value(), qPrintable(form->lastError()));
        QCOMPARE(config->bpr.learningRate, 0.02f);
        QCOMPARE(config->bpr.l2, 0.004f);
        QCOMPARE(config->bpr.epochs, rankingDot().config.bpr.epochs);
        QVERIFY(!form->findChild<QWidget*>(QStringLiteral("batch"))->isEnabled());
    }
};

QTEST_MAIN(TestRankingDot)
#include "tst_rankingdot.moc"
