#include "demo/DemoGenerator.h"
#include "eval/Bootstrap.h"
#include "io/DataError.h"
#include "train/EvaluationProtocol.h"
#include "train/Experiment.h"
#include "train/Presets.h"
#include "train/ProtocolFigures.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

/// `readers` readers over 20 books; reader r rated book r % 20 in training and holds out
/// the books `relevantOf(r)`; every reader wants to read book 19.
template <typename Relevant> RankingData task(int readers, Relevant relevantOf) {
    RankingData data;
    data.bookRows = 20;
    for (int r = 0; r < readers; ++r) {
        data.readers.push_back(r);
        data.exclude.add({r % 20});
        data.relevant.add(relevantOf(r));
        data.toRead.add({19});
    }
    for (std::int64_t b = 0; b < 20; ++b)
        data.popularity.push_back(100 - b);
    data.recommendable.assign(20, 1);
    return data;
}

/// Every reader gets the same scores: book b scores -b (book 0 best).
void sameForEveryone(std::span<const std::int32_t> readers, Matrix& out) {
    out.resize(static_cast<Eigen::Index>(readers.size()), 20);
    for (Eigen::Index r = 0; r < out.rows(); ++r)
        for (int b = 0; b < 20; ++b)
            out(r, b) = static_cast<float>(-b);
}

/// Reader-dependent scores, so lists and hits differ between readers.
void shifted(std::span<const std::int32_t> readers, Matrix& out) {
    out.resize(static_cast<Eigen::Index>(readers.size()), 20);
    for (Eigen::Index r = 0; r < out.rows(); ++r)
        for (int b = 0; b < 20; ++b)
            out(r, b) = static_cast<float>((b * 7 + readers[static_cast<std::size_t>(r)]) % 20);
}

std::vector<std::int32_t> variedRelevant(int r) {
    std::vector<std::int32_t> books;
    for (int b = 0; b < 20; ++b)
        if ((b * 31 + r * 17) % 5 == 0)
            books.push_back(b);
    if (r % 7 == 0)
        books.clear(); // some readers hold nothing out
    return books;
}

std::vector<Interval> rankingIntervals(const RankingIntervals& i) {
    return {i.precision, i.recall,         i.ndcg,        i.map,
            i.hitRate,   i.meanPopularity, i.toReadShare, i.toReadMeanHits};
}

/// The metrics with an interval, in rankingIntervals' order (coverage has none).
std::vector<double> intervalledValues(const RankingMetrics& m) {
    return {m.precision, m.recall,         m.ndcg,        m.map,
            m.hitRate,   m.meanPopularity, m.toReadShare, m.toReadMeanHits};
}

std::vector<double> rankingValues(const RankingMetrics& m) {
    return {m.precision, m.recall,         m.ndcg,        m.map,           m.hitRate,
            m.coverage,  m.meanPopularity, m.toReadShare, m.toReadMeanHits};
}

} // namespace

class TestBootstrap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void perReaderFiguresGiveTheMetrics_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("block");
        QTest::newRow("1 thread") << 1 << 256;
        QTest::newRow("3 threads, blocks of 7") << 3 << 7;
    }
    void perReaderFiguresGiveTheMetrics() {
        QFETCH(int, threads);
        QFETCH(int, block);
        const RankingData data = task(157, variedRelevant);
        RankingConfig config;
        config.k = 5;
        config.threads = threads;
        config.readersPerBlock = block;
        const RankingDetail detail = evaluateRankingDetail(data, shifted, config);
        const RankingMetrics metrics = evaluateRanking(data, shifted, config);
        QCOMPARE(detail.readers.size(), data.readers.size());
        QCOMPARE(detail.topLists.size(), data.readers.size() * 5);
        // The per-reader figures summed again (all readers, in order) are the metrics, exactly.
        std::vector<std::size_t> everyone(data.readers.size());
        for (std::size_t r = 0; r < everyone.size(); ++r)
            everyone[r] = r;
        std::vector<std::uint8_t> scratch;
        const RankingMetrics again = summarizeReaders(data, detail, everyone, scratch);
        QCOMPARE(rankingValues(again), rankingValues(metrics));
        QCOMPARE(rankingValues(detail.metrics), rankingValues(metrics));
        QCOMPARE(again.readersWithHits, metrics.readersWithHits);
        // And the mean of the stored NDCGs over readers with held-out books is the NDCG.
        double sum = 0.0;
        std::int64_t counted = 0;
        for (const ReaderFigures& f : detail.readers) {
            sum += f.ndcg;
            counted += f.hasRelevant ? 1 : 0;
        }
        QCOMPARE(counted, metrics.readersWithHits);
        QCOMPARE(sum / static_cast<double>(counted), metrics.ndcg);
        // Figures do not depend on the thread count.
        RankingConfig one = config;
        one.threads = 1;
        one.readersPerBlock = 256;
        QCOMPARE(rankingValues(evaluateRanking(data, shifted, one)), rankingValues(metrics));
    }

    void identicalReadersGiveZeroWidth() {
        const RankingData data = task(40, [](int) { return std::vector<std::int32_t>{1, 3}; });
        // Reader r rated book r % 20, so lists differ where r % 20 is among the top books:
        // leave no training books so that every reader's list is the same.
        RankingData same = data;
        same.exclude = {};
        for (std::size_t r = 0; r < same.readers.size(); ++r)
            same.exclude.add({});
        RankingConfig config;
        config.k = 4;
        const RankingDetail detail = evaluateRankingDetail(same, sameForEveryone, config);
        const RankingIntervals intervals = bootstrapRanking(same, detail);
        const auto values = intervalledValues(detail.metrics);
        const auto list = rankingIntervals(intervals);
        for (std::size_t i = 0; i < list.size(); ++i) {
            QCOMPARE(list[i].low, values[i]);
            QCOMPARE(list[i].high, values[i]);
        }
        QVERIFY(detail.metrics.ndcg > 0.0); // not a trivial zero
    }

    void intervalsHoldTheEstimateAndAreSeeded() {
        const RankingData data = task(400, variedRelevant);
        RankingConfig config;
        config.k = 5;
        const RankingDetail detail = evaluateRankingDetail(data, shifted, config);
        BootstrapConfig bootstrap;
        bootstrap.replicates = 500;
        bootstrap.seed = 11;
        const RankingIntervals a = bootstrapRanking(data, detail, bootstrap);
        const RankingIntervals b = bootstrapRanking(data, detail, bootstrap);
        bootstrap.seed = 12;
        const RankingIntervals c = bootstrapRanking(data, detail, bootstrap);
        const auto values = intervalledValues(detail.metrics);
        const auto first = rankingIntervals(a);
        const auto again = rankingIntervals(b);
        const auto other = rankingIntervals(c);
        bool anyDiffers = false;
        for (std::size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(first[i].low, again[i].low); // the same seed, the same interval
            QCOMPARE(first[i].high, again[i].high);
            anyDiffers = anyDiffers || first[i].low != other[i].low;
            QVERIFY(first[i].low <= first[i].high);
            // Every metric with an interval: the estimate lies inside.
            QVERIFY2(first[i].contains(values[i]), qPrintable(QStringLiteral("%1 not in [%2, %3]")
                                                                  .arg(values[i])
                                                                  .arg(first[i].low)
                                                                  .arg(first[i].high)));
        }
        QVERIFY(anyDiffers);
        // The accuracy means vary between readers here (every reader with held-out books has a
        // hit, so the hit rate's interval is a point): their spread is not nil.
        for (const Interval& interval : {a.precision, a.recall, a.ndcg, a.map})
            QVERIFY(interval.width() > 0.0);
        QCOMPARE(a.hitRate.width(), 0.0);
        // About 95%: a wider level gives a wider interval.
        bootstrap.seed = 11;
        bootstrap.level = 0.5;
        QVERIFY(bootstrapRanking(data, detail, bootstrap).ndcg.width() < a.ndcg.width());
    }

    void ndcgIntervalHasTheWidthOfItsStandardError() {
        // NDCG is a mean over the readers with held-out books, so a bootstrap that resamples as
        // many readers as were evaluated gives a 95% interval about 2 x 1.96 x sd / sqrt(n)
        // wide (n of them, sd their NDCGs' spread). A resample of half the readers would give
        // one sqrt(2) times wider, of twice as many one sqrt(2) times narrower.
        const RankingData data = task(3000, variedRelevant);
        RankingConfig config;
        config.k = 5;
        const RankingDetail detail = evaluateRankingDetail(data, shifted, config);
        double sum = 0.0;
        double squares = 0.0;
        double n = 0.0;
        for (const ReaderFigures& f : detail.readers)
            if (f.hasRelevant) {
                sum += f.ndcg;
                squares += f.ndcg * f.ndcg;
                n += 1.0;
            }
        const double mean = sum / n;
        const double sd = std::sqrt(squares / n - mean * mean);
        QVERIFY(sd > 0.05); // readers differ enough for the width to mean something
        BootstrapConfig bootstrap;
        bootstrap.replicates = 2000; // the ends' Monte Carlo error: about 2% of the width
        const double width = bootstrapRanking(data, detail, bootstrap).ndcg.width();
        const double expected = 2.0 * 1.96 * sd / std::sqrt(n);
        QVERIFY2(std::abs(width / expected - 1.0) < 0.15,
                 qPrintable(QStringLiteral("width %1, expected %2").arg(width).arg(expected)));
    }

    void percentileIntervalByHand_data() {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<double>("level");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // 0..100 shuffled: the quantiles at positions 2.5 and 97.5 of 100 gaps.
        std::vector<double> hundred;
        for (int i = 100; i >= 0; --i)
            hundred.push_back(i);
        QTest::newRow("0..100") << hundred << 0.95 << 2.5 << 97.5;
        QTest::newRow("0..100 at 50%") << hundred << 0.5 << 25.0 << 75.0;
        QTest::newRow("one value") << std::vector<double>{3.0} << 0.95 << 3.0 << 3.0;
        QTest::newRow("none") << std::vector<double>{} << 0.95 << 0.0 << 0.0;
    }
    void percentileIntervalByHand() {
        QFETCH(std::vector<double>, values);
        QFETCH(double, level);
        QFETCH(double, low);
        QFETCH(double, high);
        const Interval interval = percentileInterval(values, level);
        QCOMPARE(interval.low, low);
        QCOMPARE(interval.high, high);
    }

    void resamplesDependOnSeedAndReplicateOnly() {
        std::vector<std::size_t> a;
        std::vector<std::size_t> b;
        resampleReaders(50, 3, 7, a);
        resampleReaders(50, 3, 8, b); // another replicate first does not matter
        resampleReaders(50, 3, 7, b);
        QCOMPARE(a, b);
        QCOMPARE(a.size(), std::size_t{50});
        for (std::size_t pick : a)
            QVERIFY(pick < 50);
        std::vector<std::size_t> sorted = a;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY(std::unique(sorted.begin(), sorted.end()) != sorted.end()); // with replacement
    }

    void ratingErrorIntervals() {
        // Identical readers: every replicate has the same RMSE.
        const std::vector<std::int32_t> users{0, 0, 1, 1, 2, 2};
        const std::vector<float> truth{4, 2, 4, 2, 4, 2};
        const std::vector<float> same{5, 2, 5, 2, 5, 2};
        const auto readers = readerErrors(users, truth, same, false, {});
        QCOMPARE(readers.size(), std::size_t{3});
        QCOMPARE(readers[1].squared, 1.0);
        QCOMPARE(readers[1].count, std::int64_t{2});
        const ErrorIntervals flat = bootstrapErrors(readers);
        QCOMPARE(flat.rmse.low, std::sqrt(0.5));
        QCOMPARE(flat.rmse.high, std::sqrt(0.5));
        QCOMPARE(flat.mae.low, 0.5);
        // Clipping to the scale first, as a model file may ask.
        const std::vector<float> wild{9, 2, 9, 2, 9, 2};
        QCOMPARE(readerErrors(users, truth, wild, true, {})[0].squared, 1.0);
        // Readers who differ: the RMSE over all rows lies inside, and the interval is seeded.
        std::vector<std::int32_t> many;
        std::vector<float> t;
        std::vector<float> p;
        for (int u = 0; u < 300; ++u)
            for (int i = 0; i < 1 + u % 4; ++i) {
                many.push_back(u);
                t.push_back(static_cast<float>(1 + (u + i) % 5));
                p.push_back(static_cast<float>(1 + (u + i) % 5) +
                            0.25f * static_cast<float>(u % 9));
            }
        const ErrorMetrics point = errorMetrics(p, t);
        const auto perReader = readerErrors(many, t, p, false, {});
        const ErrorIntervals spread = bootstrapErrors(perReader);
        QVERIFY(spread.rmse.contains(point.rmse));
        QVERIFY(spread.mae.contains(point.mae));
        QVERIFY(spread.rmse.width() > 0.0);
        QCOMPARE(bootstrapErrors(perReader).rmse.low, spread.rmse.low);
    }

    void badSettingsAreRefused() {
        const RankingData data = task(5, variedRelevant);
        const RankingDetail detail = evaluateRankingDetail(data, shifted);
        // A percentile 95% interval of fewer than 100 replicates has ends resting on one or
        // two of them: refused (B = 1 would give a point).
        for (int replicates : {0, 1, kMinBootstrapReplicates - 1}) {
            BootstrapConfig few;
            few.replicates = replicates;
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapRanking(data, detail, few));
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapErrors({}, few));
        }
        QCOMPARE(kMinBootstrapReplicates, 100);
        BootstrapConfig least;
        least.replicates = kMinBootstrapReplicates;
        QVERIFY(bootstrapRanking(data, detail, least).ndcg.low >= 0.0);
        BootstrapConfig level;
        level.level = 1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapErrors({}, level));
        std::atomic<bool> cancel{true};
        QVERIFY_THROWS_EXCEPTION(OperationCancelled,
                                 bootstrapRanking(data, detail, {}, {}, cancel));
    }

    void protocolOnTheDemo() {
        DemoConfig demo;
        demo.users = 600;
        demo.books = 200;
        demo.ratings = 18000;
        const DemoLibrary library = generateDemoLibrary(demo);
        ExperimentConfig config = findPreset("tuned-dot")->config;
        config.keepDuplicates = false;
        config.train.epochs = 2;
        config.split = SplitKind::PerUser;
        const ExperimentResult trained = runExperiment(library.dataset.ratings, config);
        const ModelMetadata metadata = describeModel(library.dataset, config, trained, "tuned-dot");
        QVERIFY(predictsRatings(metadata));
        ProtocolConfig protocol;
        protocol.bootstrap.replicates = 200;
        std::vector<double> fractions;
        const ProtocolResult result =
            evaluateProtocol(library.dataset, *trained.model, metadata, protocol,
                             [&](const ProgressUpdate& u) { fractions.push_back(u.fraction); });
        QCOMPARE(result.split, SplitKind::PerUser);
        QVERIFY(result.errors.has_value());
        // The RMSE is the one the run measured on its test rows.
        const PredictionQuality quality =
            assessTestPredictions(library.dataset.ratings, config, *trained.model);
        QCOMPARE(result.errors->rmse, quality.errors.rmse);
        // Every figure that has an interval holds its own estimate; coverage has none (a
        // resample of readers lists fewer books: its replicates would all lie below it).
        int withInterval = 0;
        for (const ProtocolFigure& f : protocolFigures(result)) {
            QVERIFY(f.available);
            QCOMPARE(f.hasInterval, f.key != "coverage");
            if (!f.hasInterval)
                continue;
            ++withInterval;
            QVERIFY2(f.interval.contains(f.value),
                     qPrintable(QStringLiteral("%1: %2 not in [%3, %4]")
                                    .arg(QString::fromStdString(f.key))
                                    .arg(f.value)
                                    .arg(f.interval.low)
                                    .arg(f.interval.high)));
        }
        QCOMPARE(withInterval, static_cast<int>(protocolFigures(result).size()) - 1);
        QCOMPARE(result.validation.readers + result.otherHalf.readers, result.ranking.readers);
        QVERIFY(!fractions.empty());
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QVERIFY(fractions.back() <= 1.0);
        // A ranking model reports no rating errors.
        ModelMetadata ranking = metadata;
        ranking.notes["objective"] = "ranking";
        QVERIFY(!predictsRatings(ranking));
        QVERIFY(!evaluateProtocol(library.dataset, *trained.model, ranking, protocol)
                     .errors.has_value());
    }
};

QTEST_GUILESS_MAIN(TestBootstrap)
#include "tst_bootstrap.moc"
