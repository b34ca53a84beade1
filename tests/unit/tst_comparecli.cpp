#include "CliRunner.h"
#include "ValidationOrderFixture.h"
#include "model/ModelFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace cli_test;
using namespace shelfscope;

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
    QStringList itemAndIals_; ///< item-knn and ials on the notebook split, then per-user

    /// compare --json over `models`; the parsed output (empty when it failed).
    QJsonObject compareJson(const QStringList& models) {
        QStringList arguments{s("compare"), s("--bootstrap"), s("200"), s("--json")};
        for (const QString& model : models)
            arguments << s("--model") << model;
        const Run run = runCli(arguments);
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

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
        for (const char* split : {"notebook", "per-user"})
            for (const char* preset : {"item-knn", "ials"}) {
                const QString file = folder_.filePath(s(preset) + '-' + s(split) + s(".ssm"));
                const Run run = runCli({s("train"), s("--data"), library_, s("--preset"), s(preset),
                                        s("--split"), s(split), s("--save"), file});
                QVERIFY2(run.exitCode == 0, qPrintable(run.err));
                itemAndIals_ << file;
            }
    }

    void comparesItemItemAndIalsOnBothSplits() {
        const QStringList files = QStringList{dot_, ranking_} + itemAndIals_;
        const QJsonObject root = compareJson(files);
        const QJsonArray models = root[s("models")].toArray();
        QCOMPARE(models.size(), 6);
        // Two splits of three runs: a tie, so the notebook split's best is the default.
        const QJsonArray splits = root[s("splits")].toArray();
        QCOMPARE(splits.size(), 2);
        QCOMPARE(root[s("default_split")].toString(), s("notebook"));
        for (const auto& entry : splits) {
            const QJsonObject split = entry.toObject();
            const QJsonArray members = split[s("models")].toArray();
            QCOMPARE(members.size(), 3);
            const int best = split[s("best_on_validation")].toInt();
            const QJsonObject leader = models[best].toObject();
            for (const auto& member : members) {
                const QJsonObject model = models[member.toInt()].toObject();
                QCOMPARE(model[s("split")].toString(), split[s("split")].toString());
                QVERIFY(model[s("validation_ndcg")].toDouble() <=
                        leader[s("validation_ndcg")].toDouble());
                if (member.toInt() == best) {
                    QVERIFY(!model.contains(s("ndcg_vs_best")));
                    continue;
                }
                // The paired difference: this run's NDCG@10 minus the best's, inside its interval.
                auto ndcg = [](const QJsonObject& m) {
                    for (const auto& f : m[s("figures")].toArray())
                        if (f.toObject()[s("metric")].toString() == s("ndcg"))
                            return f.toObject()[s("value")].toDouble();
                    return -1.0;
                };
                const QJsonObject d = model[s("ndcg_vs_best")].toObject();
                QCOMPARE(d[s("best")].toInt(), best);
                QVERIFY(std::abs(d[s("value")].toDouble() - (ndcg(model) - ndcg(leader))) < 1e-9);
                QVERIFY(d[s("low")].toDouble() <= d[s("value")].toDouble() &&
                        d[s("value")].toDouble() <= d[s("high")].toDouble());
            }
            if (split[s("split")].toString() == s("notebook"))
                QCOMPARE(root[s("best_on_validation")].toInt(), best);
        }
        // The item-item and ials runs rank with every figure but the rating errors.
        for (int i = 2; i < 6; ++i) {
            QVERIFY(!models[i].toObject()[s("predicts_ratings")].toBool());
            QVERIFY(models[i].toObject()[s("name")].toString().startsWith(i % 2 == 0 ? s("item-knn")
                                                                                     : s("ials")));
        }
    }

    void theDefaultIsBestOnValidationNotOverEveryone() {
        // Two models made from the notebook split's ials: one leads on the validation readers,
        // the other over all readers (ValidationOrderFixture.h).
        SavedModel ials = loadModel(itemAndIals_[1].toStdString());
        auto [validationLeader, overallLeader] = validation_fixture::splitLeaders(*ials.model, 1);
        const QString first = folder_.filePath(s("overall-leader.ssm"));
        const QString second = folder_.filePath(s("validation-leader.ssm"));
        saveModel(first.toStdString(), *overallLeader, ials.metadata);
        saveModel(second.toStdString(), *validationLeader, ials.metadata);
        const QJsonObject root = compareJson({first, second});
        const QJsonArray models = root[s("models")].toArray();
        QCOMPARE(models.size(), 2);
        const QJsonObject overall = models[0].toObject();
        const QJsonObject validation = models[1].toObject();
        auto ndcg = [](const QJsonObject& m) {
            for (const auto& f : m[s("figures")].toArray())
                if (f.toObject()[s("metric")].toString() == s("ndcg"))
                    return f.toObject()[s("value")].toDouble();
            return -1.0;
        };
        // The fixture: the two orders differ.
        QVERIFY2(validation[s("validation_ndcg")].toDouble() >
                         overall[s("validation_ndcg")].toDouble() &&
                     ndcg(overall) > ndcg(validation),
                 qPrintable(QStringLiteral("validation %1 vs %2, all readers %3 vs %4")
                                .arg(validation[s("validation_ndcg")].toDouble())
                                .arg(overall[s("validation_ndcg")].toDouble())
                                .arg(ndcg(validation))
                                .arg(ndcg(overall))));
        // The default follows validation; the other run's difference says it is ahead over all
        // readers (the figure the table shows).
        QCOMPARE(root[s("best_on_validation")].toInt(), 1);
        QVERIFY(overall[s("ndcg_vs_best")].toObject()[s("value")].toDouble() > 0.0);
        QVERIFY(root[s("reason")].toString().startsWith(
            s("ials (validation-leader.ssm) is the default")));
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
