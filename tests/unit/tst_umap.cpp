#include "PlantedBlobs.h"
#include "config/OptionTable.h"
#include "io/DataError.h"
#include "maps/Affinities.h"
#include "maps/FuzzyGraph.h"
#include "maps/MapQuality.h"
#include "maps/SpectralLayout.h"
#include "maps/Umap.h"
#include "maps/UmapCurve.h"
#include "util/Random.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

using test::blobs;

/// Points along a closed noisy loop in `dim` dimensions: one connected neighbour graph.
Matrix loop(int size, int dim) {
    Random random(5);
    Matrix points(size, dim);
    for (int i = 0; i < size; ++i) {
        const double angle = 2.0 * 3.14159265358979 * i / size;
        for (int d = 0; d < dim; ++d)
            points(i, d) = static_cast<float>(0.01 * random.normal());
        points(i, 0) += static_cast<float>(10 * std::cos(angle));
        points(i, 1) += static_cast<float>(10 * std::sin(angle));
        points(i, 2) += static_cast<float>(3 * std::sin(3 * angle));
    }
    return points;
}

/// The smallest distance between two clusters' centroids over the largest root mean square
/// distance of a cluster's points from its centroid.
double separation(const Matrix& layout, const std::vector<std::int32_t>& label, int clusters) {
    Matrix centroid = Matrix::Zero(clusters, 2);
    std::vector<int> size(static_cast<std::size_t>(clusters), 0);
    for (Eigen::Index i = 0; i < layout.rows(); ++i) {
        centroid.row(label[static_cast<std::size_t>(i)]) += layout.row(i);
        ++size[static_cast<std::size_t>(label[static_cast<std::size_t>(i)])];
    }
    for (int c = 0; c < clusters; ++c)
        centroid.row(c) /= static_cast<float>(size[static_cast<std::size_t>(c)]);
    std::vector<double> spread(static_cast<std::size_t>(clusters), 0.0);
    for (Eigen::Index i = 0; i < layout.rows(); ++i) {
        const auto c = static_cast<std::size_t>(label[static_cast<std::size_t>(i)]);
        spread[c] += (layout.row(i) - centroid.row(static_cast<Eigen::Index>(c))).squaredNorm();
    }
    double widest = 0.0;
    for (int c = 0; c < clusters; ++c)
        widest = std::max(widest, std::sqrt(spread[static_cast<std::size_t>(c)] /
                                            size[static_cast<std::size_t>(c)]));
    double closest = 1e300;
    for (int c = 0; c < clusters; ++c)
        for (int d = c + 1; d < clusters; ++d)
            closest =
                std::min(closest, static_cast<double>((centroid.row(c) - centroid.row(d)).norm()));
    return closest / widest;
}

} // namespace

class TestUmap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void curveFitMatchesUmapLearn() {
        // umap-learn's find_ab_params gives a = 1.5769, b = 0.8951 for its defaults.
        const UmapCurve curve = fitUmapCurve(0.1, 1.0);
        QVERIFY2(std::abs(curve.a - 1.577) < 0.01, qPrintable(QString::number(curve.a)));
        QVERIFY2(std::abs(curve.b - 0.895) < 0.005, qPrintable(QString::number(curve.b)));
    }

    void curveFollowsItsTarget_data() {
        QTest::addColumn<double>("minDist");
        QTest::addColumn<double>("spread");
        QTest::newRow("0, 1") << 0.0 << 1.0;
        QTest::newRow("0.1, 1") << 0.1 << 1.0;
        QTest::newRow("0.5, 1") << 0.5 << 1.0;
        QTest::newRow("0.25, 2") << 0.25 << 2.0;
    }

    void curveFollowsItsTarget() {
        // Whatever the settings, the fitted curve stays near the target it was fitted to.
        QFETCH(double, minDist);
        QFETCH(double, spread);
        const UmapCurve curve = fitUmapCurve(minDist, spread);
        QVERIFY(curve.a > 0.0 && curve.b > 0.0);
        double squares = 0.0;
        for (int s = 0; s < 300; ++s) {
            const double d = 3.0 * spread * s / 299;
            const double target = d < minDist ? 1.0 : std::exp(-(d - minDist) / spread);
            const double fitted = 1.0 / (1.0 + curve.a * std::pow(d, 2.0 * curve.b));
            squares += (fitted - target) * (fitted - target);
        }
        QVERIFY2(std::sqrt(squares / 300) < 0.05, qPrintable(QString::number(squares)));
        // A larger minimum distance keeps the curve high for longer: it halves further out.
        const double half = std::pow(1.0 / curve.a, 1.0 / (2.0 * curve.b));
        QVERIFY(half > minDist);
    }

    void fuzzyGraphByHand() {
        // Points 0, 1, 3 on a line with n_neighbors 3 (two others). Each point's nearest
        // neighbour has membership 1; the other neighbour c with 1 + c = log2(3). The union
        // a + b - ab then gives (0,1): 1, (1,2): c + 1 - c = 1, (0,2): 2c - c^2.
        Matrix line(3, 1);
        line << 0, 1, 3;
        const NeighborGraph graph = nearestNeighbors(line, 2);
        const LocalScales scales = smoothNeighborDistances(graph);
        QCOMPARE(scales.rho[0], 1.0f);
        QCOMPARE(scales.rho[2], 2.0f);
        const SparseAffinities fuzzy = fuzzySimplicialSet(graph);
        const double c = std::log2(3.0) - 1.0;
        const std::vector<std::int64_t> start{0, 2, 4, 6};
        const std::vector<std::int32_t> column{1, 2, 0, 2, 0, 1};
        QCOMPARE(fuzzy.start, start);
        QCOMPARE(fuzzy.column, column);
        const std::vector<double> expected{1, 2 * c - c * c, 1, 1, 2 * c - c * c, 1};
        for (std::size_t e = 0; e < expected.size(); ++e)
            QVERIFY2(std::abs(fuzzy.value[e] - expected[e]) < 1e-4,
                     qPrintable(QString::number(fuzzy.value[e])));
    }

    void smoothDistancesHitTheTarget() {
        // Each point's memberships add up to log2(n_neighbors), beyond its nearest distance.
        Matrix points(300, 4);
        Random random(17);
        for (Eigen::Index r = 0; r < points.rows(); ++r)
            for (Eigen::Index c = 0; c < points.cols(); ++c)
                points(r, c) = static_cast<float>(random.uniform(-1, 1));
        const int k = 14;
        const NeighborGraph graph = nearestNeighbors(points, k, 2);
        const LocalScales scales = smoothNeighborDistances(graph, 2);
        for (std::size_t i = 0; i < graph.points(); ++i) {
            QCOMPARE(scales.rho[i], std::sqrt(graph.distance2[i * k]));
            double sum = 0.0;
            for (int m = 0; m < k; ++m) {
                const double d = std::sqrt(graph.distance2[i * k + m]) - scales.rho[i];
                sum += d > 0 ? std::exp(-d / scales.sigma[i]) : 1.0;
            }
            QVERIFY2(std::abs(sum - std::log2(k + 1.0)) < 1e-3, qPrintable(QString::number(sum)));
        }
        const SparseAffinities fuzzy = fuzzySimplicialSet(graph, 2);
        for (std::size_t i = 0; i < fuzzy.points(); ++i)
            for (std::int64_t e = fuzzy.start[i]; e < fuzzy.start[i + 1]; ++e) {
                const float w = fuzzy.value[static_cast<std::size_t>(e)];
                QVERIFY(w >= 0.0f && w <= 1.0f);
                const auto j = static_cast<std::size_t>(fuzzy.column[static_cast<std::size_t>(e)]);
                const auto back = std::find(fuzzy.column.begin() + fuzzy.start[j],
                                            fuzzy.column.begin() + fuzzy.start[j + 1],
                                            static_cast<std::int32_t>(i));
                QVERIFY(back != fuzzy.column.begin() + fuzzy.start[j + 1]);
                QCOMPARE(fuzzy.value[static_cast<std::size_t>(back - fuzzy.column.begin())], w);
            }
    }

    void spectralLayoutOfARing() {
        // A ring's two lowest non-trivial Laplacian eigenvectors are cos and sin of the
        // position: the layout is a circle that visits the nodes in order.
        const int n = 60;
        SparseAffinities ring;
        ring.start.push_back(0);
        for (int i = 0; i < n; ++i) {
            const int before = (i + n - 1) % n;
            const int after = (i + 1) % n;
            ring.column.push_back(std::min(before, after));
            ring.column.push_back(std::max(before, after));
            ring.value.insert(ring.value.end(), {1.0f, 1.0f});
            ring.start.push_back(static_cast<std::int64_t>(ring.column.size()));
        }
        QCOMPARE(connectedComponents(ring), 1);
        const std::optional<Matrix> layout = spectralLayout(ring, Matrix(), 9, 2);
        QVERIFY(layout.has_value());
        const Eigen::VectorXf radius = layout->rowwise().norm();
        const float mean = radius.mean();
        QVERIFY2((radius.array() - mean).abs().maxCoeff() < 0.05f * mean,
                 qPrintable(QString::number((radius.array() - mean).abs().maxCoeff() / mean)));
        // Consecutive nodes are 6 degrees apart on the circle, in one direction throughout.
        int forward = 0;
        for (int i = 0; i < n; ++i) {
            const int j = (i + 1) % n;
            const double turn = std::remainder(std::atan2((*layout)(j, 1), (*layout)(j, 0)) -
                                                   std::atan2((*layout)(i, 1), (*layout)(i, 0)),
                                               2 * 3.14159265358979);
            QVERIFY2(std::abs(std::abs(turn) - 2 * 3.14159265358979 / n) < 0.02,
                     qPrintable(QString::number(turn)));
            forward += turn > 0 ? 1 : -1;
        }
        QCOMPARE(std::abs(forward), n);

        // Two rings side by side: two components, no spectral layout.
        SparseAffinities two = ring;
        for (int i = 0; i < n; ++i)
            for (std::int64_t e = ring.start[static_cast<std::size_t>(i)];
                 e < ring.start[static_cast<std::size_t>(i) + 1]; ++e)
                two.column.push_back(ring.column[static_cast<std::size_t>(e)] + n);
        two.value.insert(two.value.end(), ring.value.begin(), ring.value.end());
        for (int i = 1; i <= n; ++i)
            two.start.push_back(ring.start.back() + ring.start[static_cast<std::size_t>(i)]);
        QCOMPARE(connectedComponents(two), 2);
        QVERIFY(!spectralLayout(two, Matrix(), 9).has_value());
    }

    void plantedClustersSeparate() {
        std::vector<std::int32_t> label;
        const Matrix points = blobs(5, 60, 8, label);
        UmapConfig config;
        config.epochs = 200;
        const UmapResult result = runUmap(points, config);
        QCOMPARE(result.layout.rows(), Eigen::Index{300});
        QCOMPARE(result.epochs, 200);
        QVERIFY(result.layout.allFinite());
        // Far-apart blobs make a disconnected graph: the start falls back to PCA.
        QCOMPARE(result.start, std::string("pca"));
        const GenreAgreement agreement = genreAgreement(result.layout, label, 10);
        QVERIFY2(agreement.agreement > 0.99, qPrintable(QString::number(agreement.agreement)));
        const double apart = separation(result.layout, label, 5);
        QVERIFY2(apart > 3.0, qPrintable(QString::number(apart)));
        const double kept = neighborhoodPreservation(points, result.layout, 10);
        QVERIFY2(kept > 0.3, qPrintable(QString::number(kept)));
    }

    void connectedDataStartsSpectral() {
        // A loop is one connected graph: the spectral start is used and the map keeps its
        // neighbourhoods (t-SNE-like figures; PCA of a noisy loop keeps fewer).
        const Matrix points = loop(400, 6);
        UmapConfig config;
        config.epochs = 200;
        const UmapResult result = runUmap(points, config);
        QCOMPARE(result.start, std::string("spectral"));
        const double kept = neighborhoodPreservation(points, result.layout, 10);
        QVERIFY2(kept > 0.5, qPrintable(QString::number(kept)));
        config.init = UmapInit::Pca;
        QCOMPARE(runUmap(points, config).start, std::string("pca"));
    }

    void deterministicForASeed() {
        // 7,500 points: enough edges (over 100,000) for the optimiser to use two threads.
        std::vector<std::int32_t> label;
        const Matrix points = blobs(3, 2500, 5, label);
        UmapConfig config;
        config.epochs = 20;
        const UmapResult a = runUmap(points, config);
        QVERIFY2(a.edges > 100000, qPrintable(QString::number(a.edges)));
        const UmapResult b = runUmap(points, config);
        QCOMPARE(a.layout, b.layout);
        // The points are shared out among the threads without changing what each computes.
        config.threads = 1;
        QCOMPARE(runUmap(points, config).layout, a.layout);
        config.threads = 3;
        QCOMPARE(runUmap(points, config).layout, a.layout);
        config.seed = 7;
        QVERIFY(runUmap(points, config).layout != a.layout);
    }

    void progressSnapshotsArrive() {
        std::vector<std::int32_t> label;
        const Matrix points = blobs(3, 40, 4, label);
        UmapConfig config;
        config.epochs = 55;
        config.snapshotEvery = 10;
        std::vector<int> epochs;
        std::vector<float> last;
        const UmapResult result = runUmap(points, config, [&](const UmapSnapshot& snapshot) {
            QCOMPARE(snapshot.epochs, 55);
            QCOMPARE(snapshot.xy.size(), std::size_t{240});
            epochs.push_back(snapshot.epoch);
            last = snapshot.xy;
        });
        QCOMPARE(epochs, (std::vector<int>{10, 20, 30, 40, 50, 55}));
        for (Eigen::Index i = 0; i < result.layout.rows(); ++i) {
            QCOMPARE(result.layout(i, 0), last[2 * static_cast<std::size_t>(i)]);
            QCOMPARE(result.layout(i, 1), last[2 * static_cast<std::size_t>(i) + 1]);
        }
    }

    void cancelStopsPromptly() {
        std::vector<std::int32_t> label;
        const Matrix points = blobs(4, 50, 5, label);
        std::atomic<bool> cancel{false};
        UmapConfig config;
        config.epochs = static_cast<int>(option(CliCommand::Map, "epochs").max); // the longest
        config.snapshotEvery = 5;
        int snapshots = 0;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, runUmap(
                                                         points, config,
                                                         [&](const UmapSnapshot&) {
                                                             if (++snapshots == 3)
                                                                 cancel = true;
                                                         },
                                                         cancel));
        QCOMPARE(snapshots, 3); // not a single epoch after the cancel
        cancel = true;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, runUmap(points, {}, {}, cancel));
    }

    void invalidSettingsAreNamed_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("message");
        // neighbors, epochs and threads keep to map's options in the option table, as
        // shelfscope-cli does (epochs and neighbors had no maximum in core).
        const auto table = [](const char* name, const char* got) {
            return QStringLiteral("UMAP: %1 must be %2, got %3")
                .arg(QString::fromLatin1(name),
                     QString::fromStdString(rangeText(option(CliCommand::Map, name))),
                     QString::fromLatin1(got));
        };
        QTest::newRow("neighbors 1001") << "neighbors 1001" << table("neighbors", "1001");
        QTest::newRow("epochs 100001") << "epochs 100001" << table("epochs", "100001");
        QTest::newRow("threads 257") << "threads 257" << table("threads", "257");
        for (const char* row : {"neighbors 1", "neighbors 100", "minDist -0.1", "minDist 2",
                                "spread 0", "epochs -1", "learningRate 0", "negatives 0",
                                "threads 0", "start 99x2", "start 100x3", "start NaN", "row NaN"}) {
            const QString name = QString::fromLatin1(row);
            QString message;
            if (name == QLatin1String("neighbors 1"))
                message = table("neighbors", "1");
            else if (name.startsWith(QLatin1String("neighbors")))
                message = QStringLiteral("neighbors must be between 2 and the number of rows");
            else if (name.startsWith(QLatin1String("minDist")))
                message = QStringLiteral("min_dist must be between 0 and spread");
            else if (name.startsWith(QLatin1String("spread")))
                message = QStringLiteral("spread must be above 0");
            else if (name.startsWith(QLatin1String("epochs")))
                message = table("epochs", "-1");
            else if (name.startsWith(QLatin1String("learningRate")))
                message = QStringLiteral("learning_rate must be above 0");
            else if (name.startsWith(QLatin1String("negatives")))
                message = QStringLiteral("negative_sample_rate must be");
            else if (name.startsWith(QLatin1String("threads")))
                message = table("threads", "0");
            else if (name == QLatin1String("start NaN"))
                message = QStringLiteral("initial layout has a value that is not finite");
            else if (name.startsWith(QLatin1String("start")))
                message = QStringLiteral("must be 100 x 2");
            else
                message = QStringLiteral("row 7 has a value that is not a finite number");
            QTest::newRow(row) << name << message;
        }
    }

    void invalidSettingsAreNamed() {
        QFETCH(QString, setting);
        QFETCH(QString, message);
        std::vector<std::int32_t> label;
        Matrix points = blobs(2, 50, 3, label);
        UmapConfig config;
        config.epochs = 5;
        const QStringList parts = setting.split(QLatin1Char(' '));
        const double value = parts[1].toDouble();
        if (parts[0] == QLatin1String("neighbors"))
            config.neighbors = static_cast<int>(value);
        else if (parts[0] == QLatin1String("minDist"))
            config.minDist = value;
        else if (parts[0] == QLatin1String("spread"))
            config.spread = value;
        else if (parts[0] == QLatin1String("epochs"))
            config.epochs = static_cast<int>(value);
        else if (parts[0] == QLatin1String("learningRate"))
            config.learningRate = value;
        else if (parts[0] == QLatin1String("negatives"))
            config.negativeSampleRate = static_cast<int>(value);
        else if (parts[0] == QLatin1String("threads"))
            config.threads = static_cast<int>(value);
        else if (parts[1] == QLatin1String("99x2"))
            config.initialLayout = Matrix::Zero(99, 2);
        else if (parts[1] == QLatin1String("100x3"))
            config.initialLayout = Matrix::Zero(100, 3);
        else if (parts[0] == QLatin1String("start")) {
            config.initialLayout = Matrix::Zero(100, 2);
            config.initialLayout(4, 1) = std::nanf("");
        } else
            points(7, 2) = std::nanf("");
        try {
            runUmap(points, config);
            QFAIL("no exception");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString::fromStdString(error.what()).contains(message), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestUmap)
#include "tst_umap.moc"
