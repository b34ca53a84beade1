// Maps that start from a given layout, as the map of a model still training redraws from its
// previous layout at each epoch end.
#include "maps/MapQuality.h"
#include "maps/PlaneNeighbors.h"
#include "maps/Tsne.h"
#include "maps/Umap.h"
#include "util/Random.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

/// `clusters` blobs in `dim` dimensions plus Gaussian noise of `noise` drawn from `seed`.
Matrix blobs(int clusters, int size, int dim, double noise, std::uint64_t seed) {
    Random centres(3);
    Matrix centre(clusters, dim);
    for (int c = 0; c < clusters; ++c)
        for (int d = 0; d < dim; ++d)
            centre(c, d) = static_cast<float>(centres.uniform(-5, 5));
    Random random(seed);
    Matrix points(clusters * size, dim);
    for (int c = 0; c < clusters; ++c)
        for (int i = 0; i < size; ++i)
            for (int d = 0; d < dim; ++d)
                points(c * size + i, d) =
                    centre(c, d) + static_cast<float>(noise * random.normal());
    return points;
}

/// Largest distance a point moved between two layouts, over the first layout's extent.
double largestMove(const Matrix& from, const Matrix& to) {
    const double extent = (from.colwise().maxCoeff() - from.colwise().minCoeff()).norm();
    return static_cast<double>((to - from).rowwise().norm().maxCoeff()) / extent;
}

/// The share of each point's 10 nearest neighbours in `a` still among them in `b`.
double sameNeighbours(const Matrix& a, const Matrix& b) {
    const NeighborGraph before = planeNeighbors(a, 10);
    const NeighborGraph after = planeNeighbors(b, 10);
    std::int64_t kept = 0;
    for (std::size_t i = 0; i < before.points(); ++i)
        for (int m = 0; m < 10; ++m)
            kept += std::count(after.index.begin() + static_cast<std::ptrdiff_t>(i * 10),
                               after.index.begin() + static_cast<std::ptrdiff_t>(i * 10 + 10),
                               before.index[i * 10 + static_cast<std::size_t>(m)]);
    return static_cast<double>(kept) / static_cast<double>(before.index.size());
}

} // namespace

class TestMapInit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tsneStartsWhereItIsTold() {
        const Matrix points = blobs(4, 50, 6, 0.6, 1);
        Matrix start(points.rows(), 2);
        Random random(2);
        for (Eigen::Index i = 0; i < start.rows(); ++i)
            start.row(i) << static_cast<float>(random.uniform(-20, 20)),
                static_cast<float>(random.uniform(-20, 20));
        TsneConfig config;
        config.perplexity = 10;
        config.iterations = 1;
        config.learningRate = 1e-3; // one tiny step: the result is the start, nudged
        config.initialLayout = start;
        const TsneResult nudged = runTsne(points, config);
        QVERIFY2(largestMove(start, nudged.layout) < 1e-3,
                 qPrintable(QString::number(largestMove(start, nudged.layout))));
        // The default PCA start is elsewhere altogether.
        config.initialLayout = Matrix();
        QVERIFY(largestMove(start, runTsne(points, config).layout) > 0.1);

        config.initialLayout = Matrix::Zero(10, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTsne(points, config));
    }

    void tsneContinuesAMap() {
        // A finished map, then the next epoch's slightly moved embeddings mapped from it: the
        // map keeps its neighbourhoods (no early exaggeration to scatter them), and the run is
        // deterministic.
        const Matrix before = blobs(4, 60, 6, 0.8, 1);
        TsneConfig config;
        config.perplexity = 15;
        config.iterations = 500;
        const Matrix first = runTsne(before, config).layout;
        Matrix after = before;
        Random random(9);
        for (Eigen::Index i = 0; i < after.size(); ++i)
            after.data()[i] += static_cast<float>(0.02 * random.normal());
        config.iterations = 100;
        config.initialLayout = first;
        const TsneResult continued = runTsne(after, config);
        const double kept = sameNeighbours(first, continued.layout);
        QVERIFY2(kept > 0.8, qPrintable(QString::number(kept)));
        QVERIFY2(largestMove(first, continued.layout) < 0.5,
                 qPrintable(QString::number(largestMove(first, continued.layout))));
        QCOMPARE(runTsne(after, config).layout, continued.layout);
    }

    void umapStartsWhereItIsTold() {
        const Matrix points = blobs(4, 50, 6, 0.6, 1);
        Matrix start(points.rows(), 2);
        Random random(2);
        for (Eigen::Index i = 0; i < start.rows(); ++i)
            start.row(i) << static_cast<float>(random.uniform(0, 10)),
                static_cast<float>(random.uniform(0, 10));
        UmapConfig config;
        config.epochs = 1;
        config.learningRate = 1e-5;
        config.initialLayout = start;
        const UmapResult nudged = runUmap(points, config);
        QCOMPARE(nudged.start, std::string("given"));
        QVERIFY2(largestMove(start, nudged.layout) < 1e-3,
                 qPrintable(QString::number(largestMove(start, nudged.layout))));
        config.initialLayout = Matrix();
        QVERIFY(largestMove(start, runUmap(points, config).layout) > 0.1);
    }

    void umapContinuesAMap() {
        const Matrix before = blobs(4, 60, 6, 0.8, 1);
        UmapConfig config;
        config.epochs = 200;
        const Matrix first = runUmap(before, config).layout;
        Matrix after = before;
        Random random(9);
        for (Eigen::Index i = 0; i < after.size(); ++i)
            after.data()[i] += static_cast<float>(0.02 * random.normal());
        config.epochs = 50;
        config.learningRate = 0.25; // a short, gentle continuation
        config.initialLayout = first;
        const UmapResult continued = runUmap(after, config);
        const double kept = sameNeighbours(first, continued.layout);
        QVERIFY2(kept > 0.5, qPrintable(QString::number(kept)));
        QVERIFY2(largestMove(first, continued.layout) < 0.5,
                 qPrintable(QString::number(largestMove(first, continued.layout))));
        QCOMPARE(runUmap(after, config).layout, continued.layout);
    }
};

QTEST_GUILESS_MAIN(TestMapInit)
#include "tst_mapinit.moc"
