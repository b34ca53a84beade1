#include "eval/Baselines.h"
#include "eval/Metrics.h"
#include "eval/PredictionQuality.h"

#include <QTest>
#include <set>

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

    void predictionQualityByHand() {
        RatingRows rows;
        rows.users = {0, 1, 2, 3};
        rows.books = {4, 5, 6, 7};
        rows.ratings = {1, 1, 5, 3};
        const std::vector<float> predictions{2.0f, 1.5f, 4.0f, 3.5f};
        PredictionQualityConfig config;
        config.residualBinWidth = 1.0;
        config.residualLimit = 2.0;
        config.samples = 10;
        const PredictionQuality q = assessPredictions(predictions, rows, config);
        // Residuals 1, 0.5, -1, 0.5 in bins [-2,-1) [-1,0) [0,1) [1,2).
        QCOMPARE(q.residuals.size(), std::size_t{4});
        const std::int64_t counts[] = {0, 1, 2, 1};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(q.residuals[i].count, counts[i]);
            QCOMPARE(q.residuals[i].low, -2.0 + i);
        }
        QCOMPARE(q.meanResidual, 0.25);
        QCOMPARE(q.errors.mse, (1.0 + 0.25 + 1.0 + 0.25) / 4.0);
        QCOMPARE(q.errors.mae, 0.75);
        QCOMPARE(q.byRating.size(), std::size_t{3});
        QCOMPARE(q.byRating[0].rating, 1.0f);
        QCOMPARE(q.byRating[0].count, std::int64_t{2});
        QCOMPARE(q.byRating[0].meanPrediction, 1.75);
        QCOMPARE(q.byRating[0].predictionSpread, 0.25);
        // Nearest rank over the sorted predictions {1.5, 2}: 5% and 25% and 50% -> 1.5.
        QCOMPARE(q.byRating[0].p05, 1.5f);
        QCOMPARE(q.byRating[0].median, 1.5f);
        QCOMPARE(q.byRating[0].q3, 2.0f);
        QCOMPARE(q.byRating[0].p95, 2.0f);
        QCOMPARE(q.byRating[1].meanPrediction, 3.5);
        QCOMPARE(q.byRating[1].predictionSpread, 0.0);
        QCOMPARE(q.byRating[2].rating, 5.0f);
        QCOMPARE(q.byRating[2].meanPrediction, 4.0);
        // Asking for more samples than rows gives every row once, in row order.
        QCOMPARE(q.samples.size(), std::size_t{4});
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(q.samples[i].userRow, i);
            QCOMPARE(q.samples[i].bookRow, i + 4);
            QCOMPARE(q.samples[i].prediction, predictions[i]);
        }
    }

    void predictionQuantilesByHand() {
        RatingRows rows;
        std::vector<float> predictions;
        for (int i = 1; i <= 20; ++i) { // predictions 0.1 .. 2.0 for true rating 3
            rows.users.push_back(i);
            rows.books.push_back(i);
            rows.ratings.push_back(3.0f);
            predictions.push_back(0.1f * static_cast<float>(21 - i));
        }
        const RatingGroupQuality g = assessPredictions(predictions, rows).byRating.at(0);
        QCOMPARE(g.p05, 0.1f); // rank ceil(1) = 1
        QCOMPARE(g.q1, 0.5f);  // rank 5
        QCOMPARE(g.median, 1.0f);
        QCOMPARE(g.q3, 1.5f);
        QCOMPARE(g.p95, 1.9f); // rank 19
    }

    void predictionQualityClipsAndSamples() {
        RatingRows rows;
        for (int i = 0; i < 1000; ++i) {
            rows.users.push_back(i);
            rows.books.push_back(i);
            rows.ratings.push_back(5.0f);
        }
        const std::vector<float> predictions(1000, 9.0f);
        PredictionQualityConfig config;
        config.samples = 7;
        PredictionQuality q = assessPredictions(predictions, rows, config);
        QCOMPARE(q.residuals.back().count, std::int64_t{1000}); // 4 and beyond: the last bin
        QCOMPARE(q.byRating[0].meanPrediction, 9.0);
        std::set<std::int32_t> distinct;
        for (const PredictionSample& s : q.samples)
            distinct.insert(s.userRow);
        QCOMPARE(distinct.size(), std::size_t{7});
        const PredictionQuality again = assessPredictions(predictions, rows, config);
        for (std::size_t i = 0; i < 7; ++i)
            QCOMPARE(again.samples[i].userRow, q.samples[i].userRow);
        config.clip = true;
        q = assessPredictions(predictions, rows, config);
        QCOMPARE(q.byRating[0].meanPrediction, 5.0);
        QCOMPARE(q.meanResidual, 0.0);
        QCOMPARE(q.errors.mse, 0.0);
        QCOMPARE(q.samples[0].prediction, 5.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 assessPredictions(std::vector<float>(3), rows, config));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
