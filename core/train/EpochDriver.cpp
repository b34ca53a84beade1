#include "train/EpochDriver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

std::vector<Matrix> snapshot(const Model& model) {
    std::vector<Matrix> values;
    for (const Parameter& p : model.parameters())
        values.push_back(p.values);
    return values;
}

/// Copies the model's weights into a snapshot of it in place: assigning a new snapshot would
/// hold two at once (another 120 MB at 25M ratings while the old one is freed).
void refresh(std::vector<Matrix>& values, const Model& model) {
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = model.parameters()[i].values; // same shape: Eigen keeps the storage
}

void restore(Model& model, const std::vector<Matrix>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        model.parameters()[i].values = values[i];
}

/// The progress of an epoch so far, for the progress callback.
class ProgressReporter {
public:
    ProgressReporter(const TrainCallbacks& callbacks, const EpochWork& work, int epochs)
        : callbacks_(callbacks), work_(work), epochs_(epochs) {}

    void beginEpoch(int epoch, std::int64_t units, Clock::time_point start) {
        epoch_ = epoch;
        units_ = units;
        start_ = lastReport_ = start;
        reportedSum_ = reportedCount_ = 0.0;
    }

    /// The loss a report shows while the epoch has counted none (the last epoch's).
    void setLastEpochLoss(double loss) { lastEpochLoss_ = loss; }

    void report(std::int64_t done, double lossSum, double lossCount, Clock::time_point now) {
        if (!callbacks_.progress || (secondsBetween(lastReport_, now) < 0.05 && done != units_))
            return;
        lastReport_ = now;
        const double elapsed = std::max(secondsBetween(start_, now), 1e-9);
        TrainProgress progress;
        progress.epoch = epoch_;
        progress.epochs = epochs_;
        progress.batch = done;
        progress.batches = units_;
        progress.runningLoss =
            lossCount > 0.0 ? lossSum / std::max(lossCount, 1.0) : lastEpochLoss_;
        progress.recentLoss =
            lossCount > reportedCount_
                ? (lossSum - reportedSum_) / std::max(lossCount - reportedCount_, 1.0)
                : progress.runningLoss;
        reportedSum_ = lossSum;
        reportedCount_ = lossCount;
        progress.ratingsPerSecond = static_cast<double>(work_.itemsIn(done)) / elapsed;
        progress.etaSeconds = elapsed / static_cast<double>(std::max<std::int64_t>(done, 1)) *
                              static_cast<double>((units_ - done) + (epochs_ - epoch_) * units_);
        callbacks_.progress(progress);
    }

private:
    const TrainCallbacks& callbacks_;
    const EpochWork& work_;
    int epochs_;
    int epoch_ = 0;
    std::int64_t units_ = 0;
    Clock::time_point start_;
    Clock::time_point lastReport_;
    double reportedSum_ = 0.0;
    double reportedCount_ = 0.0;
    double lastEpochLoss_ = 0.0;
};

} // namespace

TrainResult runEpochs(Model& model, EpochWork& work, const EpochLoop& loop,
                      const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    TrainResult result;
    std::vector<Matrix> lastGood = snapshot(model);
    std::vector<Matrix> best;
    double bestValidation = std::numeric_limits<double>::infinity();
    int epochsWithoutGain = 0;
    const auto started = Clock::now();
    double trainingSeconds = 0.0;
    std::int64_t itemsTrained = 0;
    ProgressReporter reporter(callbacks, work, loop.epochs);
    const std::int64_t pollEvery = std::max<std::int64_t>(1, loop.pollEvery);

    for (int epoch = 1; epoch <= loop.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        const std::int64_t units = work.beginEpoch(epoch);
        reporter.beginEpoch(epoch, units, epochStart);
        double lossSum = 0.0;
        double lossCount = 0.0;
        std::int64_t done = 0;
        std::int64_t stopAt = -1; // the unit count at which a cancelled epoch stops
        const auto stopCancelled = [&] {
            work.halt();
            work.finishEpoch();
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped in epoch " + std::to_string(epoch) + " at batch " +
                             std::to_string(done) + " of " + std::to_string(units);
            result.bestEpoch = epoch - 1;
        };
        while (done < units) {
            double unitSum = 0.0;
            double unitCount = 0.0;
            work.runUnit(done, unitSum, unitCount);
            if (!std::isfinite(unitSum)) {
                work.halt();
                restore(model, lastGood);
                result.outcome = TrainOutcome::Diverged;
                result.message = "training diverged in epoch " + std::to_string(epoch) +
                                 ", batch " + std::to_string(done + 1) + " (the loss became " +
                                 (std::isnan(unitSum) ? "NaN" : "infinite") +
                                 "); the weights from the end of epoch " +
                                 std::to_string(epoch - 1) + " were kept. " + loop.divergenceAdvice;
                result.bestEpoch = epoch - 1;
                break;
            }
            lossSum += unitSum;
            lossCount += unitCount;
            ++done;
            if (done == stopAt) {
                stopCancelled();
                break;
            }
            if (done % pollEvery == 0 || done == units) {
                if (stopAt < 0 && cancel.load(std::memory_order_relaxed)) {
                    stopAt = work.stopSoon(done);
                    if (stopAt == done) {
                        stopCancelled();
                        break;
                    }
                }
                reporter.report(done, lossSum, lossCount, Clock::now());
            }
        }
        if (result.outcome != TrainOutcome::Finished)
            break;
        work.halt();
        work.finishEpoch();
        const double epochSeconds = secondsBetween(epochStart, Clock::now());
        if (cancel.load(std::memory_order_relaxed)) { // assessing would delay the stop
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped at the end of epoch " + std::to_string(epoch);
            result.bestEpoch = epoch;
            break;
        }
        trainingSeconds += epochSeconds;
        const std::int64_t items = work.itemsIn(units);
        itemsTrained += items;

        EpochReport report;
        report.epoch = epoch;
        report.trainLoss = lossSum / std::max(lossCount, 1.0);
        report.seconds = epochSeconds;
        report.ratingsPerSecond = static_cast<double>(items) / std::max(epochSeconds, 1e-9);
        work.assess(report);
        reporter.setLastEpochLoss(report.trainLoss);
        result.epochs.push_back(report);
        if (callbacks.epochFinished)
            callbacks.epochFinished(report);
        if (callbacks.epochModel)
            callbacks.epochModel(epoch, model);
        refresh(lastGood, model);
        result.bestEpoch = epoch;

        if (loop.earlyStopPatience > 0 && report.validation) {
            if (report.validation->rmse < bestValidation) {
                bestValidation = report.validation->rmse;
                best = lastGood;
                epochsWithoutGain = 0;
            } else if (++epochsWithoutGain >= loop.earlyStopPatience) {
                result.outcome = TrainOutcome::EarlyStopped;
                break;
            }
        }
    }
    if (loop.earlyStopPatience > 0 && !best.empty() && result.outcome != TrainOutcome::Diverged) {
        restore(model, best);
        for (const EpochReport& report : result.epochs)
            if (report.validation && report.validation->rmse == bestValidation)
                result.bestEpoch = report.epoch;
        if (result.outcome == TrainOutcome::EarlyStopped)
            result.message =
                "validation RMSE stopped improving; kept epoch " + std::to_string(result.bestEpoch);
    }
    result.trainSeconds =
        trainingSeconds > 0 ? trainingSeconds : secondsBetween(started, Clock::now());
    result.ratingsPerSecond = static_cast<double>(itemsTrained) / std::max(trainingSeconds, 1e-9);
    return result;
}

} // namespace shelfscope
