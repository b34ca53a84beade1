#include "LossChart.h"
#include "MainWindow.h"
#include "TrainPanel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// A main window with the demo library open, on the Train tab.
std::unique_ptr<MainWindow> openDemo(const DemoConfig& config = {}) {
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window->loader(), &DatasetLoader::loaded);
    window->openDemo(config);
    if (!loaded.wait(30000))
        return nullptr;
    window->showTab(1);
    return window;
}

} // namespace

class TestTrainPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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
        // A timer probe: how late does the event loop serve a 5 ms timer while training runs?
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 worstGap = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worstGap = std::max(worstGap, now - last);
            last = now;
        });
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        clock.start();
        probe.start();
        QVERIFY(finished.wait(60000));
        probe.stop();
        const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        qInfo("worst event-loop gap %lld ms; %lld chart updates in %.2f s",
              static_cast<long long>(worstGap), static_cast<long long>(progressed.count()),
              seconds);
        QVERIFY2(worstGap <= 50,
                 qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(worstGap)));
        // Each progress report adds a point to the chart and repaints it: at least 5 a second.
        QVERIFY2(
            progressed.count() >= 5 * seconds,
            qPrintable(QStringLiteral("%1 updates in %2 s").arg(progressed.count()).arg(seconds)));
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
