#include "LossChart.h"
#include "MainWindow.h"
#include "TrainPanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// A main window with the demo library open, on the Train tab.
std::unique_ptr<MainWindow> openDemo() {
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window->loader(), &DatasetLoader::loaded);
    window->openDemo();
    if (!loaded.wait(30000))
        return nullptr;
    window->showTab(1);
    return window;
}

} // namespace

class TestTrainPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
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
        QVERIFY(finished.wait(60000));
        const TrainingRun run = finished.at(0).at(0).value<TrainingRun>();
        QCOMPARE(run.result.outcome, TrainOutcome::Finished);
        QCOMPARE(run.result.epochs.size(), std::size_t{5}); // the notebook-dot preset
        QCOMPARE(panel->chart()->testMsePoints(run.run), 5);
        QVERIFY(panel->chart()->runningLossPoints(run.run) >= 5);
        QVERIFY(progressed.count() >= 5);
        // The table shows what the engine computed.
        QTableWidget* table = panel->runsTable();
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 5)->text(),
                 QLocale(QLocale::English).toString(run.result.test.mse, 'f', 4));
        QCOMPARE(table->item(0, 8)->text(), QStringLiteral("finished"));
        QVERIFY(panel->trainButton()->isEnabled());
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("train.png"));
        QVERIFY(window->grab().save(shot));
        QVERIFY(QFileInfo(shot).size() > 10000);
    }

    void stopEndsTheRunEarly() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-nn")); // many slow epochs
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(progressed.wait(30000));
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        const TrainingRun run = finished.at(0).at(0).value<TrainingRun>();
        QCOMPARE(run.result.outcome, TrainOutcome::Cancelled);
        QVERIFY(run.result.epochs.size() < 26);
        QCOMPARE(panel->runsTable()->item(0, 8)->text(), QStringLiteral("stopped"));
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
        QCOMPARE(panel->runsTable()->rowCount(), 0);
        QVERIFY(!finished.wait(200));
    }

    void closingDuringTrainingStopsTheRun() {
        auto window = openDemo();
        QVERIFY(window);
        TrainPanel* panel = window->trainPanel();
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-nn"));
        QSignalSpy progressed(panel->controller(), &TrainingController::progressed);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(progressed.wait(30000));
        window.reset(); // stops the run and joins the worker
        QTest::qWait(50);
        QVERIFY(!window);
    }
};

QTEST_MAIN(TestTrainPanel)
#include "tst_trainpanel.moc"
