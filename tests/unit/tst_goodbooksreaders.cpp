// The Readers tab on the real goodbooks-10k files, read from $SHELFSCOPE_DATA (label `data`; CI
// sets it): it must list what the command-line tool lists for the same model file.
#include "CliRunner.h"
#include "DatasetLoader.h"
#include "MainWindow.h"
#include "ReaderPicker.h"
#include "ReadersFixture.h"
#include "RecommendationTable.h"
#include "RunRecommendations.h"
#include "RunsModel.h"
#include "SanitizerBuild.h"
#include "TrainPanel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace cli_test;
using namespace readers_test;

class TestGoodbooksReaders : public QObject {
    Q_OBJECT

    QString folder_;

private Q_SLOTS:
    void initTestCase() {
        folder_ = qEnvironmentVariable("SHELFSCOPE_DATA");
        if (folder_.isEmpty())
            QSKIP("SHELFSCOPE_DATA is not set: the real-data checks need the goodbooks-10k folder");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // The notebook's own use on the real data: reader 1, top 5, rated books left out. The Readers
    // tab must list what the command-line tool lists for the same model file.
    void theNotebooksReaderOneMatchesTheCommandLine() {
        const QString& folder = folder_;
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("notebook-dot.ssm"));
        const Run trained = runCli({QStringLiteral("train"), QStringLiteral("--data"), folder,
                                    QStringLiteral("--preset"), QStringLiteral("notebook-dot"),
                                    QStringLiteral("--save"), model},
                                   shelfscope::test::timeLimitMs(300000));
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        const Run listed =
            runCli({QStringLiteral("recommend"), QStringLiteral("--model"), model,
                    QStringLiteral("--user"), QStringLiteral("1"), QStringLiteral("--top"),
                    QStringLiteral("5"), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        std::vector<std::int32_t> expected;
        for (const QJsonValue& item : QJsonDocument::fromJson(listed.out.toUtf8())
                                          .object()[QStringLiteral("items")]
                                          .toArray())
            expected.push_back(item.toObject()[QStringLiteral("book_id")].toInt());
        QCOMPARE(expected.size(), std::size_t{5});

        MainWindow window;
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openFolder(folder);
        QVERIFY(loaded.wait(shelfscope::test::timeLimitMs(120000)));
        QSignalSpy added(window.workspace()->runs(), &RunsModel::runFinished);
        window.trainPanel()->loadModelFile(model);
        QVERIFY(added.wait(shelfscope::test::timeLimitMs(120000)));
        ReadersPanel* panel = window.readersPanel();
        panel->recommendations()->topBox()->setValue(5);
        QVERIFY(panel->picker()->chooseText(QStringLiteral("1")));
        QVERIFY(settle(*panel));
        QVERIFY2(panel->recommendations()->first()->outcome(),
                 qPrintable(panel->recommendations()->first()->message()));
        QCOMPARE(panel->recommendations()->first()->table()->books(), expected);
        for (const ShelfEntry& rated : window.workspace()->shelves()->rated(1))
            QVERIFY(std::find(expected.begin(), expected.end(), rated.bookId) == expected.end());
    }
};

QTEST_MAIN(TestGoodbooksReaders)
#include "tst_goodbooksreaders.moc"
