// The command-line tool on the real goodbooks-10k files, read from $SHELFSCOPE_DATA (label
// `data`; CI sets it): `info` reports the figures PROVENANCE.md records; Ctrl-C stops an EASE
// fit with no model saved.
#include "CliRunner.h"
#include "SanitizerBuild.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace cli_test;

class TestGoodbooksCli : public QObject {
    Q_OBJECT

    QString folder_;

private Q_SLOTS:
    void initTestCase() {
        folder_ = qEnvironmentVariable("SHELFSCOPE_DATA");
        if (folder_.isEmpty())
            QSKIP("SHELFSCOPE_DATA is not set: the real-data checks need the goodbooks-10k folder");
    }

    void infoOnGoodbooks() {
        const QString& folder = folder_;
        const Run run = runCli(
            {QStringLiteral("info"), QStringLiteral("--data"), folder, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(info.value(QStringLiteral("rows_read")).toInt(), 981756);
        QCOMPARE(info.value(QStringLiteral("duplicates_dropped")).toInt(), 2278);
        QCOMPARE(info.value(QStringLiteral("ratings_kept")).toInt(), 979478);
        QCOMPARE(info.value(QStringLiteral("users")).toInt(), 53424);
        QCOMPARE(info.value(QStringLiteral("books")).toInt(), 10000);
        QCOMPARE(info.value(QStringLiteral("books_without_metadata")).toInt(), 0);
        QCOMPARE(info.value(QStringLiteral("to_read_entries")).toInt(), 912705);
        QCOMPARE(info.value(QStringLiteral("tags")).toInt(), 34252);
        QCOMPARE(info.value(QStringLiteral("book_tags_rows")).toInt(), 999912);
        QCOMPARE(info.value(QStringLiteral("book_tags_unmatched_rows")).toInt(), 0);
        QVERIFY(info.value(QStringLiteral("books_with_genre")).toInt() >= 9990);
        QCOMPARE(info.value(QStringLiteral("genres")).toArray().size(), 23);
        const QJsonArray histogram = info.value(QStringLiteral("histogram_before_dedup")).toArray();
        const int expected[] = {19575, 63231, 248623, 357366, 292961};
        QCOMPARE(histogram.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(histogram.at(i).toObject().value(QStringLiteral("rating")).toDouble(),
                     i + 1.0);
            QCOMPARE(histogram.at(i).toObject().value(QStringLiteral("count")).toInt(),
                     expected[i]);
        }
        // The text form prints the same figures, grouped.
        const Run text = runCli({QStringLiteral("info"), QStringLiteral("--data"), folder});
        for (const char* figure :
             {"981,756", "2,278", "979,478", "53,424", "10,000", "912,705", "19,575", "63,231",
              "248,623", "357,366", "292,961", "34,252", "999,912"})
            QVERIFY2(text.out.contains(QLatin1String(figure)), figure);
    }

    // Ctrl-C during an item-item fit: EASE has no partial model, so train says so, saves
    // nothing and exits with 130 like a run Ctrl-C stops in epochs (tst_cli). The fit takes
    // seconds on the real data, so the interrupt lands inside it.
    void ctrlCStopsAnItemItemFitWithoutAModel() {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("ease.ssm"));
        const Run train = runCliInterrupted(
            {QStringLiteral("train"), QStringLiteral("--data"), folder_, QStringLiteral("--preset"),
             QStringLiteral("ease"), QStringLiteral("--save"), model},
            2, shelfscope::test::timeLimitMs(120000));
        QCOMPARE(train.exitCode, 130);
        QVERIFY2(train.err.contains(QStringLiteral("an item-item fit (ease) is solved in one piece "
                                                   "and has no partial model to keep; nothing was "
                                                   "saved")),
                 qPrintable(train.err));
        QVERIFY(!train.out.contains(QStringLiteral("Outcome")));
        QVERIFY(!QFileInfo::exists(model));
    }
};

QTEST_MAIN(TestGoodbooksCli)
#include "tst_goodbookscli.moc"
