#include "train/FusedDotAdam.h"
#include "train/Trainer.h"
#include "util/Random.h"

#include <QTest>
#include <limits>

using namespace shelfscope;

namespace {

/// Ratings among `users` x `books` rows, a few stars each; with few rows they recur within and
/// across batches, with many most rows sit idle for long stretches.
TrainingData randomRatings(std::int32_t users, std::int32_t books, std::size_t trainRows,
                           std::uint64_t seed) {
    TrainingData data;
    data.userRows = users;
    data.bookRows = books;
    Random random(seed);
    const auto fill = [&](RatingRows& rows, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            rows.users.push_back(
                static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(users))));
            rows.books.push_back(
                static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(books))));
            rows.ratings.push_back(static_cast<float>(1 + random.below(5)));
        }
    };
    fill(data.train, trainRows);
    fill(data.test, 300);
    return data;
}

std::unique_ptr<Model> dotModel(int dim, const TrainingData& data) {
    ModelConfig config;
    config.kind = ModelKind::Dot;
    config.dim = dim;
    config.biases = false;
    config.embeddingInitScale = 0.3f;
    return createModel(config, data.userRows, data.bookRows, 11);
}

void compareWeights(const Model& fused, const Model& generic) {
    for (std::size_t p = 0; p < generic.parameters().size(); ++p) {
        const Matrix& a = fused.parameters()[p].values;
        const Matrix& b = generic.parameters()[p].values;
        QCOMPARE(a.rows(), b.rows());
        for (Eigen::Index r = 0; r < a.rows(); ++r)
            for (Eigen::Index c = 0; c < a.cols(); ++c)
                if (a(r, c) != b(r, c))
                    QFAIL(qPrintable(QStringLiteral("%1 row %2 column %3: fused %4, generic %5")
                                         .arg(QString::fromStdString(generic.parameters()[p].name))
                                         .arg(r)
                                         .arg(c)
                                         .arg(double(a(r, c)), 0, 'g', 9)
                                         .arg(double(b(r, c)), 0, 'g', 9)));
    }
}

} // namespace

class TestFusedDotAdam : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handlesOnlyTheDotModelWithoutBiases() {
        const TrainingData data = randomRatings(10, 10, 10, 1);
        QVERIFY(FusedDotAdam::handles(*dotModel(5, data)));
        ModelConfig biased;
        biased.biases = true;
        QVERIFY(!FusedDotAdam::handles(*createModel(biased, 10, 10, 1)));
        ModelConfig neural;
        neural.kind = ModelKind::Neural;
        neural.biases = false;
        QVERIFY(!FusedDotAdam::handles(*createModel(neural, 10, 10, 1)));
    }

    void matchesTheGenericPathBitForBit_data() {
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<float>("l2");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("ratings");
        QTest::addColumn<float>("beta2");
        // The notebook's shape, rows recurring often, then rarely (long idle stretches).
        QTest::newRow("d5, batch 32") << 5 << 32 << 0.0f << 1 << 40 << 4000 << 0.999f;
        QTest::newRow("d5, batch 32, many users") << 5 << 32 << 0.0f << 1 << 3000 << 4000 << 0.999f;
        QTest::newRow("d5, batch 7, l2") << 5 << 7 << 0.05f << 1 << 40 << 4000 << 0.999f;
        QTest::newRow("d5, batch 1") << 5 << 1 << 0.0f << 1 << 40 << 4000 << 0.999f;
        QTest::newRow("d3, batch 16") << 3 << 16 << 0.0f << 1 << 40 << 4000 << 0.999f;
        QTest::newRow("d8, batch 16, l2") << 8 << 16 << 0.02f << 1 << 40 << 4000 << 0.999f;
        QTest::newRow("d5, 2 threads") << 5 << 32 << 0.0f << 2 << 3000 << 4000 << 0.999f;
        QTest::newRow("d5, 2 threads, l2") << 5 << 32 << 0.03f << 2 << 300 << 4000 << 0.999f;
        QTest::newRow("d16, 2 threads, l2") << 16 << 9 << 0.01f << 2 << 200 << 4000 << 0.999f;
        // Past step 20,000, where catch-ups read the cubic grid and then the settled limit; with
        // beta2 near 1 the step sizes are still moving there.
        for (const float beta2 : {0.999f, 0.9999f, 0.999999f})
            QTest::newRow("d5, batch 1, 24000 steps, beta2 " + QByteArray::number(beta2, 'g', 7))
                << 5 << 1 << 0.0f << 2 << 3000 << 8000 << beta2;
    }

    void matchesTheGenericPathBitForBit() {
        // The fused path promises the generic path's results to the last bit, not just close.
        QFETCH(int, dim);
        QFETCH(int, batchSize);
        QFETCH(float, l2);
        QFETCH(int, threads);
        QFETCH(int, users);
        QFETCH(int, ratings);
        QFETCH(float, beta2);
        const TrainingData data = randomRatings(users, 60, static_cast<std::size_t>(ratings), 5);
        TrainConfig config;
        config.adam.beta2 = beta2;
        config.epochs = 3;
        config.batchSize = batchSize;
        config.l2 = l2;
        config.threads = threads;
        config.adam.learningRate = 0.01f;
        auto fused = dotModel(dim, data);
        auto generic = fused->clone();
        const auto initial = fused->clone();
        const TrainResult a = trainModel(*fused, data, config);
        config.threads = 1;
        TrainEngine genericPath;
        genericPath.allowFused = false;
        const TrainResult b = trainModel(*generic, data, config, {}, neverCancelled(), genericPath);
        QCOMPARE(a.outcome, TrainOutcome::Finished);
        QVERIFY(initial->userEmbeddings() != fused->userEmbeddings());
        compareWeights(*fused, *generic);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(a.epochs.size(), b.epochs.size());
        for (std::size_t e = 0; e < a.epochs.size(); ++e) {
            QCOMPARE(a.epochs[e].trainLoss, b.epochs[e].trainLoss);
            QCOMPARE(a.epochs[e].test.mse, b.epochs[e].test.mse);
        }
    }

    void divergenceKeepsTheLastGoodWeights() {
        // Adam's steps are bounded by the learning rate, so a loss that stops being finite
        // comes from the numbers fed in: one infinite rating here. The run must stop at its
        // batch and hand back the weights from before the epoch, not half-updated ones.
        TrainingData data = randomRatings(30, 20, 600, 4);
        data.train.ratings[417] = std::numeric_limits<float>::infinity();
        auto model = dotModel(5, data);
        const auto initial = model->clone();
        TrainConfig config;
        config.epochs = 2;
        const TrainResult result = trainModel(*model, data, config);
        QCOMPARE(result.outcome, TrainOutcome::Diverged);
        QVERIFY(QString::fromStdString(result.message).contains(QStringLiteral("infinite")));
        QCOMPARE(result.bestEpoch, 0);
        compareWeights(*model, *initial);
    }

    void stepsAndSettlesLikeAdam() {
        // Reader 0 rates book 0 at step 1 only; Keras' Adam keeps moving the row on its
        // momentum at every later step. Hand-computed in double from Adam's definition.
        TrainingData data = randomRatings(2, 2, 0, 1);
        auto model = dotModel(3, data);
        const Matrix user0 = model->userEmbeddings().row(0);
        const Matrix book0 = model->bookEmbeddings().row(0);
        AdamConfig adam;
        adam.learningRate = 0.05f;
        FusedDotAdam fused(*model, adam, 0.0f);
        const std::vector<std::int32_t> first = {0}, other = {1};
        const std::vector<float> five = {5.0f};
        QVERIFY(std::isfinite(fused.step({first, first, five})));
        QVERIFY(std::isfinite(fused.step({other, other, five})));
        QCOMPARE(fused.steps(), std::int64_t{2});
        QCOMPARE(Matrix(model->userEmbeddings().row(0)), user0); // the model waits for synchronize
        fused.settleRows(ParameterAxis::User, first, 4); // as the helper does, two steps ahead
        fused.synchronize();

        const double error = double(user0.row(0).dot(book0.row(0))) - 5.0;
        for (Eigen::Index j = 0; j < 3; ++j) {
            const double g = 2.0 * error * book0(0, j);
            double m = 0.0, v = 0.0, p = user0(0, j);
            for (int n = 1; n <= 4; ++n) {
                const double gradient = n == 1 ? g : 0.0;
                m = 0.9 * m + 0.1 * gradient;
                v = 0.999 * v + 0.001 * gradient * gradient;
                const double c =
                    0.05 * std::sqrt(1.0 - std::pow(0.999, n)) / (1.0 - std::pow(0.9, n));
                p -= c * m / (std::sqrt(v) + 1e-7);
            }
            QVERIFY2(std::fabs(model->userEmbeddings()(0, j) - p) < 1e-5,
                     qPrintable(QStringLiteral("element %1: %2, expected %3")
                                    .arg(j)
                                    .arg(double(model->userEmbeddings()(0, j)))
                                    .arg(p)));
        }
    }
};

QTEST_GUILESS_MAIN(TestFusedDotAdam)
#include "tst_fuseddotadam.moc"
