#include "maps/Affinities.h"
#include "maps/MapQuality.h"
#include "maps/PlaneNeighbors.h"
#include "util/Random.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace shelfscope;

namespace {

/// Points on an n x n lattice of integer coordinates, with `repeats` copies of each: every
/// distance is an exact small integer, so ties are exact and the order is fixed by index.
Matrix lattice(int n, int repeats) {
    Matrix points(n * n * repeats, 2);
    Eigen::Index row = 0;
    for (int r = 0; r < repeats; ++r)
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                points.row(row++) << static_cast<float>(i), static_cast<float>(j);
    return points;
}

/// Brute force in doubles: the k nearest (by distance, then index) of each point.
std::vector<std::int32_t> bruteForce(const Matrix& points, int k) {
    const auto n = static_cast<std::int32_t>(points.rows());
    std::vector<std::int32_t> out;
    std::vector<std::pair<double, std::int32_t>> all;
    for (std::int32_t i = 0; i < n; ++i) {
        all.clear();
        for (std::int32_t j = 0; j < n; ++j)
            if (j != i)
                all.emplace_back((points.row(i) - points.row(j)).cast<double>().squaredNorm(), j);
        std::sort(all.begin(), all.end());
        for (int m = 0; m < k; ++m)
            out.push_back(all[static_cast<std::size_t>(m)].second);
    }
    return out;
}

Matrix scatter(const QString& shape, int n) {
    Random random(21);
    Matrix points(n, 2);
    for (int i = 0; i < n; ++i) {
        double x = random.uniform(-1, 1);
        double y = random.uniform(-1, 1);
        if (shape == QLatin1String("clusters")) { // dense spots far apart, and one stray point
            const int c = i % 4;
            x = 100.0 * (c % 2) + 0.01 * x;
            y = 50.0 * (c / 2) + 0.01 * y;
            if (i == n - 1)
                x = y = 1000.0;
        } else if (shape == QLatin1String("line")) {
            y = 1e-3 * y;
        }
        points.row(i) << static_cast<float>(x), static_cast<float>(y);
    }
    return points;
}

} // namespace

class TestMapQuality : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void planeNeighborsOnALattice_data() {
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("repeats");
        QTest::addColumn<int>("k");
        QTest::newRow("12 x 12, k 10") << 12 << 1 << 10;
        QTest::newRow("12 x 12 twice, k 10") << 12 << 2 << 10;
        QTest::newRow("5 x 5 three times, k 20") << 5 << 3 << 20;
        QTest::newRow("3 x 3, k 8") << 3 << 1 << 8;
    }

    void planeNeighborsOnALattice() {
        // Exact ties everywhere: the grid search returns what brute force does, index for index.
        QFETCH(int, side);
        QFETCH(int, repeats);
        QFETCH(int, k);
        const Matrix points = lattice(side, repeats);
        const NeighborGraph graph = planeNeighbors(points, k, 2);
        QCOMPARE(graph.index, bruteForce(points, k));
        QCOMPARE(nearestNeighbors(points, k).index, graph.index);
    }

    void planeNeighborsOnScatters_data() {
        QTest::addColumn<QString>("shape");
        QTest::newRow("uniform") << QStringLiteral("uniform");
        QTest::newRow("clusters") << QStringLiteral("clusters");
        QTest::newRow("line") << QStringLiteral("line");
    }

    void planeNeighborsOnScatters() {
        // Each point's k-th distance is brute force's, and no neighbour lies beyond it.
        QFETCH(QString, shape);
        const Matrix points = scatter(shape, 1500);
        const int k = 10;
        const NeighborGraph graph = planeNeighbors(points, k, 2);
        const std::vector<std::int32_t> exact = bruteForce(points, k);
        for (std::size_t i = 0; i < graph.points(); ++i) {
            const auto distance = [&](std::int32_t j) {
                return (points.row(static_cast<Eigen::Index>(i)) - points.row(j))
                    .cast<double>()
                    .squaredNorm();
            };
            const double kth = distance(exact[i * k + k - 1]);
            QVERIFY(std::abs(distance(graph.index[i * k + k - 1]) - kth) <= 1e-6 * kth + 1e-12);
            for (int m = 0; m < k; ++m) {
                const std::int32_t j = graph.index[i * k + static_cast<std::size_t>(m)];
                QVERIFY(j != static_cast<std::int32_t>(i));
                QVERIFY(distance(j) <= kth * (1 + 1e-6) + 1e-12);
            }
        }
    }

    void planeNeighborsRefuses() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planeNeighbors(Matrix::Zero(5, 3), 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planeNeighbors(Matrix::Zero(5, 2), 5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planeNeighbors(Matrix::Zero(5, 2), 0));
        Matrix broken = Matrix::Zero(5, 2);
        broken(3, 0) = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planeNeighbors(broken, 2));
    }

    void genreAgreementByHand() {
        // x = 0, 1, 2, 10, 11, 12 with genres A A B B B and one without, k = 2:
        // point 0: neighbours 1 (A), 2 (B): 1/2; point 1: 0 and 2 tie at 1: 1/2;
        // point 2: 1 (A), 0 (A): 0; point 3: 4 (B), 5 (none): 1/2; point 4: 3 and 5: 1/2;
        // point 5 has no genre and is no centre. Mean over five: 0.4.
        // Chance: (2 * 1 + 3 * 2) / ((6 - 1) * 5) = 8 / 25.
        Matrix layout(6, 2);
        layout << 0, 0, 1, 0, 2, 0, 10, 0, 11, 0, 12, 0;
        const std::vector<std::int32_t> genres{0, 0, 1, 1, 1, -1};
        const GenreAgreement result = genreAgreement(layout, genres, 2);
        QCOMPARE(result.agreement, 0.4);
        QCOMPARE(result.chance, 8.0 / 25.0);
        QCOMPARE(result.labelled, std::size_t{5});
        QCOMPARE(result.k, 2);
        QCOMPARE(chanceGenreAgreement(genres), 8.0 / 25.0);
        // One column more (a 3-D PCA map) goes through the general search: same answer.
        Matrix three = Matrix::Zero(6, 3);
        three.leftCols(2) = layout;
        QCOMPARE(genreAgreement(three, genres, 2).agreement, 0.4);
    }

    void neighborhoodPreservationByHand() {
        // Five points on a line; the map swaps the two ends. k = 1, ties to the lower index:
        // before 0->1, 1->0, 2->1, 3->2, 4->3; after (point 0 at 4, point 4 at 0)
        // 0->3, 1->2, 2->1, 3->0, 4->1: only point 2 keeps its neighbour.
        Matrix original(5, 2);
        original << 0, 0, 1, 0, 2, 0, 3, 0, 4, 0;
        Matrix swapped = original;
        swapped.row(0) = original.row(4);
        swapped.row(4) = original.row(0);
        QCOMPARE(neighborhoodPreservation(original, swapped, 1), 0.2);
        QCOMPARE(neighborhoodPreservation(original, original, 2), 1.0);
        Matrix mirrored = -original;
        QCOMPARE(neighborhoodPreservation(original, mirrored, 3), 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 neighborhoodPreservation(original, original.topRows(4), 1));
    }

    void plantedClustersAgree() {
        // Four tight clusters of 100: every point's 10 map neighbours share its genre. With
        // the genres dealt out at random instead, agreement falls to about the chance level.
        Random random(4);
        Matrix layout(400, 2);
        std::vector<std::int32_t> genre(400);
        for (int i = 0; i < 400; ++i) {
            genre[static_cast<std::size_t>(i)] = i / 100;
            layout.row(i) << static_cast<float>(20 * (i / 100) + random.uniform(-1, 1)),
                static_cast<float>(random.uniform(-1, 1));
        }
        const GenreAgreement planted = genreAgreement(layout, genre, 10);
        QCOMPARE(planted.agreement, 1.0);
        QCOMPARE(planted.chance, 4 * 100.0 * 99.0 / (399.0 * 400.0));
        std::vector<std::int32_t> dealt = genre;
        for (std::size_t i = dealt.size() - 1; i > 0; --i)
            std::swap(dealt[i], dealt[random.below(i + 1)]);
        const GenreAgreement shuffled = genreAgreement(layout, dealt, 10);
        QVERIFY2(std::abs(shuffled.agreement - shuffled.chance) < 0.05,
                 qPrintable(QString::number(shuffled.agreement)));
        QCOMPARE(shuffled.chance, planted.chance);
    }

    void genreAgreementRefuses() {
        const Matrix layout = Matrix::Zero(4, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 genreAgreement(layout, std::vector<std::int32_t>{0, 1, 0}, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 genreAgreement(layout, std::vector<std::int32_t>(4, -1), 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 genreAgreement(layout, std::vector<std::int32_t>{0, 1, 0, 1}, 4));
    }

    void labelsFromGenreNames() {
        const std::vector<std::int32_t> labels =
            labelsFromNames({"Fantasy", "", "Crime", "Fantasy", ""});
        QCOMPARE(labels, (std::vector<std::int32_t>{0, -1, 1, 0, -1}));
    }
};

QTEST_GUILESS_MAIN(TestMapQuality)
#include "tst_mapquality.moc"
