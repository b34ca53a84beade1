#include "BarChart.h"
#include "CoverCache.h"
#include "DatasetSummaryView.h"
#include "MainWindow.h"
#include "MapPanel.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using shelfscope::ui::BarChart;
using shelfscope::ui::DatasetLoader;
using shelfscope::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
        QSettings().clear();
    }

    void welcomePageFirstThenTheLastDataSet() {
        QSettings().clear();
        {
            MainWindow window;
            window.show();
            window.openLastOrWelcome();
            QVERIFY(window.showingWelcome());
            auto* demo = window.findChild<QPushButton*>(QStringLiteral("demoButton"));
            QVERIFY(demo != nullptr);
            QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
            QTest::mouseClick(demo, Qt::LeftButton);
            QVERIFY(!window.showingWelcome());
            QVERIFY(loaded.wait(30000));
        }
        {
            // The next start reopens the demo library by itself.
            MainWindow window;
            QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
            window.openLastOrWelcome();
            QVERIFY(!window.showingWelcome());
            QVERIFY(loaded.wait(30000));
            QVERIFY(window.summaryView()->text().contains(QStringLiteral("Demo library")));
            // A folder replaces it as the one to remember.
            window.openFolder(QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"));
            QVERIFY(loaded.wait(10000));
        }
        {
            MainWindow window;
            QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
            window.openLastOrWelcome();
            QVERIFY(loaded.wait(10000));
            QVERIFY(window.summaryView()->text().contains(QStringLiteral("tiny")));
        }
        // A remembered folder that has gone away leads back to the welcome page.
        QSettings().setValue(QStringLiteral("lastDataset"), QStringLiteral("/nonexistent/folder"));
        MainWindow window;
        window.openLastOrWelcome();
        QVERIFY(window.showingWelcome());
    }

    void showsTheAppName() {
        MainWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Shelfscope"));
    }

    void opensTheDemoLibraryInTheBackground() {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openDemo();
        QVERIFY(window.loader()->isBusy() || loaded.count() == 1);
        QVERIFY(loaded.wait(30000));
        const QString text = window.summaryView()->text();
        QVERIFY2(text.contains(QStringLiteral("Demo library (synthetic ratings)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("90,000")), qPrintable(text));
        QCOMPARE(window.windowTitle(),
                 QStringLiteral("Shelfscope - Demo library (synthetic ratings)"));
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("demo.png"));
        QVERIFY(window.grab().save(shot));
        QVERIFY(QFileInfo(shot).size() > 1000);
    }

    void showsDataErrorsAndStaysUsable() {
        MainWindow window;
        window.show();
        QSignalSpy failed(window.loader(), &DatasetLoader::failed);
        const QString folder = QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/bad/rating_out_of_scale");
        window.openFolder(folder);
        QVERIFY(failed.wait(10000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(folder + QStringLiteral("/ratings.csv:4: column 3 (rating)")),
                 qPrintable(message));
        auto* box = window.findChild<QMessageBox*>();
        QVERIFY(box != nullptr);
        QCOMPARE(box->text(), message);
        QVERIFY(box->isVisible());
        QVERIFY(window.summaryView()->text().contains(
            QStringLiteral("ratings.csv:4: column 3 (rating)")));
        box->accept();
        // The window still loads a good data set afterwards.
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openFolder(QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"));
        QVERIFY(loaded.wait(10000));
        QVERIFY(window.summaryView()->text().contains(QStringLiteral("tiny")));
    }

    void chartsTheRatingsAndTheReaders() {
        MainWindow window;
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openFolder(QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"));
        QVERIFY(loaded.wait(10000));
        // tiny/ratings.csv: one rating of each star; readers 1 and 2 gave two, reader 3 one.
        const BarChart* stars = window.summaryView()->ratingChart();
        QCOMPARE(stars->barCount(), 5);
        for (int bar = 0; bar < 5; ++bar)
            QCOMPARE(stars->value(bar), 1.0);
        const BarChart* readers = window.summaryView()->readerChart();
        QCOMPARE(readers->barCount(), 2);
        QCOMPARE(readers->value(0), 1.0);
        QCOMPARE(readers->value(1), 2.0);
        QVERIFY(readers->isVisible());
    }

    void closingWhileLoadingJoinsTheWorker() {
        auto* window = new MainWindow;
        window->openDemo();
        const QPointer<DatasetLoader> loader(window->loader());
        QVERIFY(loader->isBusy());
        delete window; // the loader cancels and waits for its worker
        QVERIFY(loader.isNull());
        QTest::qWait(100); // progress queued by the worker must not reach the dead window
    }

    void coversCanBeTurnedOffAndTheSuiteForcesThemOff() {
        // tests/CMakeLists.txt sets SHELFSCOPE_COVERS_OFFLINE for every test: no test may reach
        // the internet, and the menu cannot turn covers back on.
        QVERIFY(qEnvironmentVariableIntValue("SHELFSCOPE_COVERS_OFFLINE") != 0);
        MainWindow window;
        QAction* covers = window.coversAction();
        QVERIFY(covers != nullptr);
        QVERIFY(covers->isCheckable());
        QVERIFY(!covers->isChecked());
        QVERIFY(!covers->isEnabled());
        QVERIFY(window.mapPanel()->covers()->isOffline());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
