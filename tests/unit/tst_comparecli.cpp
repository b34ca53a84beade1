#include "CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

namespace {
QString s(const char* text) {
    return QString::fromUtf8(text);
}
} // namespace

/// `shelfscope-cli compare`: one table for several model files, its CSV and its refusals.
class TestCompareCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir folder_;
    QString library_;
    QString dot_;
    QString ranking_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(folder_.isValid());
        library_ = folder_.filePath(s("library"));
        dot_ = folder_.filePath(s("dot.ssm"));
        ranking_ = folder_.filePath(s("ranking.ssm"));
        const Run dot = generateAndTrain(library_, dot_, s("notebook-dot"), 2);
        QVERIFY2(dot.exitCode == 0, qPrintable(dot.err));
        const Run ranking =
            runCli({s("train"), s("--data"), library_, s("--preset"), s("ranking-dot"),
                    s("--epochs"), s("3"), s("--split"), s("per-user"), s("--save"), ranking_});
        QVERIFY2(ranking.exitCode == 0, qPrintable(ranking.err));
    }

    void printsOneTableWithIntervals() {
        const QString csv = folder_.filePath(s("compare.csv"));
        const Run run = runCli({s("compare"), s("--model"), dot_, s("--model"), ranking_,
                                s("--bootstrap"), s("200"), s("--csv"), csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.split('\n');
        // The header names both models; split and readers rows follow.
        const QStringList header = lines.filter(s("notebook-dot (dot.ssm)"));
        QVERIFY(!header.isEmpty());
        QVERIFY(header.front().contains(s("ranking-dot (ranking.ssm)")));
        const QStringList splits = lines.filter(QRegularExpression(s("^split ")));
        QCOMPARE(splits.size(), 1);
        QVERIFY(splits[0].contains(s("notebook")) && splits[0].contains(s("per-user")));
        // Every figure with its interval; RMSE only for the rating model.
        const QRegularExpression interval(s("\\d\\.\\d{4} \\[\\d\\.\\d{4}, \\d\\.\\d{4}\\]"));
        const QStringList ndcg = lines.filter(QRegularExpression(s("^NDCG@10 +\\d")));
        QCOMPARE(ndcg.size(), 1);
        QCOMPARE(ndcg[0].count(interval), 2);
        const QStringList rmse = lines.filter(QRegularExpression(s("^RMSE ")));
        QCOMPARE(rmse.size(), 1);
        QCOMPARE(rmse[0].count(interval), 1);
        QVERIFY(rmse[0].trimmed().endsWith(s(" -")));
        // Each is the only run of its split: the best of it, and no difference to show.
        const QStringList versus = lines.filter(QRegularExpression(s("^NDCG@10 vs best ")));
        QCOMPARE(versus.size(), 1);
        QCOMPARE(versus[0].count(s("best")), 3);
        // The default comes from one split (a tie: the notebook's), and the others' bests are
        // named apart.
        QVERIFY2(run.out.contains(s("notebook-dot (dot.ssm) is the default recommender: the only "
                                    "run on the notebook split")),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(s("Best on validation elsewhere: per-user split, ranking-dot "
                                   "(ranking.ssm)")));
        // Coverage alone has no interval, and the report says why.
        const QStringList coverage = lines.filter(QRegularExpression(s("^coverage ")));
        QCOMPARE(coverage.size(), 1);
        QVERIFY(!coverage[0].contains('['));
        QCOMPARE(coverage[0].count(QRegularExpression(s("\\d\\.\\d{4}"))), 2);
        QVERIFY(run.out.contains(s("Coverage has no interval")));
        // The CSV holds the same figures, one row per model and metric.
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.front(), s("model,split,readers,metric,label,value,low,high"));
        QCOMPARE(rows.filter(s(",ndcg,NDCG@10,")).size(), 2);
        QCOMPARE(rows.filter(s(",rmse,RMSE,")).size(), 1);
        const QStringList dotNdcg = rows.filter(s("notebook-dot (dot.ssm),notebook,"))
                                        .filter(s(",ndcg,"))
                                        .front()
                                        .split(',');
        const double value = dotNdcg[5].toDouble();
        QVERIFY(dotNdcg[6].toDouble() <= value && value <= dotNdcg[7].toDouble());
        QVERIFY(ndcg[0].contains(QString::number(value, 'f', 4)));
        const QStringList coverageRows = rows.filter(s(",coverage,coverage,"));
        QCOMPARE(coverageRows.size(), 2);
        for (const QString& row : coverageRows)
            QVERIFY2(row.endsWith(s(",,")), qPrintable(row)); // no low, no high
    }

    void jsonAndSeeds() {
        const QStringList arguments = {s("compare"), s("--model"),     dot_,     s("--model"),
                                       ranking_,     s("--bootstrap"), s("100"), s("--json")};
        const Run first = runCli(arguments);
        const Run again = runCli(arguments);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.out, again.out); // seeded: the same intervals
        const QJsonObject root = QJsonDocument::fromJson(first.out.toUtf8()).object();
        const QJsonArray models = root[s("models")].toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[1].toObject()[s("split")].toString(), s("per-user"));
        QCOMPARE(root[s("bootstrap_replicates")].toInt(), 100);
        // One split each: each is its split's best; the default is the notebook split's.
        const QJsonArray splits = root[s("splits")].toArray();
        QCOMPARE(splits.size(), 2);
        QCOMPARE(splits[0].toObject()[s("split")].toString(), s("notebook"));
        QCOMPARE(splits[1].toObject()[s("best_on_validation")].toInt(), 1);
        QCOMPARE(root[s("default_split")].toString(), s("notebook"));
        QCOMPARE(root[s("best_on_validation")].toInt(), 0);
        QVERIFY(root[s("reason")].toString().contains(s("per-user split")));
        for (const auto& model : models)
            QVERIFY(!model.toObject().contains(s("ndcg_vs_best")));
        // Every figure but coverage has its interval, holding the value.
        for (const auto& model : models)
            for (const auto& figure : model.toObject()[s("figures")].toArray()) {
                const QJsonObject f = figure.toObject();
                const bool coverage = f[s("metric")].toString() == s("coverage");
                QCOMPARE(f.contains(s("low")), !coverage);
                if (!coverage)
                    QVERIFY(f[s("low")].toDouble() <= f[s("value")].toDouble() &&
                            f[s("value")].toDouble() <= f[s("high")].toDouble());
            }
        const Run other = runCli({s("compare"), s("--model"), dot_, s("--bootstrap"), s("100"),
                                  s("--json"), s("--seed"), s("2")});
        QCOMPARE(other.exitCode, 0);
        QVERIFY(other.out != first.out);
    }

    void refusesBadInput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no model") << QStringList{s("compare")} << 2 << s("--model is required");
        QTest::newRow("no replicates")
            << QStringList{s("compare"), s("--model"), s("x.ssm"), s("--bootstrap"), s("0")} << 2
            << s("--bootstrap");
        QTest::newRow("too few replicates for a 95% interval")
            << QStringList{s("compare"), s("--model"), s("x.ssm"), s("--bootstrap"), s("99")} << 2
            << s("--bootstrap");
        QTest::newRow("evaluate: one replicate")
            << QStringList{s("evaluate"), s("--model"), s("x.ssm"), s("--bootstrap"), s("1")} << 2
            << s("between 100 and");
        QTest::newRow("unknown option")
            << QStringList{s("compare"), s("--models"), s("x.ssm")} << 2 << s("--models");
        QTest::newRow("missing file")
            << QStringList{s("compare"), s("--model"), s("no-such.ssm")} << 3 << s("no-such.ssm");
    }
    void refusesBadInput() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void refusesAnotherDataSetAndAnUnwritableCsv() {
        const QString other = folder_.filePath(s("other"));
        const Run generated = runCli({s("generate"), s("--users"), s("50"), s("--books"), s("30"),
                                      s("--ratings"), s("500"), s("--out"), other});
        QCOMPARE(generated.exitCode, 0);
        const Run wrong = runCli({s("compare"), s("--model"), dot_, s("--data"), other});
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY(wrong.err.contains(s("another data set")));
        const QString csv = folder_.filePath(s("no/such/folder/c.csv"));
        const Run unwritable =
            runCli({s("compare"), s("--model"), dot_, s("--bootstrap"), s("100"), s("--csv"), csv});
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY(unwritable.err.contains(csv));
        QVERIFY(!QFile::exists(csv));
    }
};

QTEST_GUILESS_MAIN(TestCompareCli)
#include "tst_comparecli.moc"
