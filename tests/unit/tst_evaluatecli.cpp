#include "CliRunner.h"
#include "data/Dataset.h"
#include "model/ModelFile.h"
#include "train/Experiment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace cli_test;
using namespace shelfscope;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

double figure(const QJsonObject& json, const char* metric) {
    for (const auto& f : json[s("figures")].toArray())
        if (f.toObject()[s("metric")].toString() == s(metric))
            return f.toObject()[s("value")].toDouble();
    return -1.0;
}

/// Readers with a held-out book rated `atLeast` or more that they did not also rate in
/// training, counted from the model's split made again here, not by the code under test.
std::int64_t readersWithRelevantBooks(const QString& library, const QString& model, float atLeast) {
    DatasetLoadConfig load;
    load.folder = library.toStdString();
    const DatasetLoadResult data = loadDataset(load);
    const ExperimentConfig config = experimentOf(loadModel(model.toStdString()).metadata);
    const RatingTable table = experimentRatings(data.dataset, config);
    const RowSplit split = experimentSplit(table, config);
    std::set<std::pair<std::int32_t, std::int32_t>> trained;
    for (std::int32_t row : split.trainRows)
        trained.insert({table.userIndex[static_cast<std::size_t>(row)],
                        table.bookIndex[static_cast<std::size_t>(row)]});
    std::set<std::int32_t> readers;
    for (std::int32_t row : split.testRows) {
        const auto r = static_cast<std::size_t>(row);
        if (table.rating[r] >= atLeast &&
            !trained.contains({table.userIndex[r], table.bookIndex[r]}))
            readers.insert(table.userIndex[r]);
    }
    return static_cast<std::int64_t>(readers.size());
}

} // namespace

/// `shelfscope-cli evaluate`'s options do what the help and docs/RANKING.md say they do.
class TestEvaluateCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir folder_;
    QString library_;
    QString ials_;
    QString dot_;
    QString ranking_;

    /// evaluate --json with a small bootstrap; the parsed output (empty when it failed).
    QJsonObject evaluate(const QString& model, const QStringList& options = {}) {
        const Run run = runCli(QStringList{s("evaluate"), s("--model"), model, s("--bootstrap"),
                                           s("100"), s("--json")} +
                               options);
        if (run.exitCode != 0) {
            qWarning("%s", qPrintable(run.err));
            return {};
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(folder_.isValid());
        library_ = folder_.filePath(s("library"));
        ials_ = folder_.filePath(s("ials.ssm"));
        dot_ = folder_.filePath(s("dot.ssm"));
        ranking_ = folder_.filePath(s("ranking.ssm"));
        const Run ials = generateAndTrain(library_, ials_, s("ials"), 5);
        QVERIFY2(ials.exitCode == 0, qPrintable(ials.err));
        for (const auto& [preset, file] :
             {std::pair{s("tuned-dot"), dot_}, {s("ranking-dot"), ranking_}}) {
            const Run run = runCli({s("train"), s("--data"), library_, s("--preset"), preset,
                                    s("--epochs"), s("3"), s("--save"), file});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
    }

    void relevantRatingKeepsOnlyBooksRatedAtLeastThat() {
        // "Held-out ratings at or above X count as hits": the readers who have any are the
        // readers with such a held-out book, and they become fewer as X rises.
        std::vector<qint64> counted;
        for (double atLeast : {0.0, 3.0, 4.0, 5.0}) {
            const QJsonObject json =
                evaluate(ials_, {s("--relevant-rating"), QString::number(atLeast)});
            QVERIFY(!json.isEmpty());
            QCOMPARE(json[s("relevant_rating")].toDouble(), atLeast);
            const QJsonObject model = json[s("model")].toObject();
            const qint64 readers = model[s("readers_with_held_out_books")].toInteger();
            QCOMPARE(readers,
                     readersWithRelevantBooks(library_, ials_, static_cast<float>(atLeast)));
            // Every reader with training books still gets a list.
            QCOMPARE(model[s("readers")].toInteger(),
                     evaluate(ials_)[s("model")].toObject()[s("readers")].toInteger());
            counted.push_back(readers);
        }
        QVERIFY(counted[0] > counted[2] && counted[2] > counted[3] && counted[3] > 0);
        const Run text = runCli({s("evaluate"), s("--model"), ials_, s("--bootstrap"), s("100"),
                                 s("--relevant-rating"), s("4")});
        QVERIFY(text.out.contains(s("hits = held-out books rated 4.0 or more")));
    }

    void maxReadersEvaluatesASeededSample() {
        const QJsonObject all = evaluate(ials_);
        const qint64 everyone = all[s("model")].toObject()[s("readers")].toInteger();
        QVERIFY(everyone > 100);
        const QStringList sample = {s("--max-readers"), s("60")};
        const QJsonObject first = evaluate(ials_, sample);
        QCOMPARE(first[s("model")].toObject()[s("readers")].toInteger(), qint64{60});
        // The baselines are judged on the same readers.
        QCOMPARE(first[s("popularity")].toObject()[s("readers")].toInteger(), qint64{60});
        QVERIFY(first[s("model")].toObject()[s("readers_with_held_out_books")].toInteger() <= 60);
        // Seeded: the same sample and figures again; another seed, other readers.
        QCOMPARE(evaluate(ials_, sample)[s("figures")], first[s("figures")]);
        const QJsonObject other = evaluate(ials_, sample + QStringList{s("--seed"), s("2")});
        QCOMPARE(other[s("model")].toObject()[s("readers")].toInteger(), qint64{60});
        QVERIFY(other[s("figures")] != first[s("figures")]);
        QVERIFY(first[s("figures")] != all[s("figures")]);
        // More than there are: everyone, as without the option.
        const QJsonObject more =
            evaluate(ials_, {s("--max-readers"), QString::number(everyone + 50)});
        QCOMPARE(more[s("model")].toObject()[s("readers")].toInteger(), everyone);
        QCOMPARE(more[s("figures")], all[s("figures")]);
    }

    void popularCandidatesListThePopularBooksFirst() {
        const QJsonObject alone = evaluate(dot_);
        // Every book a candidate: the model's own order, every figure as without the option.
        QCOMPARE(evaluate(dot_, {s("--popular-candidates"), s("100000")})[s("figures")],
                 alone[s("figures")]);
        // The 10 most popular first: a top 10 holds every one of them the reader has not rated,
        // then the model's best; never more popular than the popularity baseline's list (the
        // most popular books the reader has not rated), more popular than the model's alone.
        const QJsonObject first = evaluate(dot_, {s("--popular-candidates"), s("10")});
        QVERIFY(!first.isEmpty());
        const double popularity = figure(first, "mean_popularity");
        QVERIFY2(popularity > figure(alone, "mean_popularity"),
                 qPrintable(QStringLiteral("%1 against %2")
                                .arg(popularity)
                                .arg(figure(alone, "mean_popularity"))));
        QVERIFY(popularity <=
                first[s("popularity")].toObject()[s("mean_popularity")].toDouble() * (1 + 1e-12));
        QVERIFY(first[s("figures")] != alone[s("figures")]);
    }

    void popularityBlendFavoursOrAvoidsWidelyReadBooks() {
        // ranking-dot records a blend of 2: evaluate uses it unless told otherwise.
        const QJsonObject recorded = evaluate(ranking_);
        QCOMPARE(recorded[s("popularity_blend")].toDouble(), 2.0);
        const QJsonObject two = evaluate(ranking_, {s("--popularity-blend"), s("2")});
        QCOMPARE(two[s("figures")], recorded[s("figures")]);
        // "Below 0 discovers, above 0 favours the widely read."
        std::vector<double> popularity;
        for (const char* weight : {"-3", "0", "2", "3"}) {
            const QJsonObject json = evaluate(ranking_, {s("--popularity-blend"), s(weight)});
            QCOMPARE(json[s("popularity_blend")].toDouble(), QString(s(weight)).toDouble());
            popularity.push_back(figure(json, "mean_popularity"));
        }
        QVERIFY2(popularity[0] < popularity[1] && popularity[1] < popularity[2] &&
                     popularity[2] <= popularity[3],
                 qPrintable(QStringLiteral("%1 %2 %3 %4")
                                .arg(popularity[0])
                                .arg(popularity[1])
                                .arg(popularity[2])
                                .arg(popularity[3])));
    }
};

QTEST_GUILESS_MAIN(TestEvaluateCli)
#include "tst_evaluatecli.moc"
