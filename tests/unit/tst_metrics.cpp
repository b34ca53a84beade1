#include "eval/Baselines.h"
#include "eval/Metrics.h"

#include <QTest>

using namespace shelfscope;

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void errorMetricsByHand_data() {
        QTest::addColumn<bool>("clip");
        QTest::addColumn<double>("mse");
        QTest::addColumn<double>("mae");
        // predictions 1, 2, 6 against 2, 2, 4: errors -1, 0, 2.
        QTest::newRow("raw") << false << 5.0 / 3.0 << 1.0;
        // clipped to 1..5 the 6 becomes 5: errors -1, 0, 1.
        QTest::newRow("clipped") << true << 2.0 / 3.0 << 2.0 / 3.0;
    }

    void errorMetricsByHand() {
        QFETCH(bool, clip);
        QFETCH(double, mse);
        QFETCH(double, mae);
        const std::vector<float> predictions{1, 2, 6};
        const std::vector<float> truth{2, 2, 4};
        const ErrorMetrics metrics = errorMetrics(predictions, truth, clip, {1, 5});
        QCOMPARE(metrics.count, std::int64_t{3});
        QVERIFY(std::fabs(metrics.mse - mse) < 1e-12);
        QVERIFY(std::fabs(metrics.rmse - std::sqrt(mse)) < 1e-12);
        QVERIFY(std::fabs(metrics.mae - mae) < 1e-12);
    }

    void emptyAndMismatched() {
        QCOMPARE(errorMetrics({}, {}).count, std::int64_t{0});
        const std::vector<float> one{1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, errorMetrics(one, {}));
    }

    void biasBaselineByHand() {
        // u0 rated b0 5 and b1 3; u1 rated b0 4. Mean 4. With no regularisation and one sweep:
        // book biases first: b0 = ((5-4) + (4-4)) / 2 = 0.5, b1 = (3-4) / 1 = -1;
        // then users: u0 = ((5-4-0.5) + (3-4+1)) / 2 = 0.25, u1 = (4-4-0.5) / 1 = -0.5.
        RatingRows train;
        train.users = {0, 0, 1};
        train.books = {0, 1, 0};
        train.ratings = {5, 3, 4};
        QCOMPARE(globalMean(train), 4.0);
        const BiasBaseline baseline = fitBiasBaseline(train, 2, 2, {0.0, 0.0, 1});
        QCOMPARE(baseline.bookBias[0], 0.5);
        QCOMPARE(baseline.bookBias[1], -1.0);
        QCOMPARE(baseline.userBias[0], 0.25);
        QCOMPARE(baseline.userBias[1], -0.5);
        QCOMPARE(baseline.predict(0, 0), 4.75f);
        // Regularisation shrinks biases towards zero: lambda 2 gives b0 = 1 / (2 + 2) = 0.25 first.
        const BiasBaseline shrunk = fitBiasBaseline(train, 2, 2, {2.0, 2.0, 1});
        QCOMPARE(shrunk.bookBias[0], 0.25);
        RatingRows test;
        test.users = {1};
        test.books = {1};
        test.ratings = {2};
        // prediction 4 - 0.5 - 1 = 2.5 against 2.
        QVERIFY(std::fabs(evaluateBiasBaseline(baseline, test).mae - 0.5) < 1e-6);
        QCOMPARE(evaluateConstant(4.0, test).mse, 4.0);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
