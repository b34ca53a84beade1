#include "MainWindow.h"
#include "PreparedRuns.h"
#include "RecommendPanel.h"
#include "TrainPanel.h"
#include "Workspace.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

class TestRecommendPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // Every test starts from a first start: no settings from the one before.
    void init() { QSettings().clear(); }

    void recommendsForAReaderOfTheActiveRun() {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openDemo();
        QVERIFY(loaded.wait(30000));
        const LoadedDataset data = loaded.at(0).at(0).value<LoadedDataset>();
        RecommendPanel* panel = window.recommendPanel();
        QVERIFY(!panel->recommendButton()->isEnabled()); // no model yet
        QSignalSpy ready(panel, &RecommendPanel::ready);
        QSignalSpy finished(window.trainPanel()->controller(), &TrainingController::finished);
        QTest::mouseClick(window.trainPanel()->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY(ready.count() > 0 || ready.wait(10000)); // the new run is selected and prepared
        window.showTab(2);

        // Reader 1 of the demo library: its rated books must not come back.
        const RatingTable& ratings = data.dataset->ratings;
        const std::int32_t reader = ratings.users.rawId(0);
        QSet<int> rated;
        for (std::size_t i = 0; i < ratings.size(); ++i)
            if (ratings.userIndex[i] == 0)
                rated.insert(ratings.books.rawId(ratings.bookIndex[i]));
        panel->readerEdit()->setText(QString::number(reader));
        QTest::mouseClick(panel->recommendButton(), Qt::LeftButton);
        QTableWidget* table = panel->table();
        QCOMPARE(table->rowCount(), 10);
        for (int row = 0; row < table->rowCount(); ++row) {
            const QString title = table->item(row, 1)->text(); // "Title (#id)"
            const int id = title.section(QStringLiteral("(#"), -1).chopped(1).toInt();
            QVERIFY2(id > 0 && !rated.contains(id), qPrintable(title));
            QVERIFY(!table->item(row, 7)->text().isEmpty()); // because you liked ...
        }
        QVERIFY(panel->messageLabel()->text().contains(
            QStringLiteral("%1 books this reader rated were left out").arg(rated.size())));

        // An unknown reader is refused in words, and the list empties.
        panel->readerEdit()->setText(QStringLiteral("999999"));
        QVERIFY(!panel->recommend());
        QVERIFY(panel->messageLabel()->text().contains(QStringLiteral("reader 999999")));
        QCOMPARE(table->rowCount(), 0);

        // With no active run there is nothing to recommend with, and nothing arrives later.
        QSignalSpy readyAgain(panel, &RecommendPanel::ready);
        window.workspace()->setActiveRun(0);
        QTest::qWait(300);
        QCOMPARE(readyAgain.count(), 0);
        QVERIFY(!panel->recommendButton()->isEnabled());
        QVERIFY(!panel->recommend());
    }

    void aRunOfAnotherDataSetSaysSoByName() {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openDemo();
        QVERIFY(loaded.wait(30000));
        RecommendPanel* panel = window.recommendPanel();
        QSignalSpy ready(panel, &RecommendPanel::ready);
        QSignalSpy finished(window.trainPanel()->controller(), &TrainingController::finished);
        QTest::mouseClick(window.trainPanel()->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY(ready.count() > 0 || ready.wait(10000));
        // Open another data set: the run stays active but cannot recommend there, and the
        // panel gives the real reason with both data sets' names.
        QSignalSpy failed(window.workspace()->prepared(), &PreparedRuns::failed);
        window.openFolder(QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"));
        QVERIFY(loaded.wait(30000));
        QVERIFY(failed.wait(10000));
        const QString text = panel->findChild<QLabel*>(QStringLiteral("modelLabel"))->text();
        QVERIFY2(text.contains(QStringLiteral("another data set")), qPrintable(text));
        QVERIFY2(text.contains(QString::fromUtf8(kDemoLibraryName)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("tiny")), qPrintable(text));
        QVERIFY(!panel->recommendButton()->isEnabled());
        QVERIFY(!panel->recommend());
    }
};

QTEST_MAIN(TestRecommendPanel)
#include "tst_recommendpanel.moc"
