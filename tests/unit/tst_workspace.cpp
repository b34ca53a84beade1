#include "PreparedRuns.h"
#include "ReadersFixture.h"
#include "RunsModel.h"
#include "Workspace.h"
#include "demo/DemoGenerator.h"
#include "train/Presets.h"

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
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
