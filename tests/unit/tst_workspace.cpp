#include "PreparedRuns.h"
#include "ReadersFixture.h"
#include "RunsModel.h"
#include "Workspace.h"
#include "config/OptionTable.h"
#include "demo/DemoGenerator.h"
#include "model/ModelFile.h"
#include "train/Presets.h"
#include "train/TrainedRun.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

using readers_test::demoLibrary;

std::shared_ptr<const TrainingRun> trainedRun(const Dataset& dataset, int number) {
    ExperimentConfig config = findPreset("notebook-dot")->config;
    config.train.epochs = 1;
    TrainingRun run;
    static_cast<TrainedRun&>(run) = trainRun(dataset, config, "notebook-dot");
    run.run = number;
    return std::make_shared<const TrainingRun>(run);
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void selectingABookFocusesItAndSelectsItAlone() {
        Workspace workspace;
        QSignalSpy focus(&workspace, &Workspace::currentBookChanged);
        QSignalSpy selection(&workspace, &Workspace::bookSelectionChanged);
        workspace.selectBook(7);
        QCOMPARE(workspace.currentBook(), 7);
        QCOMPARE(workspace.selectedBooks(), std::vector<std::int32_t>{7});
        QCOMPARE(focus.count(), 1);
        QCOMPARE(selection.count(), 1);
        workspace.selectBook(7); // no change, no signal
        QCOMPARE(focus.count(), 1);
        QCOMPARE(selection.count(), 1);
        // A region that holds the focused book keeps it in focus; one that does not drops it.
        workspace.selectBooks({3, 7, 9});
        QCOMPARE(workspace.currentBook(), 7);
        QCOMPARE(focus.count(), 1);
        QCOMPARE(selection.count(), 2);
        workspace.selectBooks({1, 2});
        QCOMPARE(workspace.currentBook(), 0);
        QCOMPARE(focus.count(), 2);
        workspace.selectBook(0);
        QVERIFY(workspace.selectedBooks().empty());
    }

    void readerChoicesAreSignalledOnce() {
        Workspace workspace;
        QSignalSpy changed(&workspace, &Workspace::readerChanged);
        workspace.selectReader(314);
        workspace.selectReader(314);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(workspace.reader().kind, ReaderChoice::Kind::Existing);
        QCOMPARE(workspace.reader().userId, 314);
        workspace.setNewReader({{2, 5.0f}, {25, 4.0f}});
        QCOMPARE(changed.count(), 2);
        QCOMPARE(workspace.reader().kind, ReaderChoice::Kind::New);
        QCOMPARE(workspace.reader().shelf.size(), std::size_t{2});
        workspace.clearReader();
        QCOMPARE(workspace.reader().kind, ReaderChoice::Kind::None);
        QCOMPARE(changed.count(), 3);
    }

    void openingADataSetClearsTheSelections() {
        Workspace workspace;
        workspace.selectBook(3);
        workspace.selectReader(5);
        QSignalSpy dataset(&workspace, &Workspace::datasetChanged);
        workspace.setDataset(demoLibrary(1));
        QCOMPARE(dataset.count(), 1);
        QCOMPARE(workspace.currentBook(), 0);
        QVERIFY(workspace.selectedBooks().empty());
        QCOMPARE(workspace.reader().kind, ReaderChoice::Kind::None);
    }

    void onlyRunsWithAModelBecomeActive() {
        Workspace workspace;
        const LoadedDataset loaded = demoLibrary(1);
        workspace.setDataset(loaded);
        QSignalSpy active(&workspace, &Workspace::activeRunChanged);
        RunsModel* runs = workspace.runs();
        runs->addRunning(1, QStringLiteral("notebook-dot"), findPreset("notebook-dot")->config);
        workspace.setActiveRun(1); // still running: no model yet
        QCOMPARE(workspace.activeRun(), 0);
        QCOMPARE(active.count(), 0);
        runs->addFinished(trainedRun(*loaded.dataset, 1));
        QCOMPARE(runs->rowCount(), 1);
        QCOMPARE(runs->data(runs->index(0, RunsModel::StateColumn)).toString(),
                 QStringLiteral("finished"));
        workspace.setActiveRun(1);
        QCOMPARE(workspace.activeRun(), 1);
        QVERIFY(workspace.active());
        QCOMPARE(active.count(), 1);
        // Deleting the active run leaves no active run.
        runs->remove(1);
        QCOMPARE(workspace.activeRun(), 0);
        QVERIFY(!workspace.active());
        QCOMPARE(active.count(), 2);
    }

    void runsTableExportsWhatItShows() {
        Workspace workspace;
        const LoadedDataset loaded = demoLibrary(1);
        RunsModel* runs = workspace.runs();
        runs->addFinished(trainedRun(*loaded.dataset, 4));
        runs->addRunning(5, QStringLiteral("tuned-nn"), findPreset("tuned-nn")->config);
        runs->markFailed(5, QStringLiteral("out of memory"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.csv"));
        QString error;
        QVERIFY2(runs->exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].startsWith("4,"));
        QVERIFY(lines[2].endsWith(",failed"));
        QCOMPARE(runs->data(runs->index(1, RunsModel::StateColumn), Qt::ToolTipRole).toString(),
                 QStringLiteral("out of memory"));
        QVERIFY(!runs->exportCsv(dir.filePath(QStringLiteral("no/such/dir/runs.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("runs.csv")));
    }

    void preparedRunsRecommendOrSayWhyNot() {
        Workspace workspace;
        const LoadedDataset first = demoLibrary(1);
        workspace.setDataset(first);
        const auto run = trainedRun(*first.dataset, 1);
        workspace.runs()->addFinished(run);
        PreparedRuns* prepared = workspace.prepared();
        QSignalSpy ready(prepared, &PreparedRuns::ready);
        QVERIFY(!prepared->get(run));
        QVERIFY(prepared->isPreparing(1));
        QVERIFY(ready.wait(10000));
        const auto done = prepared->get(run);
        QVERIFY(done && done->recommender);
        QVERIFY(done->error.isEmpty());

        // On another data set the run explains itself instead of recommending nonsense.
        workspace.setDataset(demoLibrary(2));
        QSignalSpy failed(prepared, &PreparedRuns::failed);
        QVERIFY(!prepared->get(run));
        QVERIFY(failed.wait(10000));
        const auto refused = prepared->get(run);
        QVERIFY(refused && !refused->recommender);
        QVERIFY2(refused->error.contains(QStringLiteral("another data set")),
                 qPrintable(refused->error));
        QCOMPARE(failed.at(0).at(1).toString(), refused->error);
    }

    void aLoadedRunShowsTheSettingsItWasTrainedWith_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("option");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ranking-dot, lr") << QStringLiteral("ranking-dot") << QStringLiteral("lr")
                                         << 0.03 << QStringLiteral("SGD 0.03");
        QTest::newRow("ranking-dot, epochs")
            << QStringLiteral("ranking-dot") << QStringLiteral("epochs") << 2.0
            << QStringLiteral("2 epochs");
        QTest::newRow("ranking-dot, l2") << QStringLiteral("ranking-dot") << QStringLiteral("l2")
                                         << 0.004 << QStringLiteral("L2 0.004");
        QTest::newRow("ranking-dot, dim") << QStringLiteral("ranking-dot") << QStringLiteral("dim")
                                          << 12.0 << QStringLiteral("d=12");
        QTest::newRow("tuned-implicit, lr at its minimum")
            << QStringLiteral("tuned-implicit") << QStringLiteral("lr") << 1e-6
            << QStringLiteral("SGD 1e-06");
        QTest::newRow("ials, alpha") << QStringLiteral("ials") << QStringLiteral("alpha") << 11.0
                                     << QStringLiteral("alpha 11");
        QTest::newRow("item-knn, neighbours")
            << QStringLiteral("item-knn") << QStringLiteral("neighbours") << 17.0
            << QStringLiteral("17 neighbours");
        QTest::newRow("ease, lambda") << QStringLiteral("ease") << QStringLiteral("lambda") << 123.0
                                      << QStringLiteral("lambda 123");
        QTest::newRow("notebook-dot, batch")
            << QStringLiteral("notebook-dot") << QStringLiteral("batch") << 48.0
            << QStringLiteral("batch 48");
    }

    // The runs table describes a run loaded from its file as it described the run trained in
    // the session: the settings that changed come back from the file.
    void aLoadedRunShowsTheSettingsItWasTrainedWith() {
        QFETCH(QString, preset);
        QFETCH(QString, option);
        QFETCH(double, value);
        QFETCH(QString, shown);
        const LoadedDataset library = demoLibrary(11);
        const Dataset& dataset = *library.dataset;
        ExperimentConfig config = findPreset(preset.toStdString())->config;
        const OptionDef& changed = shelfscope::option(CliCommand::Train, option.toStdString());
        if (option != QLatin1String("epochs")) // keep the runs short
            shelfscope::option(CliCommand::Train, "epochs").set(config, 2);
        changed.set(config, value);
        TrainingRun fresh;
        static_cast<TrainedRun&>(fresh) = trainRun(dataset, config, preset.toStdString());
        fresh.run = 1;
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("run.ssm")).toStdString();
        saveModel(path, *fresh.model, fresh.metadata);
        TrainingRun loaded;
        static_cast<TrainedRun&>(loaded) = loadRun(dataset, path);
        loaded.run = 2;
        RunsModel runs;
        runs.addFinished(std::make_shared<const TrainingRun>(fresh));
        runs.addFinished(std::make_shared<const TrainingRun>(loaded));
        const auto settings = [&](int row) {
            return runs.data(runs.index(row, RunsModel::SettingsColumn)).toString();
        };
        QVERIFY2(settings(0).contains(shown), qPrintable(settings(0)));
        QCOMPARE(settings(1), settings(0));
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
