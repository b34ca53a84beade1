#include "train/Trainer.h"

#include "config/OptionTable.h"
#include "train/EpochDriver.h"
#include "train/EpochOrder.h"
#include "train/StepStrategy.h"
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

/// The shortest text that reads back as the float (0.99, not 0.990000009537).
std::string shortestText(float value) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return {text, end};
}

/// Squared error on mini-batches of the ratings, reshuffled every epoch, stepped by the
/// strategy the model and settings call for.
class RatingEpochs final : public EpochWork {
public:
    RatingEpochs(Model& model, const TrainingData& data, const TrainConfig& config,
                 const TrainEngine& engine)
        : model_(model), data_(data), config_(config),
          order_(data.train, static_cast<std::size_t>(config.batchSize)),
          steps_(chooseStepStrategy(model, config, engine)), shuffler_(config.shuffleSeed) {}

    std::int64_t beginEpoch(int /*epoch*/) override {
        order_.shuffle(shuffler_); // part of the epoch's work
        steps_->beginEpoch(order_.users(), order_.books(), order_.batchSize());
        return order_.batches();
    }

    void runUnit(std::int64_t unit, double& lossSum, double& lossCount) override {
        // The rows a step reads are scattered over tables of megabytes; asking for the next
        // batch's while this one computes hides most of the memory latency.
        if (unit + 1 < order_.batches())
            steps_->prefetch(order_.batch(unit + 1));
        lossSum = steps_->step(unit, order_.batch(unit));
        lossCount = 1.0;
    }

    std::int64_t itemsIn(std::int64_t units) const override { return order_.ratingsIn(units); }
    std::int64_t stopSoon(std::int64_t done) override { return steps_->stopSoon(done); }
    void halt() override { steps_->quiesce(); }
    void finishEpoch() override { steps_->synchronize(); }

    void assess(EpochReport& report) override {
        report.test = evaluateModel(model_, data_.test, config_.clipPredictions, config_.scale,
                                    config_.threads);
        if (data_.validation.size() > 0)
            report.validation = evaluateModel(model_, data_.validation, config_.clipPredictions,
                                              config_.scale, config_.threads);
    }

private:
    Model& model_;
    const TrainingData& data_;
    const TrainConfig& config_;
    EpochOrder order_;
    std::unique_ptr<StepStrategy> steps_;
    Random shuffler_;
};

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
                       const TrainCallbacks& callbacks, const std::atomic<bool>& cancel,
                       const TrainEngine& engine) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    validateTrainConfig(config);
    if (data.train.size() == 0)
        throw std::invalid_argument("there are no training ratings");
    if (config.earlyStopPatience > 0 && data.validation.size() == 0)
        throw std::invalid_argument("early stopping needs validation ratings");
    RatingEpochs work(model, data, config, engine);
    EpochLoop loop;
    loop.epochs = config.epochs;
    loop.earlyStopPatience = config.earlyStopPatience;
    loop.pollEvery = 64;
    TrainResult result = runEpochs(model, work, loop, callbacks, cancel);
    result.test =
        evaluateModel(model, data.test, config.clipPredictions, config.scale, config.threads);
    return result;
}

} // namespace shelfscope
