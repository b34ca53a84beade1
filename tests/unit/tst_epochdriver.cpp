#include "model/Model.h"
#include "train/EpochDriver.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <vector>

using namespace shelfscope;

namespace {

/// Units that add 1 to the model's first weight and report a scripted loss, so every rule of
/// the driver can be checked against what a unit did.
class ScriptedWork final : public EpochWork {
public:
    ScriptedWork(Model& model, std::int64_t units) : model_(model), units_(units) {}

    std::int64_t beginEpoch(int epoch) override {
        ++epochsBegun;
        epoch_ = epoch;
        return units_;
    }
    void runUnit(std::int64_t unit, double& lossSum, double& lossCount) override {
        unitsRun.push_back(unit);
        model_.parameters()[0].values(0, 0) += 1.0f;
        const bool diverges = epoch_ == divergeInEpoch && unit == divergeAtUnit;
        lossSum = diverges ? std::numeric_limits<double>::quiet_NaN()
                           : (silentUnits ? 0.0 : 2.0 * static_cast<double>(epoch_));
        lossCount = silentUnits ? 0.0 : 2.0;
    }
    std::int64_t itemsIn(std::int64_t units) const override { return units * 10; }
    std::int64_t stopSoon(std::int64_t done) override { return done + owedUnits; }
    void halt() override { ++halts; }
    void finishEpoch() override { ++finishes; }
    void assess(EpochReport& report) override {
        if (silentUnits) // the loss is known once the epoch is over (implicit ALS)
            report.trainLoss = 10.0 * report.epoch;
        if (validationRmse.empty())
            return;
        report.validation = ErrorMetrics{};
        report.validation->rmse = validationRmse[static_cast<std::size_t>(report.epoch - 1)];
    }

    std::vector<std::int64_t> unitsRun;
    int epochsBegun = 0;
    int halts = 0;
    int finishes = 0;
    std::int64_t owedUnits = 0;
    int divergeInEpoch = 0;
    std::int64_t divergeAtUnit = -1;
    std::vector<double> validationRmse;
    bool silentUnits = false; ///< units report no loss; assess sets the epoch's

private:
    Model& model_;
    std::int64_t units_;
    int epoch_ = 0;
};

float firstWeight(const Model& model) {
    return model.parameters()[0].values(0, 0);
}

} // namespace

class TestEpochDriver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsEveryUnitAndReportsEachEpoch() {
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        const float start = firstWeight(*model);
        ScriptedWork work(*model, 5);
        EpochLoop loop;
        loop.epochs = 3;
        loop.pollEvery = 2;
        std::vector<TrainProgress> progress;
        std::vector<int> reported;
        TrainCallbacks callbacks;
        callbacks.progress = [&](const TrainProgress& p) { progress.push_back(p); };
        callbacks.epochFinished = [&](const EpochReport& r) { reported.push_back(r.epoch); };
        const TrainResult result = runEpochs(*model, work, loop, callbacks);
        QCOMPARE(result.outcome, TrainOutcome::Finished);
        QCOMPARE(work.unitsRun.size(), std::size_t{15});
        QCOMPARE(firstWeight(*model), start + 15.0f);
        QCOMPARE(reported, (std::vector<int>{1, 2, 3}));
        QCOMPARE(result.bestEpoch, 3);
        // Each epoch's loss is the mean over its terms: 2 * epoch per 2 terms.
        for (const EpochReport& report : result.epochs)
            QCOMPARE(report.trainLoss, static_cast<double>(report.epoch));
        QCOMPARE(work.finishes, 3);
        // The last unit of every epoch is always reported, with no time left for that epoch.
        QVERIFY(!progress.empty());
        int ends = 0;
        for (const TrainProgress& p : progress) {
            QCOMPARE(p.batches, std::int64_t{5});
            QVERIFY(p.batch == 5 || p.batch % 2 == 0);
            if (p.batch == 5) {
                ++ends;
                QCOMPARE(p.runningLoss, static_cast<double>(p.epoch));
                if (p.epoch == 3)
                    QCOMPARE(p.etaSeconds, 0.0);
            }
        }
        QCOMPARE(ends, 3);
    }

    void cancelRunsTheUnitsOwedThenStops_data() {
        QTest::addColumn<std::int64_t>("owed");
        QTest::addColumn<std::int64_t>("stopsAt");
        QTest::newRow("nothing owed: stops at the first look")
            << std::int64_t{0} << std::int64_t{4};
        QTest::newRow("three owed") << std::int64_t{3} << std::int64_t{7};
    }

    void cancelRunsTheUnitsOwedThenStops() {
        QFETCH(std::int64_t, owed);
        QFETCH(std::int64_t, stopsAt);
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        const float start = firstWeight(*model);
        ScriptedWork work(*model, 20);
        work.owedUnits = owed;
        EpochLoop loop;
        loop.epochs = 2;
        loop.pollEvery = 4;
        const std::atomic<bool> cancel{true};
        const TrainResult result = runEpochs(*model, work, loop, {}, cancel);
        QCOMPARE(result.outcome, TrainOutcome::Cancelled);
        QCOMPARE(static_cast<std::int64_t>(work.unitsRun.size()), stopsAt);
        QCOMPARE(firstWeight(*model), start + static_cast<float>(stopsAt)); // the weights reached
        QCOMPARE(QString::fromStdString(result.message),
                 QStringLiteral("stopped in epoch 1 at batch %1 of 20").arg(stopsAt));
        QVERIFY(result.epochs.empty());
        QCOMPARE(work.finishes, 1); // the weights were made whole
        QCOMPARE(work.halts, 1);    // after the helpers stopped
    }

    void divergenceRestoresTheLastFinishedEpoch() {
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        const float start = firstWeight(*model);
        ScriptedWork work(*model, 6);
        work.divergeInEpoch = 2;
        work.divergeAtUnit = 3;
        EpochLoop loop;
        loop.epochs = 3;
        const TrainResult result = runEpochs(*model, work, loop);
        QCOMPARE(result.outcome, TrainOutcome::Diverged);
        QCOMPARE(firstWeight(*model), start + 6.0f); // epoch 1's six units, not epoch 2's four
        QCOMPARE(result.bestEpoch, 1);
        QCOMPARE(result.epochs.size(), std::size_t{1});
        QVERIFY(QString::fromStdString(result.message)
                    .startsWith(QStringLiteral("training diverged in epoch 2, batch 4 (the loss "
                                               "became NaN)")));
    }

    void aLossKnownAtTheEpochsEndIsReportedThen() {
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        ScriptedWork work(*model, 4);
        work.silentUnits = true;
        EpochLoop loop;
        loop.epochs = 3;
        loop.pollEvery = 1;
        std::vector<TrainProgress> progress;
        TrainCallbacks callbacks;
        callbacks.progress = [&](const TrainProgress& p) { progress.push_back(p); };
        const TrainResult result = runEpochs(*model, work, loop, callbacks);
        QCOMPARE(result.outcome, TrainOutcome::Finished);
        for (const EpochReport& report : result.epochs)
            QCOMPARE(report.trainLoss, 10.0 * report.epoch);
        // While an epoch runs, its progress shows the last epoch's loss (none before the first).
        QVERIFY(!progress.empty());
        for (const TrainProgress& p : progress) {
            QCOMPARE(p.runningLoss, 10.0 * (p.epoch - 1));
            QCOMPARE(p.recentLoss, p.runningLoss);
        }
    }

    void divergenceGivesTheWorksAdvice() {
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        ScriptedWork work(*model, 3);
        work.divergeInEpoch = 1;
        work.divergeAtUnit = 0;
        EpochLoop loop;
        loop.divergenceAdvice = "Try a larger regularization.";
        const TrainResult result = runEpochs(*model, work, loop);
        QCOMPARE(result.outcome, TrainOutcome::Diverged);
        QCOMPARE(result.bestEpoch, 0);
        QVERIFY(QString::fromStdString(result.message)
                    .endsWith(QStringLiteral("were kept. Try a larger regularization.")));
    }

    void earlyStoppingKeepsTheBestEpoch() {
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        const float start = firstWeight(*model);
        ScriptedWork work(*model, 2);
        work.validationRmse = {0.9, 0.8, 0.85, 0.86, 0.7};
        EpochLoop loop;
        loop.epochs = 5;
        loop.earlyStopPatience = 2;
        const TrainResult result = runEpochs(*model, work, loop);
        QCOMPARE(result.outcome, TrainOutcome::EarlyStopped);
        QCOMPARE(result.epochs.size(), std::size_t{4}); // epochs 3 and 4 did not improve
        QCOMPARE(result.bestEpoch, 2);
        QCOMPARE(firstWeight(*model), start + 4.0f); // epoch 2's weights
        QCOMPARE(QString::fromStdString(result.message),
                 QStringLiteral("validation RMSE stopped improving; kept epoch 2"));
    }

    void ratesCountTheWorksItems() {
        auto model = createModel(ModelConfig{}, 3, 3, 1);
        ScriptedWork work(*model, 4);
        EpochLoop loop;
        loop.epochs = 2;
        const TrainResult result = runEpochs(*model, work, loop);
        QVERIFY(result.trainSeconds > 0.0);
        QCOMPARE(result.ratingsPerSecond, 80.0 / result.trainSeconds);
        for (const EpochReport& report : result.epochs) {
            QVERIFY(report.seconds > 0.0);
            QCOMPARE(report.ratingsPerSecond, 40.0 / report.seconds);
        }
    }
};

QTEST_GUILESS_MAIN(TestEpochDriver)
#include "tst_epochdriver.moc"
