#include "PlantedBlobs.h"
#include "config/OptionTable.h"
#include "demo/DemoGenerator.h"
#include "io/DataError.h"
#include "maps/Affinities.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"
#include "train/Experiment.h"

#include <QTest>
#include <cmath>
#include <set>

using namespace shelfscope;

namespace {

using test::blobs;

/// Share of points whose k nearest map neighbours all carry their own label.
double labelPurity(const Matrix& layout, const std::vector<int>& label, int k) {
    const NeighborGraph graph = nearestNeighbors(layout, k);
    std::int64_t same = 0;
    for (std::size_t i = 0; i < graph.points(); ++i)
        for (int m = 0; m < k; ++m)
            same += label[static_cast<std::size_t>(graph.index[i * k + m])] == label[i] ? 1 : 0;
    return static_cast<double>(same) / static_cast<double>(graph.index.size());
}

} // namespace

class TestMaps : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pcaByHand() {
        // (+-2, 0) and (0, +-1): covariance diag(8/3, 2/3), so 80% and 20% of the variance
        // along x and y, and the points keep their coordinates.
        Matrix rows(4, 2);
        rows << 2, 0, -2, 0, 0, 1, 0, -1;
        const PcaResult pca = principalComponents(rows);
        QCOMPARE(pca.explainedVarianceRatio.size(), std::size_t{2});
        QVERIFY(std::abs(pca.explainedVarianceRatio[0] - 0.8) < 1e-9);
        QVERIFY(std::abs(pca.explainedVarianceRatio[1] - 0.2) < 1e-9);
        QVERIFY(std::abs(pca.components(0, 0) - 1.0f) < 1e-6f);
        QVERIFY(std::abs(pca.components(1, 1) - 1.0f) < 1e-6f);
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 2; ++c)
                QVERIFY(std::abs(pca.coordinates(r, c) - rows(r, c)) < 1e-6f);
    }

    void pcaFindsARotatedPlane() {
        // Points spread 3:1 within the plane spanned by (1,1,0)/sqrt2 and (0,0,1), offset by
        // (5,5,5): the first component is the diagonal, the third explains nothing.
        Matrix rows(4, 3);
        const float a = 3.0f / std::sqrt(2.0f);
        rows << 5 + a, 5 + a, 5, 5 - a, 5 - a, 5, 5, 5, 6, 5, 5, 4;
        PcaConfig config;
        config.components = 3;
        const PcaResult pca = principalComponents(rows, config);
        QVERIFY(std::abs(pca.explainedVarianceRatio[0] - 0.9) < 1e-6);
        QVERIFY(std::abs(pca.explainedVarianceRatio[1] - 0.1) < 1e-6);
        QVERIFY(pca.explainedVarianceRatio[2] < 1e-9);
        const float half = 1.0f / std::sqrt(2.0f);
        QVERIFY(std::abs(pca.components(0, 0) - half) < 1e-5f);
        QVERIFY(std::abs(pca.components(0, 1) - half) < 1e-5f);
        QVERIFY(std::abs(pca.coordinates(0, 0) - 3.0f) < 1e-5f);
        QVERIFY(std::abs(pca.coordinates(2, 1) - 1.0f) < 1e-5f);
    }

    void normalizingRowsFirst() {
        Matrix rows(3, 2);
        rows << 3, 4, 0, 0, -2, 0;
        const Matrix unit = normalizedRows(rows);
        QCOMPARE(unit(0, 0), 0.6f);
        QCOMPARE(unit(0, 1), 0.8f);
        QCOMPARE(unit(1, 0), 0.0f); // a zero row stays zero
        QCOMPARE(unit(2, 0), -1.0f);
        PcaConfig config;
        config.normalizeRows = true;
        const PcaResult pca = principalComponents(rows, config);
        const PcaResult direct = principalComponents(unit);
        QCOMPARE(pca.coordinates, direct.coordinates);
    }

    void pcaRefusesImpossibleRequests() {
        Matrix one(1, 3);
        one.setOnes();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, principalComponents(one));
        Matrix rows(5, 2);
        rows.setRandom();
        PcaConfig config;
        config.components = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, principalComponents(rows, config));
    }

    void nearestNeighborsByHand() {
        Matrix line(4, 1);
        line << 0, 1, 3, 6;
        const NeighborGraph graph = nearestNeighbors(line, 2, 2);
        QCOMPARE(graph.points(), std::size_t{4});
        const std::vector<std::int32_t> expected{1, 2, 0, 2, 1, 0, 2, 1};
        QCOMPARE(graph.index, expected);
        QCOMPARE(graph.distance2[0], 1.0f);
        QCOMPARE(graph.distance2[1], 9.0f);
        QCOMPARE(graph.distance2[6], 9.0f); // 6 -> 3
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nearestNeighbors(line, 4));
    }

    void perplexityCalibrationMatchesTheEntropy_data() {
        QTest::addColumn<double>("perplexity");
        QTest::newRow("5") << 5.0;
        QTest::newRow("30") << 30.0;
        QTest::newRow("40") << 40.0;
    }

    void perplexityCalibrationMatchesTheEntropy() {
        QFETCH(double, perplexity);
        Matrix points(400, 5);
        Random random(11);
        for (Eigen::Index r = 0; r < points.rows(); ++r)
            for (Eigen::Index c = 0; c < points.cols(); ++c)
                points(r, c) = static_cast<float>(random.uniform(-1, 1));
        const int k = static_cast<int>(3 * perplexity + 1);
        const NeighborGraph graph = nearestNeighbors(points, k, 2);
        const ConditionalAffinities conditional = calibratePerplexity(graph, perplexity);
        for (std::size_t i = 0; i < graph.points(); ++i) {
            QVERIFY2(std::abs(conditional.entropyBits[i] - std::log2(perplexity)) < 1e-4,
                     qPrintable(QString::number(conditional.entropyBits[i])));
            double sum = 0.0;
            double entropy = 0.0;
            for (int m = 0; m < k; ++m) {
                const double p = conditional.probability[i * static_cast<std::size_t>(k) + m];
                sum += p;
                entropy -= p > 0 ? p * std::log2(p) : 0.0;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-5);
            QVERIFY(std::abs(entropy - std::log2(perplexity)) < 1e-3); // from the probabilities
        }
        // The joint affinities are symmetric and sum to one.
        const SparseAffinities p = symmetrize(graph, conditional);
        double total = 0.0;
        for (std::size_t i = 0; i < p.points(); ++i)
            for (std::int64_t e = p.start[i]; e < p.start[i + 1]; ++e) {
                total += p.value[static_cast<std::size_t>(e)];
                const auto j = static_cast<std::size_t>(p.column[static_cast<std::size_t>(e)]);
                const auto back =
                    std::find(p.column.begin() + p.start[j], p.column.begin() + p.start[j + 1],
                              static_cast<std::int32_t>(i));
                QVERIFY(back != p.column.begin() + p.start[j + 1]);
                QCOMPARE(p.value[static_cast<std::size_t>(back - p.column.begin())],
                         p.value[static_cast<std::size_t>(e)]);
            }
        QVERIFY(std::abs(total - 1.0) < 1e-5);
    }

    void tsneSeparatesPlantedClusters() {
        std::vector<std::int32_t> label;
        const Matrix points = blobs(5, 60, 8, label);
        TsneConfig config;
        config.perplexity = 15;
        config.iterations = 500;
        int snapshots = 0;
        const TsneResult result = runTsne(points, config, [&](const TsneSnapshot& snapshot) {
            ++snapshots;
            QCOMPARE(snapshot.xy.size(), std::size_t{600});
        });
        QCOMPARE(snapshots, 50); // every 10 iterations
        QCOMPARE(result.layout.rows(), Eigen::Index{300});
        // Every point's 10 nearest map neighbours come from its own blob.
        QCOMPARE(labelPurity(result.layout, label, 10), 1.0);
        // KL is evaluated every 50 iterations. It need not fall at every evaluation (during
        // early exaggeration the steps descend another objective, and a CPU's rounding decides
        // small rises), but once exaggeration ends the descent must bring it well down: below
        // the first figure after exaggeration and far below the one where exaggeration ends.
        QCOMPARE(result.klHistory.size(), std::size_t{10});
        for (double kl : result.klHistory)
            QVERIFY2(std::isfinite(kl) && kl > 0.0, qPrintable(QString::number(kl)));
        QVERIFY(result.layout.allFinite());
        const auto evaluation = [&](int iteration) {
            return result.klHistory[static_cast<std::size_t>(iteration / config.klEvery - 1)];
        };
        const double endOfExaggeration = evaluation(config.exaggerationIterations);
        const double afterExaggeration = evaluation(config.exaggerationIterations + config.klEvery);
        QVERIFY2(result.kl < afterExaggeration && result.kl < 0.7 * endOfExaggeration &&
                     result.kl < 0.5 * result.klHistory.front(),
                 qPrintable(QStringLiteral("KL %1 at the end, %2 after exaggeration, %3 where it "
                                           "ended, %4 at first")
                                .arg(result.kl)
                                .arg(afterExaggeration)
                                .arg(endOfExaggeration)
                                .arg(result.klHistory.front())));
        QVERIFY(neighborhoodPreservation(points, result.layout, 10) > 0.4);
        // The same input and settings give the same map on the same machine.
        QCOMPARE(runTsne(points, config).layout, result.layout);

        // A random start: the seed decides the layout, and the blobs still come apart.
        config.pcaStart = false;
        const TsneResult a = runTsne(points, config);
        const TsneResult b = runTsne(points, config);
        config.seed = 7;
        const TsneResult c = runTsne(points, config);
        QCOMPARE(a.layout, b.layout);
        QVERIFY(a.layout != c.layout);
        QCOMPARE(labelPurity(c.layout, label, 10), 1.0);
    }

    void tsneOnADemoLibrarysBooks() {
        // Books of one genre share readers in the demo library: after training, their
        // embeddings, and t-SNE's map of them, put them together.
        DemoConfig demo;
        demo.users = 1500;
        demo.books = 300;
        demo.ratings = 45000;
        demo.genres = 5;
        const DemoLibrary library = generateDemoLibrary(demo);
        ExperimentConfig config;
        config.split = SplitKind::Random;
        config.keepDuplicates = false;
        config.model.dim = 8;
        config.model.biases = true;
        config.train.epochs = 10;
        config.train.batchSize = 64;
        config.train.l2 = 0.05f;
        config.train.adam.learningRate = 0.005f;
        const ExperimentResult trained = runExperiment(library.dataset.ratings, config);
        const Matrix& books = trained.model->bookEmbeddings();
        std::vector<int> genre;
        for (Eigen::Index row = 0; row < books.rows(); ++row)
            genre.push_back(library.truth.bookGenre[static_cast<std::size_t>(
                library.dataset.ratings.books.rawId(static_cast<std::int32_t>(row)) - 1)]);
        TsneConfig tsne;
        tsne.perplexity = 20;
        tsne.iterations = 600;
        tsne.normalizeRows = true;
        const TsneResult map = runTsne(books, tsne);
        const double purity = labelPurity(map.layout, genre, 10);
        QVERIFY2(purity > 0.8, qPrintable(QString::number(purity))); // chance: 0.2
        QVERIFY(map.kl < map.klHistory.front());
    }

    // t-SNE refuses what shelfscope-cli's map command refuses: the ranges of the option table's
    // --perplexity, --iterations and --threads (it took a perplexity of 1.5, below the table's
    // 2, and any number of iterations).
    void tsneKeepsToTheOptionTable_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<double>("value");
        const OptionDef& perplexity = option(CliCommand::Map, "perplexity");
        const OptionDef& iterations = option(CliCommand::Map, "iterations");
        const OptionDef& threads = option(CliCommand::Map, "threads");
        QTest::newRow("perplexity below") << "perplexity" << perplexity.min - 0.5;
        QTest::newRow("perplexity above") << "perplexity" << perplexity.max + 1;
        QTest::newRow("iterations below") << "iterations" << iterations.min - 1;
        QTest::newRow("iterations above") << "iterations" << iterations.max + 1;
        QTest::newRow("threads below") << "threads" << threads.min - 1;
        QTest::newRow("threads above") << "threads" << threads.max + 1;
    }

    void tsneKeepsToTheOptionTable() {
        QFETCH(QString, setting);
        QFETCH(double, value);
        std::vector<std::int32_t> label;
        const Matrix points = blobs(2, 50, 3, label);
        TsneConfig config;
        config.perplexity = 10;
        config.iterations = 50;
        if (setting == QLatin1String("perplexity"))
            config.perplexity = value;
        else if (setting == QLatin1String("iterations"))
            config.iterations = static_cast<int>(value);
        else
            config.threads = static_cast<int>(value);
        const OptionDef& o = option(CliCommand::Map, setting.toStdString());
        const QString expected = QStringLiteral("t-SNE: %1 must be %2, got %3")
                                     .arg(setting, QString::fromStdString(rangeText(o)),
                                          QString::fromStdString(numberText(value)));
        try {
            runTsne(points, config);
            QFAIL("no exception");
        } catch (const std::invalid_argument& error) {
            QCOMPARE(QString::fromStdString(error.what()), expected);
        }
        // Each bound itself is accepted.
        if (setting == QLatin1String("perplexity")) {
            config.perplexity = o.min;
            QCOMPARE(runTsne(points, config).layout.rows(), points.rows());
        }
    }

    void tsneStopsOnCancel() {
        std::vector<std::int32_t> label;
        const Matrix points = blobs(4, 50, 5, label);
        std::atomic<bool> cancel{false};
        TsneConfig config;
        config.perplexity = 10;
        config.iterations = 100000;
        int snapshots = 0;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, runTsne(
                                                         points, config,
                                                         [&](const TsneSnapshot&) {
                                                             if (++snapshots == 3)
                                                                 cancel = true;
                                                         },
                                                         cancel));
        QCOMPARE(snapshots, 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTsne(points.topRows(20), config));
    }
};

QTEST_GUILESS_MAIN(TestMaps)
#include "tst_maps.moc"
