#include "MainWindow.h"
#include "MapPanel.h"
#include "TrainPanel.h"
#include "Workspace.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// A window with the demo library open and the notebook's dot model trained on it.
std::unique_ptr<MainWindow> trainedDemo() {
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window->loader(), &DatasetLoader::loaded);
    window->openDemo();
    if (!loaded.wait(30000))
        return nullptr;
    QSignalSpy finished(window->trainPanel()->controller(), &TrainingController::finished);
    QTest::mouseClick(window->trainPanel()->trainButton(), Qt::LeftButton);
    if (!finished.wait(60000))
        return nullptr;
    window->showTab(3);
    return window;
}

} // namespace

class TestMapPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // Every test starts from a first start: no settings from the one before.
    void init() { QSettings().clear(); }

    void drawsPcaAndTsneOfTheActiveRun() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        QVERIFY(panel->drawButton()->isEnabled());
        QSignalSpy finished(panel->controller(), &MapController::finished);
        panel->methodBox()->setCurrentIndex(1); // PCA
        QTest::mouseClick(panel->drawButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(panel->pointCount(), 800); // every book of the demo library
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("PCA")));

        QSignalSpy snapshots(panel->controller(), &MapController::snapshot);
        panel->methodBox()->setCurrentIndex(0); // t-SNE
        panel->perplexityBox()->setValue(20);
        panel->iterationsBox()->setValue(300);
        QTest::mouseClick(panel->drawButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(snapshots.count(), 30); // one every 10 iterations
        const MapResult result = finished.at(1).at(0).value<MapResult>();
        QVERIFY(result.tsne && result.kl > 0.0);
        QVERIFY(result.kept > 0.0 && result.kept <= 1.0);
        QCOMPARE(panel->pointCount(), 800);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("KL divergence")));
        // Hovering names the nearest book.
        QVERIFY(!panel->bookAt(result.xy[0], result.xy[1]).isEmpty());
    }

    void stopEndsALongMap() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        QSignalSpy snapshots(panel->controller(), &MapController::snapshot);
        QSignalSpy failed(panel->controller(), &MapController::failed);
        panel->iterationsBox()->setValue(10000);
        panel->perplexityBox()->setValue(20);
        QTest::mouseClick(panel->drawButton(), Qt::LeftButton);
        QVERIFY(snapshots.wait(30000));
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(failed.wait(5000));
        QVERIFY(clock.elapsed() < 1000);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("stopped")));
        QVERIFY(panel->drawButton()->isEnabled());
    }

    void aMapOfAnotherRunNeverArrives() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        QSignalSpy snapshots(panel->controller(), &MapController::snapshot);
        QSignalSpy finished(panel->controller(), &MapController::finished);
        QSignalSpy failed(panel->controller(), &MapController::failed);
        panel->iterationsBox()->setValue(10000);
        panel->perplexityBox()->setValue(20);
        QTest::mouseClick(panel->drawButton(), Qt::LeftButton);
        QVERIFY(snapshots.wait(30000));
        // As when another run is selected, then this one again.
        const int run = window->workspace()->activeRun();
        window->workspace()->setActiveRun(0);
        window->workspace()->setActiveRun(run);
        QTest::qWait(500); // the old map stops within an iteration; nothing of it may show
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(panel->pointCount(), 0);
        QVERIFY(panel->drawButton()->isEnabled());
        panel->methodBox()->setCurrentIndex(1);
        QVERIFY(panel->draw()); // and a new map can start at once
        QVERIFY(finished.wait(30000));
        QCOMPARE(panel->pointCount(), 800);
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_mappanel.moc"
