#include "Automation.h"
#include "MainWindow.h"
#include "ProgramRunner.h"
#include "SanitizerBuild.h"
#include "TrainPanel.h"
#include "TrainingController.h"
#include "train/Presets.h"

#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
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
        // BPR's epochs are its own setting (ExperimentConfig::bpr), which --epochs sets.
        QTest::newRow("ranking-dot, one epoch") << QStringList{"ranking-dot"} << 1;
        QTest::newRow("tuned-dot, then ranking-dot, two epochs each")
            << QStringList{"tuned-dot", "ranking-dot"} << 2;
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
            const int expected = epochs > 0 ? epochs : shelfscope::plannedEpochs(preset->config);
            QCOMPARE(QString::fromStdString(run.name), presets.at(i));
            QCOMPARE(shelfscope::plannedEpochs(run.config), expected);
            QCOMPARE(static_cast<int>(run.result.epochs.size()), expected);
        }
    }

    void theProgramTrainsAndTakesItsPicture_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("ranking-dot, reader 314")
            << QStringList{"--train", "ranking-dot", "--epochs", "1", "--reader", "314"};
        QTest::newRow("ranking-dot, PCA map")
            << QStringList{"--train", "ranking-dot", "--epochs", "1", "--map", "pca"};
        QTest::newRow("tuned-dot, reader 314")
            << QStringList{"--train", "tuned-dot", "--epochs", "1", "--reader", "314"};
    }

    // `shelfscope --demo --train PRESET --epochs 1 ... --screenshot FILE` trains, shows what was
    // asked, saves the window and exits 0 (the scale benchmark runs it so).
    void theProgramTrainsAndTakesItsPicture() {
        QFETCH(QStringList, arguments);
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("SHELFSCOPE_COVERS_OFFLINE"), QStringLiteral("1"));
        for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
            environment.insert(QString::fromLatin1(variable), home.path());
        const QString shot = home.filePath(QStringLiteral("shot.png"));
        const program_test::Run run =
            program_test::runProgram(QStringLiteral(SHELFSCOPE_GUI_PATH),
                                     QStringList{QStringLiteral("--demo")} + arguments +
                                         QStringList{QStringLiteral("--screenshot"), shot},
                                     environment, shelfscope::test::timeLimitMs(120000));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QImage image(shot);
        QVERIFY2(!image.isNull(), qPrintable(shot));
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }
};

QTEST_MAIN(TestAutomation)
#include "tst_automation.moc"
