#include "Automation.h"
#include "MainWindow.h"
#include "TrainPanel.h"
#include "TrainingController.h"
#include "train/Presets.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using shelfscope::ui::Automation;
using shelfscope::ui::MainWindow;
using shelfscope::ui::TrainingController;
using shelfscope::ui::TrainingRun;

class TestAutomation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
        QSettings().clear();
    }

    void trainsEachPresetForTheEpochsAsked_data() {
        QTest::addColumn<QStringList>("presets");
        QTest::addColumn<int>("epochs");
        QTest::newRow("one preset, its own epochs") << QStringList{"notebook-dot"} << 0;
        QTest::newRow("one preset, one epoch") << QStringList{"notebook-dot"} << 1;
        QTest::newRow("two presets, two epochs each")
            << QStringList{"notebook-dot", "tuned-dot"} << 2;
    }

    // --epochs N (Automation::epochs) replaces every preset's number of epochs; 0 keeps theirs.
    void trainsEachPresetForTheEpochsAsked() {
        QFETCH(QStringList, presets);
        QFETCH(int, epochs);
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        Automation automation;
        automation.trainPresets = presets;
        automation.epochs = epochs;
        shelfscope::ui::automate(window, automation);
        QSignalSpy finished(window.trainPanel()->controller(), &TrainingController::finished);
        window.openDemo();
        while (finished.count() < presets.size())
            QVERIFY(finished.wait(120000));
        for (int i = 0; i < presets.size(); ++i) {
            const auto run = finished.at(i).at(0).value<TrainingRun>();
            const shelfscope::Preset* preset = shelfscope::findPreset(presets.at(i).toStdString());
            QVERIFY(preset != nullptr);
            const int expected = epochs > 0 ? epochs : preset->config.train.epochs;
            QCOMPARE(QString::fromStdString(run.name), presets.at(i));
            QCOMPARE(run.config.train.epochs, expected);
            QCOMPARE(static_cast<int>(run.result.epochs.size()), expected);
        }
    }
};

QTEST_MAIN(TestAutomation)
#include "tst_automation.moc"
