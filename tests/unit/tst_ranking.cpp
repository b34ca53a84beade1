#include "demo/DemoGenerator.h"
#include "eval/Ranking.h"
#include "model/Model.h"
#include "train/Experiment.h"
#include "train/Presets.h"
#include "train/RankingEvaluation.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

/// Two readers over five books. Reader 0 rated book 0 in training, holds out books 1 and 3,
/// wants to read book 4. Reader 1 rated books 1 and 2, holds out book 4, wants book 0.
RankingData tinyTask() {
    RankingData data;
    data.bookRows = 5;
    data.readers = {0, 1};
    data.exclude.add({0});
    data.exclude.add({1, 2});
    data.relevant.add({1, 3});
    data.relevant.add({4});
    data.toRead.add({4});
    data.toRead.add({0});
    data.popularity = {50, 40, 30, 20, 10};
    data.recommendable = {1, 1, 1, 1, 1};
    return data;
}

/// Scores books 4, 3, 2, 1, 0 from best to worst for every reader.
void reverseScores(std::span<const std::int32_t> readers, Matrix& out) {
    out.resize(static_cast<Eigen::Index>(readers.size()), 5);
    for (Eigen::Index r = 0; r < out.rows(); ++r)
        for (int b = 0; b < 5; ++b)
            out(r, b) = static_cast<float>(b);
}

} // namespace

class TestRanking : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listMetricsByHand() {
        // Top 4: 5, 3, 9, 1 against relevant {1, 3, 7}: hits at ranks 2 and 4.
        const std::vector<std::int32_t> top{5, 3, 9, 1};
        const std::vector<std::int32_t> relevant{1, 3, 7};
        const ListMetrics m = listMetrics(top, relevant, 4);
        QCOMPARE(m.hits, 2);
        QCOMPARE(m.precision, 0.5);
        QCOMPARE(m.recall, 2.0 / 3.0);
        const double dcg = 1.0 / std::log2(3.0) + 1.0 / std::log2(5.0);
        const double idcg = 1.0 + 1.0 / std::log2(3.0) + 0.5;
        QVERIFY(std::abs(m.ndcg - dcg / idcg) < 1e-12);
        QVERIFY(std::abs(m.averagePrecision - (0.5 + 0.5) / 3.0) < 1e-12);
        // A perfect list scores 1 everywhere it can.
        const ListMetrics perfect = listMetrics(relevant, relevant, 3);
        QCOMPARE(perfect.ndcg, 1.0);
        QCOMPARE(perfect.averagePrecision, 1.0);
        QCOMPARE(perfect.recall, 1.0);
        QCOMPARE(listMetrics(top, {}, 4).hits, 0);
    }

    void evaluateRankingByHand_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("one thread") << 1;
        QTest::newRow("two threads") << 2;
    }

    void evaluateRankingByHand() {
        QFETCH(int, threads);
        const RankingData data = tinyTask();
        RankingConfig config;
        config.k = 2;
        config.threads = threads;
        config.readersPerBlock = 1;
        const RankingMetrics m = evaluateRanking(data, reverseScores, config);
        // Reader 0: top 2 = 4, 3 (book 0 excluded): one hit (3, rank 2) of two relevant.
        // Reader 1: top 2 = 4, 3 (1 and 2 excluded): one hit (4, rank 1) of one relevant.
        QCOMPARE(m.readers, std::int64_t{2});
        QCOMPARE(m.readersWithHits, std::int64_t{2});
        QCOMPARE(m.precision, 0.5);
        QCOMPARE(m.recall, (0.5 + 1.0) / 2.0);
        const double ndcg0 = (1.0 / std::log2(3.0)) / (1.0 + 1.0 / std::log2(3.0));
        QVERIFY(std::abs(m.ndcg - (ndcg0 + 1.0) / 2.0) < 1e-12);
        QCOMPARE(m.map, (0.25 + 1.0) / 2.0); // reader 0: (1/2) / 2
        QCOMPARE(m.hitRate, 1.0);
        QCOMPARE(m.coverage, 2.0 / 5.0); // books 3 and 4 only
        QCOMPARE(m.meanPopularity, (10.0 + 20.0 + 10.0 + 20.0) / 4.0);
        // Book 4 is on reader 0's to-read list and in their top 2; reader 1 wants book 0.
        QCOMPARE(m.toReadShare, 0.5);
        QCOMPARE(m.toReadMeanHits, 0.5);
    }

    void readersWithoutHeldOutBooksCountOnlyForTheLists() {
        RankingData data = tinyTask();
        data.readers.push_back(2); // a third reader: nothing held out, wants book 4
        data.exclude.add({});
        data.relevant.add({});
        data.toRead.add({4});
        RankingConfig config;
        config.k = 2;
        const RankingMetrics m = evaluateRanking(data, reverseScores, config);
        QCOMPARE(m.readers, std::int64_t{3});
        QCOMPARE(m.readersWithHits, std::int64_t{2});
        QCOMPARE(m.precision, 0.5);         // still over the two readers with hits
        QCOMPARE(m.toReadShare, 2.0 / 3.0); // book 4 tops the third reader's list too
        QCOMPARE(m.toReadMeanHits, 2.0 / 3.0);
    }

    void popularityAndRandomBaselines() {
        const RankingData data = tinyTask();
        RankingConfig config;
        config.k = 1;
        // Popularity: reader 0 gets book 1 (0 excluded): a hit; reader 1 gets book 0: no hit,
        // but it is on their to-read list.
        const RankingMetrics popular = evaluateRanking(data, popularityScorer(data), config);
        QCOMPARE(popular.hitRate, 0.5);
        QCOMPARE(popular.toReadShare, 0.5);
        QCOMPARE(popular.meanPopularity, 45.0);
        // Random: reproducible for a seed.
        const RankingMetrics a = evaluateRanking(data, randomScorer(5, 7), config);
        const RankingMetrics b = evaluateRanking(data, randomScorer(5, 7), config);
        QCOMPARE(a.ndcg, b.ndcg);
        QCOMPARE(a.coverage, b.coverage);
    }

    void bprBeatsTheBaselinesOnADemoLibrary() {
        DemoConfig demo;
        demo.users = 1500;
        demo.books = 300;
        demo.ratings = 45000;
        demo.genres = 6;
        const DemoLibrary library = generateDemoLibrary(demo);
        ExperimentConfig config = findPreset("ranking-dot")->config;
        config.split = SplitKind::PerUser;
        config.keepDuplicates = false;
        config.model.dim = 16;
        config.bpr.epochs = 15;
        const ExperimentResult trained = runExperiment(library.dataset.ratings, config);
        QCOMPARE(trained.training.outcome, TrainOutcome::Finished);
        QCOMPARE(trained.training.epochs.size(), std::size_t{15});
        // The BPR loss falls from log 2 (a coin toss) as the model learns.
        QVERIFY(trained.training.epochs.front().trainLoss < std::log(2.0));
        QVERIFY(trained.training.epochs.back().trainLoss <
                0.8 * trained.training.epochs.front().trainLoss);
        const ModelMetadata metadata = describeModel(library.dataset, config, trained, "ranking");
        const RankingData data =
            rankingData(library.dataset, library.dataset.ratings, config, metadata);
        QVERIFY(data.readers.size() > 1000); // 5 held out of every reader with 10 or more
        QCOMPARE(data.popularitySource, std::string("books.csv ratings_count")); // the demo has it
        const RankingMetrics model = evaluateRanking(data, modelScorer(*trained.model));
        const RankingMetrics popular = evaluateRanking(data, popularityScorer(data));
        const RankingMetrics random = evaluateRanking(data, randomScorer(data.bookRows));
        QVERIFY2(model.ndcg > 1.5 * popular.ndcg && model.ndcg > 3.0 * random.ndcg,
                 qPrintable(QStringLiteral("model %1, popularity %2, random %3")
                                .arg(model.ndcg)
                                .arg(popular.ndcg)
                                .arg(random.ndcg)));
    }

    void popularCandidatesKeepTheModelsOrder() {
        // Scores a thousandth apart, as rating predictions are: the two most popular books
        // (0 and 1) come first in the model's order (1 before 0), then the others in the
        // model's order (4, 3, 2). A lift of 1e6 in float rounds them to the same score.
        ModelConfig config;
        config.dim = 1;
        const std::unique_ptr<Model> model = createModel(config, 1, 5, 1);
        model->parameters()[0].values(0, 0) = 1.0f;
        for (int b = 0; b < 5; ++b)
            model->parameters()[1].values(b, 0) = 3.0f + 0.001f * static_cast<float>(b);
        RankingData data;
        data.bookRows = 5;
        data.popularity = {50, 40, 30, 20, 10};
        Matrix scores;
        const std::vector<std::int32_t> reader{0};
        popularCandidatesScorer(*model, data, 2)(reader, scores);
        for (const auto& [before, after] : {std::pair{1, 0}, {0, 4}, {4, 3}, {3, 2}})
            QVERIFY2(scores(0, before) > scores(0, after),
                     qPrintable(QStringLiteral("book %1 (%2) not above book %3 (%4)")
                                    .arg(before)
                                    .arg(scores(0, before))
                                    .arg(after)
                                    .arg(scores(0, after))));
        // Every book a candidate: the model's scores as they are.
        popularCandidatesScorer(*model, data, 5)(reader, scores);
        for (int b = 0; b < 5; ++b)
            QCOMPARE(scores(0, b), 3.0f + 0.001f * static_cast<float>(b));
    }

    void halvesNameTheSameReadersWhateverTheRows_data() {
        QTest::addColumn<int>("half");
        QTest::newRow("validation half") << 0;
        QTest::newRow("other half") << 1;
    }
    void halvesNameTheSameReadersWhateverTheRows() {
        // notebook-dot's rows are user_ids, tuned-dot's dense indices: on the same split, the
        // same seeded half must hold the same readers, or their validation figures would be
        // other readers' (and the sampled readers the same people).
        QFETCH(int, half);
        DemoConfig demo;
        demo.users = 400;
        demo.books = 80;
        demo.ratings = 8000;
        const DemoLibrary library = generateDemoLibrary(demo);
        std::vector<std::vector<std::int32_t>> userIds;
        std::vector<std::vector<std::int32_t>> indices;
        for (const char* preset : {"notebook-dot", "tuned-dot"}) {
            ExperimentConfig config = findPreset(preset)->config;
            config.train.epochs = 1;
            const ExperimentResult trained = runExperiment(library.dataset.ratings, config);
            const ModelMetadata metadata = describeModel(library.dataset, config, trained, preset);
            RankingDataConfig options;
            options.readerHalf = half;
            options.maxReaders = 150;
            options.seed = 3;
            const RankingData data =
                rankingData(library.dataset, library.dataset.ratings, config, metadata, options);
            std::vector<std::int32_t> ids;
            for (std::int32_t row : data.readers)
                ids.push_back(metadata.userRawIds[static_cast<std::size_t>(row)]);
            userIds.push_back(ids);
            indices.push_back(data.readerIndices);
            QCOMPARE(data.readerIndices.size(), data.readers.size());
            for (std::size_t r = 0; r < ids.size(); ++r) // the index names the same user_id
                QCOMPARE(library.dataset.ratings.users.rawId(data.readerIndices[r]), ids[r]);
        }
        QCOMPARE(userIds[0].size(), std::size_t{150});
        QCOMPARE(userIds[0], userIds[1]);
        QCOMPARE(indices[0], indices[1]);
    }
};

QTEST_GUILESS_MAIN(TestRanking)
#include "tst_ranking.moc"
