#include "BarChart.h"
#include "HyperparameterForm.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "PredictionQualityView.h"
#include "RunsPanel.h"
#include "SanitizerBuild.h"
#include "TrainPanel.h"
#include "TrainWindowFixture.h"
#include "Workspace.h"
#include "model/ModelFile.h"
#include "recommend/Recommender.h"
#include "train/Presets.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <ctime>
#include <fstream>
#include <optional>

using namespace shelfscope;
using namespace shelfscope::ui;
using train_test::clickTrainAndWait;
using train_test::openDemo;
using train_test::runsCell;
using train_test::runsRows;

namespace {

/// CPU time the calling thread has used, in milliseconds.
double threadCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// CPU time all threads of the process have used, in milliseconds.
double processCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// Time the calling thread has spent runnable but waiting for a core, in milliseconds (the
/// kernel's schedstat); 0 where the kernel does not report it.
double threadRunQueueMilliseconds() {
    std::ifstream schedstat("/proc/thread-self/schedstat");
    unsigned long long running = 0;
    unsigned long long waiting = 0;
    if (!(schedstat >> running >> waiting))
        return 0.0;
    return static_cast<double>(waiting) / 1e6;
}

} // namespace

class TestTrainPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // Every test starts from a first start: no settings from the one before.
    void init() { QSettings().clear(); }

    void trainButtonTrainsAndPlotsEveryEpoch() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QVERIFY(panel->trainButton()->isEnabled());
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(!panel->trainButton()->isEnabled());
        QVERIFY(panel->stopButton()->isEnabled());
        QVERIFY(finished.wait(test::timeLimitMs(60000)));
        const TrainingRun run = finished.at(0).at(0).value<TrainingRun>();
        QCOMPARE(run.result.outcome, TrainOutcome::Finished);
        QCOMPARE(run.result.epochs.size(), std::size_t{5}); // the notebook-dot preset
        QCOMPARE(panel->chart()->testMsePoints(run.run), 5);
        QVERIFY(panel->chart()->runningLossPoints(run.run) >= 5);
        QVERIFY(progressed.count() >= 5);
        // The table shows what the engine computed.
        QCOMPARE(runsRows(*window), 1);
        QCOMPARE(panel->runsTable()->model()->rowCount(), 1);
        QCOMPARE(runsCell(*window, 0, RunsModel::MseColumn),
                 QLocale(QLocale::English).toString(run.result.test.mse, 'f', 4));
        QCOMPARE(runsCell(*window, 0, RunsModel::StateColumn), QStringLiteral("finished"));
        QVERIFY(panel->trainButton()->isEnabled());
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("train.png"));
        QVERIFY(window->grab().save(shot));
        QVERIFY(QFileInfo(shot).size() > 10000);
    }

    void guiStaysResponsiveWhileTraining() {
        // A goodbooks-sized library: 53,424 readers, 10,000 books, 981,756 ratings.
        DemoConfig config;
        config.users = 53424;
        config.books = 10000;
        config.ratings = 981756;
        config.genres = 20;
        auto window = openDemo(config);
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        // A timer probe: how late does the event loop serve a 5 ms timer while training runs,
        // not counting the time this thread waited for a core (other programs' doing: ctest
        // runs suites in parallel), and how much CPU time does the GUI thread itself spend
        // between two of its ticks?
        QElapsedTimer clock;
        double last = 0.0;
        double worstGap = 0.0;
        double lastWall = 0.0;
        double worstWallGap = 0.0;
        double lastCpu = threadCpuMilliseconds();
        double worstCpu = 0.0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const double wall = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            const double now = wall - threadRunQueueMilliseconds();
            worstGap = std::max(worstGap, now - last);
            worstWallGap = std::max(worstWallGap, wall - lastWall);
            last = now;
            lastWall = wall;
            const double cpu = threadCpuMilliseconds();
            worstCpu = std::max(worstCpu, cpu - lastCpu);
            lastCpu = cpu;
        });
        const double processBefore = processCpuMilliseconds();
        const double guiBefore = threadCpuMilliseconds();
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        clock.start();
        last = -threadRunQueueMilliseconds();
        probe.start();
        QVERIFY(finished.wait(test::timeLimitMs(60000)));
        probe.stop();
        const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        const double workerSeconds =
            ((processCpuMilliseconds() - processBefore) - (threadCpuMilliseconds() - guiBefore)) /
            1000.0;
        qInfo("worst event-loop gap %.1f ms without waits for a core, %.1f ms on the wall clock "
              "(GUI thread busy %.1f ms of it); %lld chart updates in %.2f s, %.2f s of CPU time "
              "on other threads",
              worstGap, worstWallGap, worstCpu, static_cast<long long>(progressed.count()), seconds,
              workerSeconds);
        // Work on the GUI thread shows as CPU time between ticks, whatever else the machine
        // runs; waiting on a worker would stall the loop for the whole run (seconds).
        QVERIFY2(
            worstCpu <= test::cpuLimitMs(50.0),
            qPrintable(QStringLiteral("the GUI thread worked %1 ms at a stretch").arg(worstCpu)));
        QVERIFY2(worstGap <= 1000,
                 qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(worstGap)));
        // Each progress report adds a point to the chart and repaints it: at least 5 for each
        // second the training computed. Per second of its CPU time, not of the wall clock: the
        // engine reports every 0.05 s when it gets to check (every 64 batches), so a worker
        // starved by other programs reports less often by the wall clock (5.1 a second with
        // two busy loops and another build on the 2 cores).
        QVERIFY2(progressed.count() >= 5 * workerSeconds,
                 qPrintable(QStringLiteral("%1 updates in %2 s of training")
                                .arg(progressed.count())
                                .arg(workerSeconds)));
    }

    void stopEndsTheRunEarly() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-nn")); // many slow epochs
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(progressed.wait(test::timeLimitMs(30000)));
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(finished.wait(test::timeLimitMs(10000)));
        const TrainingRun run = finished.at(0).at(0).value<TrainingRun>();
        QCOMPARE(run.result.outcome, TrainOutcome::Cancelled);
        QVERIFY(run.result.epochs.size() < 26);
        QCOMPARE(runsCell(*window, 0, RunsModel::StateColumn), QStringLiteral("stopped"));
    }

    // An item-item fit stopped half-way has no model: the run ends as stopped, without a
    // model, with a sentence saying why, in the message line's plain style (no error).
    void stoppingAnItemItemFitSaysItHasNoPartialModel() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("ease"));
        QCOMPARE(panel->presetBox()->currentText(), QStringLiteral("ease"));
        QSignalSpy stopped(panel->controller(), &TrainingController::stopped);
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QSignalSpy failed(panel->controller(), &TrainingController::failed);
        // Stopped as soon as it starts, so the fit sees the flag at its first look whatever the
        // machine's speed (the demo's fit takes a fraction of a second).
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(stopped.wait(test::timeLimitMs(30000)));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 0);
        const int run = stopped.at(0).at(0).toInt();
        QCOMPARE(runsCell(*window, 0, RunsModel::StateColumn), QStringLiteral("stopped"));
        QVERIFY(!window->workspace()->runs()->finished(run)); // no model
        const QString message = panel->messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("no partial model")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("ease")));
        QVERIFY(panel->messageLabel()->styleSheet().isEmpty()); // not the error style
        RunsModel* runs = window->workspace()->runs();
        QCOMPARE(runs->data(runs->index(0, RunsModel::StateColumn), Qt::ToolTipRole).toString(),
                 message);
        QVERIFY(panel->trainButton()->isEnabled());
        QVERIFY(!panel->stopButton()->isEnabled());
    }

    void invalidHyperparametersAreRefused() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("notebook-nn"));
        panel->hiddenEdit()->setText(QStringLiteral("128,,32"));
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(panel->messageLabel()->text().contains(QStringLiteral("Hidden layers")));
        QVERIFY(!panel->controller()->isRunning());
        QCOMPARE(runsRows(*window), 0);
        QVERIFY(!finished.wait(200));
    }

    void wrongCombinationsAreRefusedNextToTheField_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("problem");
        QTest::newRow("beta1 above sqrt(beta2)") << "beta1"
                                                 << "square root of beta 2";
        QTest::newRow("early stop without validation") << "validation"
                                                       << "validation share";
        QTest::newRow("bad hidden widths") << "hidden"
                                           << "Hidden layers";
    }

    void wrongCombinationsAreRefusedNextToTheField() {
        QFETCH(QString, field);
        QFETCH(QString, problem);
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        HyperparameterForm* form = panel->form();
        panel->presetBox()->setCurrentText(QStringLiteral("notebook-nn"));
        QWidget* culprit = nullptr;
        if (field == QLatin1String("beta1")) {
            form->beta2Box()->setValue(0.5); // sqrt 0.707 < beta1 0.9
            culprit = form->beta1Box();
        } else if (field == QLatin1String("validation")) {
            form->earlyStopBox()->setValue(2);
            form->validationBox()->setValue(0.0);
            culprit = form->validationBox();
        } else {
            form->hiddenEdit()->setText(QStringLiteral("128,0"));
            culprit = form->hiddenEdit();
        }
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY2(form->fieldMessage(culprit).contains(problem),
                 qPrintable(form->fieldMessage(culprit)));
        QVERIFY(!panel->controller()->isRunning());
        QCOMPARE(runsRows(*window), 0);
        // Choosing a preset starts from clean settings: the message goes.
        panel->presetBox()->setCurrentText(QStringLiteral("notebook-dot"));
        QVERIFY(form->fieldMessage(culprit).isEmpty());
    }

    void presetsBringTheirThreadCount() {
        // The form once offered every core whatever the preset; a preset's thread count is
        // what measured fastest both with the machine idle and with another program busy.
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        for (int index = 0; index < panel->presetBox()->count(); ++index) {
            panel->presetBox()->setCurrentIndex(index);
            const Preset* preset = findPreset(panel->presetBox()->currentText().toStdString());
            QVERIFY(preset != nullptr);
            QCOMPARE(panel->form()->config()->train.threads, preset->config.train.threads);
            QCOMPARE(panel->form()->config()->als.threads, preset->config.als.threads);
        }
    }

    void implicitAlsTrainsWithoutStarsOrTestErrors() {
        // ials ranks books: the chart gets its objective per iteration but no test MSE, the
        // runs table no rating errors, and its own fields reach the engine.
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("ials"));
        QCOMPARE(panel->presetBox()->currentText(), QStringLiteral("ials"));
        panel->form()->epochsBox()->setValue(3);
        panel->form()->alphaBox()->setValue(8.5);
        panel->form()->toReadWeightBox()->setValue(0.5);
        QVERIFY(panel->form()->alphaBox()->isEnabled());
        QVERIFY(!panel->form()->kindBox()->isEnabled());
        const std::optional<TrainingRun> run = clickTrainAndWait(panel);
        QVERIFY(run);
        QCOMPARE(run->result.outcome, TrainOutcome::Finished);
        QCOMPARE(run->config.objective, TrainObjective::ImplicitAls);
        QCOMPARE(run->config.als.iterations, 3);
        QCOMPARE(run->config.als.confidence.alpha, 8.5f);
        QCOMPARE(run->config.als.confidence.toReadWeight, 0.5f);
        QCOMPARE(run->result.epochs.size(), std::size_t{3});
        QCOMPARE(panel->chart()->testMsePoints(run->run), 0);
        QCOMPARE(runsCell(*window, 0, RunsModel::MseColumn), QString());
        QCOMPARE(runsCell(*window, 0, RunsModel::StateColumn), QStringLiteral("finished"));
        // A rating preset afterwards keeps its own fields.
        panel->presetBox()->setCurrentText(QStringLiteral("notebook-dot"));
        QVERIFY(!panel->form()->alphaBox()->isEnabled());
        QVERIFY(panel->form()->kindBox()->isEnabled());
    }

    void everyFormFieldReachesTheEngine() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        HyperparameterForm* form = panel->form();
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-nn"));
        form->hiddenEdit()->setText(QStringLiteral("16,8"));
        form->earlyStopBox()->setValue(3);
        form->validationBox()->setValue(0.1);
        form->beta2Box()->setValue(0.99);
        const std::optional<ExperimentConfig> config = form->config();
        QVERIFY2(config.has_value(), qPrintable(form->lastError()));
        QCOMPARE(config->model.kind, ModelKind::Neural);
        QCOMPARE(config->model.hidden, (std::vector<int>{16, 8}));
        QVERIFY(config->model.dotTerm); // from the tuned-nn preset
        QCOMPARE(config->train.earlyStopPatience, 3);
        QCOMPARE(config->data.validationFraction, 0.1);
        QCOMPARE(config->train.adam.beta2, 0.99f);
        QVERIFY(config->data.dropDuplicateTrainPairs); // tuned presets drop repeated pairs
        QCOMPARE(config->data.indexing, RowIndexing::Dense);
        panel->presetBox()->setCurrentText(QStringLiteral("notebook-dot"));
        QCOMPARE(form->config()->data.indexing, RowIndexing::RawIds);
        QVERIFY(!form->config()->data.dropDuplicateTrainPairs);
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-nn"));
        form->kindBox()->setCurrentIndex(0); // dot: neural-only options are off and ignored
        QVERIFY(!form->hiddenEdit()->isEnabled());
        QVERIFY(!form->config()->model.dotTerm);
    }

    void activeRunShowsItsTestPredictions() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        const std::optional<TrainingRun> trained = clickTrainAndWait(panel);
        QVERIFY(trained);
        const TrainingRun& run = *trained;
        QVERIFY(window->workspace()->active() != nullptr); // the newest run is selected
        QCOMPARE(window->workspace()->activeRun(), run.run);
        QCOMPARE(panel->runs()->selectedRun(), run.run);
        // The quality view reads the same test rows the engine measured.
        QCOMPARE(run.quality.errors.count, run.result.test.count);
        QVERIFY(std::abs(run.quality.errors.mse - run.result.test.mse) < 1e-9);
        PredictionQualityView* view = panel->predictions();
        QVERIFY(view->chartsShown());
        QCOMPARE(view->boxCount(), 5);
        double binned = 0.0;
        for (int bin = 0; bin < view->residualChart()->barCount(); ++bin)
            binned += view->residualChart()->value(bin);
        QCOMPARE(binned, static_cast<double>(run.result.test.count));
        QCOMPARE(view->samplesTable()->rowCount(), 10);
        QVERIFY(view->samplesTable()->item(0, 1)->text().contains(QStringLiteral("(#")));
    }

    void itemItemPresetsTrainAndRecommend_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("kind");
        QTest::newRow("ease") << QStringLiteral("ease") << static_cast<int>(ModelKind::Ease);
        QTest::newRow("item-knn") << QStringLiteral("item-knn")
                                  << static_cast<int>(ModelKind::ItemKnn);
    }

    // The item-item presets train on the worker like the others, report their stages, and the
    // run ranks books with explanations; the table shows no rating errors for them.
    void itemItemPresetsTrainAndRecommend() {
        QFETCH(QString, preset);
        QFETCH(int, kind);
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(preset);
        QCOMPARE(panel->presetBox()->currentText(), preset);
        QCOMPARE(panel->form()->kindBox()->currentIndex(), kind);
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        const std::optional<TrainingRun> trained = clickTrainAndWait(panel);
        QVERIFY(trained);
        QCOMPARE(trained->result.outcome, TrainOutcome::Finished);
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(static_cast<int>(trained->model->kind()), kind);
        QVERIFY(!trained->model->hasEmbeddings());
        const int row = runsRows(*window) - 1;
        QCOMPARE(runsCell(*window, row, RunsModel::EpochsColumn), QStringLiteral("closed form"));
        QVERIFY(runsCell(*window, row, RunsModel::RmseColumn).isEmpty());
        // No test ratings: the predictions view says why and shows no empty charts.
        QVERIFY(!panel->predictions()->chartsShown());
        // Nor a loss curve: the chart's title says why, its legend lists no line of the run.
        QCOMPARE(panel->chart()->runningLossPoints(trained->run), 0);
        QVERIFY(panel->chart()->chart()->title().contains(QStringLiteral("closed form")));
        for (QLegendMarker* marker : panel->chart()->chart()->legend()->markers())
            QVERIFY(!marker->isVisible() ||
                    !marker->label().startsWith(QStringLiteral("#%1 ").arg(trained->run)));
        const Dataset& dataset = *window->workspace()->dataset();
        const Recommender recommender(*trained->model, trained->metadata, dataset);
        QVERIFY(recommender.ranksBooks());
        const std::int32_t reader = dataset.ratings.users.rawId(0);
        const RecommendResult result = recommender.forReader(reader);
        QCOMPARE(result.items.size(), std::size_t{10});
        QVERIFY(result.items.front().because.has_value());
    }

    void savesLoadsAndDeletesRunModels() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        const std::optional<TrainingRun> trained = clickTrainAndWait(panel);
        QVERIFY(trained);
        const TrainingRun& run = *trained;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run1.ssm"));
        QSignalSpy saved(panel->fileJobs(), &ModelFileJobs::saved);
        panel->saveRunModel(run.run, path);
        QVERIFY(saved.wait(test::timeLimitMs(10000)));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(),
                 1); // no temporary left

        QSignalSpy loaded(panel->fileJobs(), &ModelFileJobs::loaded);
        panel->loadModelFile(path);
        QVERIFY(loaded.wait(test::timeLimitMs(10000)));
        const TrainingRun reloaded = loaded.at(0).at(0).value<TrainingRun>();
        QVERIFY(reloaded.run != run.run);
        QCOMPARE(reloaded.result.test.mse, run.result.test.mse); // same rows, same weights
        QCOMPARE(runsRows(*window), 2);
        QCOMPARE(runsCell(*window, 1, RunsModel::StateColumn), QStringLiteral("loaded"));
        QCOMPARE(window->workspace()->activeRun(), reloaded.run);
        QCOMPARE(panel->runs()->selectedRun(), reloaded.run);

        panel->deleteRun(run.run);
        QCOMPARE(runsRows(*window), 1);
        QVERIFY(!window->workspace()->runs()->finished(run.run));
        QCOMPARE(window->workspace()->activeRun(), reloaded.run);
        QCOMPARE(panel->chart()->testMsePoints(run.run), 0);
    }

    void refusesAModelOfAnotherDataSet() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        const std::optional<TrainingRun> trained = clickTrainAndWait(panel);
        QVERIFY(trained);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.ssm"));
        QSignalSpy saved(panel->fileJobs(), &ModelFileJobs::saved);
        panel->saveRunModel(trained->run, path);
        QVERIFY(saved.wait(test::timeLimitMs(10000)));
        // Another data set: the tiny fixture.
        QSignalSpy opened(window->loader(), &DatasetLoader::loaded);
        window->openFolder(QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"));
        QVERIFY(opened.wait(test::timeLimitMs(10000)));
        QSignalSpy failed(panel->fileJobs(), &ModelFileJobs::failed);
        panel->loadModelFile(path);
        QVERIFY(failed.wait(test::timeLimitMs(10000)));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("another data set")), qPrintable(message));
        QVERIFY(message.contains(path));
        QCOMPARE(panel->messageLabel()->text(), message);
        // A file that is no model at all.
        const QString junk = dir.filePath(QStringLiteral("junk.ssm"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a model");
        file.close();
        panel->loadModelFile(junk);
        QVERIFY(failed.wait(test::timeLimitMs(10000)));
        QVERIFY(failed.at(1).at(0).toString().contains(junk));
    }

    void exportsTheChartAndTheRunsTable_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("png") << "chart.png" << QByteArray("\x89PNG");
        QTest::newRow("svg") << "chart.svg" << QByteArray("<?xml");
        QTest::newRow("csv") << "runs.csv" << QByteArray("Run,Model,Settings");
    }

    void exportsTheChartAndTheRunsTable() {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        const std::optional<TrainingRun> trained = clickTrainAndWait(panel);
        QVERIFY(trained);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        const bool done = name.endsWith(QLatin1String(".csv")) ? panel->exportRuns(path)
                                                               : panel->exportChart(path);
        QVERIFY2(done, qPrintable(panel->messageLabel()->text()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(bytes.startsWith(start), bytes.left(40).constData());
        if (name.endsWith(QLatin1String(".csv"))) {
            const QList<QByteArray> lines = bytes.trimmed().split('\n');
            QCOMPARE(lines.size(), 2);
            QVERIFY(lines[1].contains(QByteArray::number(trained->result.test.mse, 'f', 4)));
            QVERIFY(lines[1].contains("\"d=5, batch 32")); // quoted: it holds commas
        }
        QVERIFY(!panel->exportChart(dir.filePath(QStringLiteral("chart.gif"))));
        QVERIFY(panel->messageLabel()->text().contains(QStringLiteral(".png or .svg")));
    }

    void theFormAndTheLayoutSurviveARestart() {
        QSize size;
        {
            auto window = openDemo();
            QVERIFY(window);
            HyperparameterForm* form = window->trainPanel()->form();
            window->trainPanel()->presetBox()->setCurrentText(QStringLiteral("tuned-nn"));
            form->hiddenEdit()->setText(QStringLiteral("64,16"));
            form->beta2Box()->setValue(0.98);
            window->showTab(1);
            // A size the window can take: above its minimum, which follows the widgets (the
            // readers' top-N box widened with the option table's range, 1 to 10,000).
            size = window->minimumSizeHint().expandedTo(QSize(1111, 777)) + QSize(17, 0);
            window->resize(size);
            QCOMPARE(window->size(), size);
            window->close(); // as the user quits
        }
        auto window = std::make_unique<MainWindow>();
        HyperparameterForm* form = window->trainPanel()->form();
        QCOMPARE(window->trainPanel()->presetBox()->currentText(), QStringLiteral("tuned-nn"));
        QCOMPARE(form->hiddenEdit()->text(), QStringLiteral("64,16"));
        QCOMPARE(form->beta2Box()->value(), 0.98);
        const std::optional<ExperimentConfig> config = form->config();
        QVERIFY(config);
        QCOMPARE(config->model.hidden, (std::vector<int>{64, 16}));
        QVERIFY(config->model.dotTerm); // the preset's own settings under the changed ones
        QCOMPARE(window->size(), size);
        QCOMPARE(window->findChild<QTabWidget*>()->currentIndex(), 1);
    }

    void closingDuringTrainingStopsTheRun() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-nn"));
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(progressed.wait(test::timeLimitMs(30000)));
        window.reset(); // stops the run and joins the worker
        // Nothing of the run computes any more: in half a second the threads other than this
        // one use almost no CPU time (a run left going uses a core's worth, or its share of
        // one on a busy machine), and progress it had queued reaches no dead window.
        const double process = processCpuMilliseconds();
        const double gui = threadCpuMilliseconds();
        QTest::qWait(500);
        const double others =
            (processCpuMilliseconds() - process) - (threadCpuMilliseconds() - gui);
        QVERIFY2(others < 30.0, qPrintable(QStringLiteral("other threads used %1 ms of CPU time "
                                                          "after the window closed")
                                               .arg(others)));
    }
};

QTEST_MAIN(TestTrainPanel)
#include "tst_trainpanel.moc"
