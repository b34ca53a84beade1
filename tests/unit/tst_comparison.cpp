#include "demo/DemoGenerator.h"
#include "eval/Bootstrap.h"
#include "train/EvaluationProtocol.h"
#include "train/Experiment.h"
#include "train/Presets.h"
#include "train/ProtocolComparison.h"

#include <QTest>
#include <clocale>
#include <cmath>
#include <cstdio>

using namespace shelfscope;

namespace {

/// A result with the given NDCG@10 on the validation half and over every evaluated reader.
ProtocolResult result(SplitKind split, double validation, double all) {
    ProtocolResult r;
    r.split = split;
    r.splitName = splitKindName(split);
    r.datasetFingerprint = 7;
    r.k = 10;
    r.ranking.readers = 42;
    r.ranking.ndcg = all;
    r.rankingIntervals.ndcg = {all - 0.01, all + 0.01};
    r.validation.ndcg = validation;
    r.otherHalf.ndcg = 2.0 * all - validation;
    return r;
}

/// `count` readers whose NDCG is `base(i) + shift`; every seventh has no held-out books.
ReaderNdcgs readersOf(int count, double shift) {
    ReaderNdcgs readers;
    for (int i = 0; i < count; ++i) {
        const bool counted = i % 7 != 0;
        readers.readers.push_back(i);
        readers.ndcg.push_back(counted ? 0.05 + 0.4 * ((i * 37) % 11) / 10.0 + shift : 0.0);
        readers.counted.push_back(counted ? 1 : 0);
    }
    return readers;
}

/// prefix + n (operator+ of a literal and a temporary trips GCC 12's -Wrestrict).
std::string named(const char* prefix, std::int64_t n) {
    std::string text = prefix;
    text += std::to_string(n);
    return text;
}

double countedMean(const ReaderNdcgs& r, const std::vector<std::size_t>& picks) {
    double sum = 0.0;
    double count = 0.0;
    for (std::size_t i : picks)
        if (r.counted[i]) {
            sum += r.ndcg[i];
            count += 1.0;
        }
    return sum / count;
}

} // namespace

/// The comparison's one rule (summarizeComparison): validation NDCG is compared only among the
/// runs of one split, the default comes from one named split, and each run is set against its
/// split's best with a paired bootstrap interval.
class TestComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theDefaultIsTheBestOnValidationOfOneSplit() {
        // On the notebook split A leads on validation and B over all readers; on the per-user
        // split C has the highest validation figure of all, but of other held-out books.
        const std::vector<ComparedModel> models = {{"A", result(SplitKind::Notebook, 0.20, 0.15)},
                                                   {"B", result(SplitKind::Notebook, 0.18, 0.19)},
                                                   {"C", result(SplitKind::PerUser, 0.30, 0.31)},
                                                   {"D", result(SplitKind::PerUser, 0.10, 0.11)}};
        const ComparisonSummary summary = summarizeComparison(models);
        QCOMPARE(summary.splits.size(), std::size_t{2});
        QCOMPARE(summary.splits[0].name, std::string("notebook"));
        QCOMPARE(summary.splits[0].models, (std::vector<int>{0, 1}));
        QCOMPARE(summary.splits[0].best, 0); // A: validation, not B's all-readers lead
        QCOMPARE(summary.splits[1].best, 2);
        QCOMPARE(summary.splitOf, (std::vector<int>{0, 0, 1, 1}));
        // The notebook's split goes first, so A, not C.
        QCOMPARE(summary.defaultSplit, 0);
        QCOMPARE(summary.defaultModel, 0);
        QCOMPARE(summary.choice, ComparisonSummary::SplitChoice::SplitOrder);
        const std::string why = defaultReason(models, summary);
        QVERIFY2(why.starts_with("A is the default recommender: the best NDCG@10 on the "
                                 "validation readers"),
                 why.c_str());
        QVERIFY(why.find("among the 2 runs on the notebook split, 0.2000 against 0.1800 for B") !=
                std::string::npos);
        QVERIFY(why.find("the default comes from the notebook's split when there is one") !=
                std::string::npos);
        QVERIFY(why.find("per-user split, C (0.3000)") != std::string::npos);

        // More runs on the per-user split do not move the default there.
        std::vector<ComparedModel> more = models;
        more.push_back({"E", result(SplitKind::PerUser, 0.12, 0.40)});
        more.push_back({"F", result(SplitKind::PerUser, 0.05, 0.05)});
        const ComparisonSummary most = summarizeComparison(more);
        QCOMPARE(most.defaultModel, 0);
        QCOMPARE(most.choice, ComparisonSummary::SplitChoice::SplitOrder);

        // Two runs tied on validation: said so, and the first listed is taken.
        const std::vector<ComparedModel> tied = {{"G", result(SplitKind::Notebook, 0.2, 0.1)},
                                                 {"H", result(SplitKind::Notebook, 0.2, 0.3)}};
        const ComparisonSummary tie = summarizeComparison(tied);
        QCOMPARE(tie.defaultModel, 0);
        QVERIFY2(defaultReason(tied, tie).find("tied with H") != std::string::npos,
                 defaultReason(tied, tie).c_str());
    }

    void splitsAndTies_data() {
        QTest::addColumn<std::vector<int>>("kinds"); // SplitKind per model
        QTest::addColumn<std::vector<int>>("fingerprints");
        QTest::addColumn<int>("splits");
        QTest::addColumn<int>("defaultModel");
        QTest::addColumn<int>("choice");
        using C = ComparisonSummary::SplitChoice;
        const int notebook = static_cast<int>(SplitKind::Notebook);
        const int perUser = static_cast<int>(SplitKind::PerUser);
        const int random = static_cast<int>(SplitKind::Random);
        QTest::newRow("one run") << std::vector<int>{notebook} << std::vector<int>{7} << 1 << 0
                                 << static_cast<int>(C::Only);
        QTest::newRow("per-user before random, whatever the order")
            << std::vector<int>{random, perUser} << std::vector<int>{7, 7} << 2 << 1
            << static_cast<int>(C::SplitOrder);
        QTest::newRow("the notebook split even when listed last")
            << std::vector<int>{perUser, notebook} << std::vector<int>{7, 7} << 2 << 1
            << static_cast<int>(C::SplitOrder);
        QTest::newRow("the notebook split against two per-user runs")
            << std::vector<int>{perUser, perUser, notebook} << std::vector<int>{7, 7, 7} << 2 << 2
            << static_cast<int>(C::SplitOrder);
        QTest::newRow("same name, another data set: the first of its kind")
            << std::vector<int>{notebook, notebook} << std::vector<int>{7, 8} << 2 << 0
            << static_cast<int>(C::FirstOfItsKind);
    }
    void splitsAndTies() {
        QFETCH(std::vector<int>, kinds);
        QFETCH(std::vector<int>, fingerprints);
        QFETCH(int, splits);
        QFETCH(int, defaultModel);
        QFETCH(int, choice);
        std::vector<ComparedModel> models;
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            // The later model is better on validation: only the split rule keeps it out.
            ProtocolResult r = result(static_cast<SplitKind>(kinds[i]), 0.1 + 0.1 * i, 0.1);
            r.datasetFingerprint = static_cast<std::uint64_t>(fingerprints[i]);
            r.datasetName = named("set ", fingerprints[i]);
            models.push_back({named("m", static_cast<std::int64_t>(i)), r});
        }
        const ComparisonSummary summary = summarizeComparison(models);
        QCOMPARE(static_cast<int>(summary.splits.size()), splits);
        // Splits of several data sets are named with theirs.
        const bool severalSets = fingerprints.front() != fingerprints.back();
        QCOMPARE(
            summary.splits.back().name.ends_with(" of set " + std::to_string(fingerprints.back())),
            severalSets);
        QCOMPARE(summary.defaultModel, defaultModel);
        QCOMPARE(static_cast<int>(summary.choice), choice);
        QVERIFY(!defaultReason(models, summary).empty());
    }

    void nothingCompared() {
        const ComparisonSummary summary = summarizeComparison({});
        QCOMPARE(summary.defaultModel, -1);
        QVERIFY(defaultReason({}, summary).empty());
    }

    void pairedDifferenceIsTheDifferenceOfTheReplicates() {
        const ReaderNdcgs a = readersOf(600, 0.0);
        ReaderNdcgs b = readersOf(600, 0.0);
        for (std::size_t i = 0; i < b.ndcg.size(); ++i) // b: a little better, unevenly
            if (b.counted[i])
                b.ndcg[i] += 0.02 * ((i * 13) % 5) / 4.0;
        BootstrapConfig config;
        config.replicates = 300;
        config.seed = 5;
        const PairedDifference d = pairedDifference(a.ndcg, b.ndcg, a.counted, config);
        // Replicate by replicate: a's replicate minus b's, as each model's own interval
        // resamples the readers (resampleReaders with the same seed and size).
        std::vector<double> differences;
        std::vector<double> ownOfA;
        std::vector<std::size_t> picks;
        for (int r = 0; r < config.replicates; ++r) {
            resampleReaders(a.ndcg.size(), config.seed, r, picks);
            differences.push_back(countedMean(a, picks) - countedMean(b, picks));
            ownOfA.push_back(countedMean(a, picks));
        }
        const Interval expected = percentileInterval(differences, config.level);
        QVERIFY(std::abs(d.interval.low - expected.low) < 1e-12);
        QVERIFY(std::abs(d.interval.high - expected.high) < 1e-12);
        std::vector<std::size_t> everyone(a.ndcg.size());
        for (std::size_t i = 0; i < everyone.size(); ++i)
            everyone[i] = i;
        QVERIFY(std::abs(d.value - (countedMean(a, everyone) - countedMean(b, everyone))) < 1e-12);
        QVERIFY(d.interval.contains(d.value));
        QVERIFY(d.interval.high < 0.0); // b is better for every reader it differs on
        // Pairing removes what the readers share: far narrower than a's own interval.
        QVERIFY(d.interval.width() < 0.5 * percentileInterval(ownOfA, config.level).width());
        // The same model twice: exactly no difference.
        const PairedDifference none = pairedDifference(a.ndcg, a.ndcg, a.counted, config);
        QCOMPARE(none.value, 0.0);
        QCOMPARE(none.interval.low, 0.0);
        QCOMPARE(none.interval.high, 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 pairedDifference(a.ndcg, std::vector<double>(3), a.counted));
    }

    void differencesPairOnlyTheSameReaders() {
        std::vector<ComparedModel> models = {
            {"best", result(SplitKind::Notebook, 0.3, 0.2)},
            {"same readers", result(SplitKind::Notebook, 0.2, 0.2)},
            {"other readers", result(SplitKind::Notebook, 0.1, 0.1)},
            {"alone", result(SplitKind::PerUser, 0.1, 0.1)}};
        models[0].result.perReader = readersOf(200, 0.0);
        models[1].result.perReader = readersOf(200, -0.05);
        models[2].result.perReader = readersOf(200, 0.0);
        models[2].result.perReader.readers[5] = 999; // another reader
        models[3].result.perReader = readersOf(200, 0.0);
        for (ComparedModel& m : models)
            m.result.bootstrap.replicates = 200;
        const ComparisonSummary summary = summarizeComparison(models);
        QVERIFY(!summary.toBest[0].available); // the best itself
        QVERIFY(summary.toBest[1].available);
        QVERIFY(std::abs(summary.toBest[1].value + 0.05) < 1e-12);
        QVERIFY(std::abs(summary.toBest[1].interval.low + 0.05) < 1e-12); // a constant shift
        QVERIFY(!summary.toBest[2].available);
        QVERIFY(!summary.toBest[3].available); // the best of its own split

        // The CSV: every figure, coverage without an interval, and a difference row for the
        // one run that pairs with its split's best.
        models[0].result.errors = ErrorMetrics{0.64, 0.8, 0.6, 100};
        models[0].result.errorIntervals.rmse = {0.75, 0.85};
        models[0].name = "tuned-dot (a, b.ssm)";
        const std::string csv = comparisonCsv(models, summary);
        const QStringList lines = QString::fromStdString(csv).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QStringLiteral("model,split,readers,metric,label,value,low,high"));
        const auto figures = static_cast<qsizetype>(protocolFigures(models[0].result).size());
        QCOMPARE(lines.size(), 1 + figures + 3 * (figures - 2) + 1); // RMSE, MAE: model 0 only
        QVERIFY(lines.contains(
            QStringLiteral("\"tuned-dot (a, b.ssm)\",notebook,42,ndcg,NDCG@10,0.2,0.19,0.21")));
        QVERIFY(lines.contains(
            QStringLiteral("\"tuned-dot (a, b.ssm)\",notebook,42,rmse,RMSE,0.8,0.75,0.85")));
        QVERIFY(lines.contains(QStringLiteral("alone,per-user,42,coverage,coverage,0,,")));
        const QStringList differences = lines.filter(QStringLiteral(",ndcg_vs_best,"));
        QCOMPARE(differences.size(), 1);
        QVERIFY2(differences[0].startsWith(QStringLiteral(
                     "same readers,notebook,42,ndcg_vs_best,\"NDCG@10 minus tuned-dot (a, "
                     "b.ssm)\",-0.05,")),
                 qPrintable(differences[0]));
    }

    void numbersKeepTheirDotUnderADecimalComma() {
        // QApplication sets the C locale from the environment: the Compare tab's CSV and its
        // sentence must not turn 0.125 into 0,125 (a CSV's field separator).
        const std::vector<ComparedModel> models = {{"a", result(SplitKind::Notebook, 0.25, 0.125)},
                                                   {"b", result(SplitKind::Notebook, 0.5, 0.5)}};
        if (std::setlocale(LC_ALL, "de_DE.UTF-8") == nullptr)
            QSKIP("the de_DE.UTF-8 locale is not installed (run packaging/install-deps.sh)");
        char probe[16];
        std::snprintf(probe, sizeof probe, "%.3f", 0.125);
        const std::string inLocale = probe;
        const ComparisonSummary summary = summarizeComparison(models);
        const std::string csv = comparisonCsv(models, summary);
        const std::string why = defaultReason(models, summary);
        std::setlocale(LC_ALL, "C");
        QCOMPARE(inLocale, std::string("0,125")); // the locale was in force
        QVERIFY(csv.find("a,notebook,42,ndcg,NDCG@10,0.125,0.115,0.135\n") != std::string::npos);
        QVERIFY(why.find("0.5000 against 0.2500") != std::string::npos);
    }

    void splitNames_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("testFraction");
        QTest::addColumn<int>("holdout");
        QTest::addColumn<int>("seed");
        QTest::addColumn<bool>("dropped");
        QTest::addColumn<QString>("name");
        const int notebook = static_cast<int>(SplitKind::Notebook);
        const int perUser = static_cast<int>(SplitKind::PerUser);
        QTest::newRow("the presets' notebook split")
            << notebook << 0.2 << 5 << 42 << false << QStringLiteral("notebook");
        QTest::newRow("the presets' per-user split")
            << perUser << 0.2 << 5 << 42 << false << QStringLiteral("per-user");
        QTest::newRow("per-user, 3 held out, seed 7")
            << perUser << 0.2 << 3 << 7 << false << QStringLiteral("per-user (hold out 3, seed 7)");
        QTest::newRow("notebook, a quarter, no repeats")
            << notebook << 0.25 << 5 << 42 << true
            << QStringLiteral("notebook (test share 0.25, duplicate rows dropped)");
    }
    void splitNames() {
        QFETCH(int, kind);
        QFETCH(double, testFraction);
        QFETCH(int, holdout);
        QFETCH(int, seed);
        QFETCH(bool, dropped);
        QFETCH(QString, name);
        ExperimentConfig config;
        config.split = static_cast<SplitKind>(kind);
        config.testFraction = testFraction;
        config.holdoutPerUser = holdout;
        config.splitSeed = static_cast<std::uint64_t>(seed);
        QCOMPARE(QString::fromStdString(splitName(config, dropped)), name);
    }

    void modelsOfOneSplitPairUpOnTheDemo() {
        // notebook-dot (rows are user_ids) and tuned-dot (dense rows) on the notebook split,
        // tuned-dot on the per-user split: two splits, the first two on the same readers.
        DemoConfig demo;
        demo.users = 500;
        demo.books = 120;
        demo.ratings = 12000;
        const DemoLibrary library = generateDemoLibrary(demo);
        ProtocolConfig protocol;
        protocol.bootstrap.replicates = 200;
        protocol.data.maxReaders = 300;
        std::vector<ComparedModel> models;
        for (const auto& [preset, split] : {std::pair{"notebook-dot", SplitKind::Notebook},
                                            {"tuned-dot", SplitKind::Notebook},
                                            {"tuned-dot", SplitKind::PerUser}}) {
            ExperimentConfig config = findPreset(preset)->config;
            config.train.epochs = 2;
            config.split = split;
            const ExperimentResult trained = runExperiment(library.dataset.ratings, config);
            const ModelMetadata metadata = describeModel(library.dataset, config, trained, preset);
            models.push_back(
                {std::string(preset) + " " + splitKindName(split),
                 evaluateProtocol(library.dataset, *trained.model, metadata, protocol)});
        }
        const ProtocolResult& raw = models[0].result;
        const ProtocolResult& dense = models[1].result;
        QCOMPARE(raw.splitName, std::string("notebook"));
        QCOMPARE(models[2].result.splitName, std::string("per-user"));
        QCOMPARE(raw.perReader.readers.size(), std::size_t{300});
        QCOMPARE(raw.perReader.readers, dense.perReader.readers);
        QCOMPARE(raw.perReader.counted, dense.perReader.counted);
        QCOMPARE(raw.validation.readers, dense.validation.readers);
        const ComparisonSummary summary = summarizeComparison(models);
        QCOMPARE(summary.splits.size(), std::size_t{2});
        const int best = summary.splits[0].best;
        const int other = 1 - best;
        QVERIFY(!summary.toBest[static_cast<std::size_t>(best)].available);
        const DifferenceToBest& d = summary.toBest[static_cast<std::size_t>(other)];
        QVERIFY(d.available);
        QVERIFY(std::abs(d.value - (models[static_cast<std::size_t>(other)].result.ranking.ndcg -
                                    models[static_cast<std::size_t>(best)].result.ranking.ndcg)) <
                1e-12);
        QVERIFY(d.interval.contains(d.value));
        QVERIFY(d.interval.width() > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
