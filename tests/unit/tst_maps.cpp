#include "maps/Pca.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

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
};

QTEST_GUILESS_MAIN(TestMaps)
#include "tst_maps.moc"
