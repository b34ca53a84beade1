#include "train/Trainer.h"

#include "config/OptionTable.h"
#include "train/StepRunner.h"
#include "util/ComputeThread.h"
#include "util/Random.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

std::unique_ptr<Optimizer> makeOptimizer(const TrainConfig& config) {
    if (config.optimizer == OptimizerKind::Sgd)
        return makeSgd(config.sgdLearningRate);
    return makeAdam(config.adam, config.adamRows);
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

/// The shortest text that reads back as the float (0.99, not 0.990000009537).
std::string shortestText(float value) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return {text, end};
}

} // namespace

const char* trainOutcomeName(TrainOutcome outcome) {
    switch (outcome) {
    case TrainOutcome::Finished:
        return "finished";
    case TrainOutcome::EarlyStopped:
        return "early-stopped";
    case TrainOutcome::Cancelled:
        return "stopped";
    case TrainOutcome::Diverged:
        return "diverged";
    }
    return "unknown";
}

void validateTrainConfig(const TrainConfig& config) {
    // The ranges are the command-line options' (config/OptionTable.h), so every program agrees.
    requireInRange(option(CliCommand::Train, "epochs"), config.epochs);
    requireInRange(option(CliCommand::Train, "batch"), config.batchSize);
    requireInRange(option(CliCommand::Train, "l2"), config.l2);
    requireInRange(option(CliCommand::Train, "threads"), config.threads);
    requireInRange(option(CliCommand::Train, "early-stop"), config.earlyStopPatience);
    requireInRange(option(CliCommand::Train, "lr"), config.optimizer == OptimizerKind::Sgd
                                                        ? config.sgdLearningRate
                                                        : config.adam.learningRate);
    // Adam's moments blow up otherwise: a usage error, not a failure inside the optimizer.
    if (config.optimizer == OptimizerKind::Adam &&
        !(static_cast<double>(config.adam.beta1) <
          std::sqrt(static_cast<double>(config.adam.beta2))))
        throw std::invalid_argument(
            "beta1 (" + shortestText(config.adam.beta1) +
            ") must be below the square root of beta2 (" +
            shortestText(static_cast<float>(std::sqrt(static_cast<double>(config.adam.beta2)))) +
            ")");
}

ErrorMetrics evaluateModel(const Model& model, const RatingRows& rows, bool clip, RatingScale scale,
                           int threads) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    std::vector<float> predictions(rows.size());
    const std::size_t parts = static_cast<std::size_t>(std::max(1, threads));
    const std::size_t chunk = (rows.size() + parts - 1) / parts;
    const auto predictRange = [&](std::size_t begin) {
        const std::size_t end = std::min(rows.size(), begin + chunk);
        if (begin >= end)
            return;
        model.predictBatch(std::span(rows.users).subspan(begin, end - begin),
                           std::span(rows.books).subspan(begin, end - begin),
                           std::span(predictions).subspan(begin, end - begin));
    };
    std::vector<std::thread> workers;
    for (std::size_t part = 1; part < parts; ++part)
        workers.push_back(
            startComputeThread([&predictRange, part, chunk] { predictRange(part * chunk); }));
    predictRange(0);
    for (std::thread& worker : workers)
        worker.join();
    return errorMetrics(predictions, rows.ratings, clip, scale);
}

TrainResult trainModel(Model& model, const TrainingData& data, const TrainConfig& config,
                       const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    validateTrainConfig(config);
    if (data.train.size() == 0)
        throw std::invalid_argument("there are no training ratings");
    if (config.earlyStopPatience > 0 && data.validation.size() == 0)
        throw std::invalid_argument("early stopping needs validation ratings");
    const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config);
    StepRunner runner(model, *optimizer, data, config);

    TrainResult result;
    const std::size_t ratingCount = data.train.size();
    Random shuffler(config.shuffleSeed);
    const auto batchSize = static_cast<std::size_t>(config.batchSize);
    const auto batches = static_cast<std::int64_t>((ratingCount + batchSize - 1) / batchSize);
    std::vector<Matrix> lastGood = snapshot(model);
    std::vector<Matrix> best;
    double bestValidation = std::numeric_limits<double>::infinity();
    int epochsWithoutGain = 0;
    const auto started = Clock::now();
    double trainingSeconds = 0.0;

    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        const auto epochStart = Clock::now(); // the shuffle is part of the epoch's work
        runner.beginEpoch(shuffler);
        auto lastReport = epochStart;
        double objectiveSum = 0.0;
        std::int64_t batch = 0;
        std::int64_t stopAt = -1; // the batch count at which a cancelled epoch stops
        const auto stopCancelled = [&](std::int64_t done) {
            runner.synchronize();
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped in epoch " + std::to_string(epoch) + " at batch " +
                             std::to_string(done) + " of " + std::to_string(batches);
            result.bestEpoch = epoch - 1;
        };
        double reportedSum = 0.0;
        std::int64_t reportedBatches = 0;
        for (std::size_t start = 0; start < ratingCount; start += batchSize) {
            double objective = 0.0;
            const std::size_t count = std::min(batchSize, ratingCount - start);
            if (!runner.step(start, count, objective)) {
                runner.quiesce();
                restore(model, lastGood);
                result.outcome = TrainOutcome::Diverged;
                result.message = "training diverged in epoch " + std::to_string(epoch) +
                                 ", batch " + std::to_string(batch + 1) + " (the loss became " +
                                 (std::isnan(objective) ? "NaN" : "infinite") +
                                 "); the weights from the end of epoch " +
                                 std::to_string(epoch - 1) +
                                 " were kept. Try a lower learning rate.";
                result.bestEpoch = epoch - 1;
                break;
            }
            objectiveSum += objective;
            ++batch;
            if (batch == stopAt) {
                stopCancelled(batch);
                break;
            }
            if ((batch & 63) == 0 || batch == batches) {
                const auto now = Clock::now();
                if (stopAt < 0 && cancel.load(std::memory_order_relaxed)) {
                    stopAt = runner.stopSoon(batch);
                    if (stopAt == batch) {
                        stopCancelled(batch);
                        break;
                    }
                }
                if (callbacks.progress &&
                    (secondsBetween(lastReport, now) >= 0.05 || batch == batches)) {
                    lastReport = now;
                    const double elapsed = secondsBetween(epochStart, now);
                    TrainProgress progress;
                    progress.epoch = epoch;
                    progress.epochs = config.epochs;
                    progress.batch = batch;
                    progress.batches = batches;
                    progress.runningLoss = objectiveSum / static_cast<double>(batch);
                    progress.recentLoss =
                        (objectiveSum - reportedSum) / static_cast<double>(batch - reportedBatches);
                    reportedSum = objectiveSum;
                    reportedBatches = batch;
                    progress.ratingsPerSecond =
                        static_cast<double>(
                            std::min(ratingCount, static_cast<std::size_t>(batch) * batchSize)) /
                        std::max(elapsed, 1e-9);
                    const double perBatch = elapsed / static_cast<double>(batch);
                    progress.etaSeconds =
                        perBatch *
                        static_cast<double>((batches - batch) + (config.epochs - epoch) * batches);
                    callbacks.progress(progress);
                }
            }
        }
        if (result.outcome != TrainOutcome::Finished)
            break;
        runner.quiesce();
        runner.synchronize();
        const double epochSeconds = secondsBetween(epochStart, Clock::now());
        if (cancel.load(std::memory_order_relaxed)) { // evaluating would delay the stop
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped at the end of epoch " + std::to_string(epoch);
            result.bestEpoch = epoch;
            break;
        }
        trainingSeconds += epochSeconds;

        EpochReport report;
        report.epoch = epoch;
        report.trainLoss = objectiveSum / static_cast<double>(std::max<std::int64_t>(batch, 1));
        report.seconds = epochSeconds;
        report.ratingsPerSecond = static_cast<double>(ratingCount) / std::max(epochSeconds, 1e-9);
        report.test =
            evaluateModel(model, data.test, config.clipPredictions, config.scale, config.threads);
        if (data.validation.size() > 0)
            report.validation = evaluateModel(model, data.validation, config.clipPredictions,
                                              config.scale, config.threads);
        result.epochs.push_back(report);
        if (callbacks.epochFinished)
            callbacks.epochFinished(report);
        if (callbacks.epochModel)
            callbacks.epochModel(epoch, model);
        refresh(lastGood, model);
        result.bestEpoch = epoch;

        if (config.earlyStopPatience > 0) {
            if (report.validation->rmse < bestValidation) {
                bestValidation = report.validation->rmse;
                best = lastGood;
                epochsWithoutGain = 0;
            } else if (++epochsWithoutGain >= config.earlyStopPatience) {
                result.outcome = TrainOutcome::EarlyStopped;
                break;
            }
        }
    }
    if (config.earlyStopPatience > 0 && !best.empty() && result.outcome != TrainOutcome::Diverged) {
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
    const double ratingsSeen =
        static_cast<double>(data.train.size()) * static_cast<double>(result.epochs.size());
    result.ratingsPerSecond = ratingsSeen / std::max(trainingSeconds, 1e-9);
    result.test =
        evaluateModel(model, data.test, config.clipPredictions, config.scale, config.threads);
    return result;
}

} // namespace shelfscope
