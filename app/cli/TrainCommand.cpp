#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "data/Dataset.h"
#include "io/JsonWriter.h"
#include "train/Presets.h"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace shelfscope::cli {

namespace {

std::vector<int> parseWidths(const std::string& text) {
    std::vector<int> widths;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        try {
            std::size_t used = 0;
            const int width = std::stoi(item, &used);
            if (used != item.size())
                throw std::invalid_argument(item);
            widths.push_back(width);
        } catch (const std::exception&) {
            throw UsageError("--hidden takes comma-separated layer widths such as 128,32, got '" +
                             text + "'");
        }
    }
    return widths;
}

ExperimentConfig configure(const CommandLine& options) {
    const std::string presetName = options.text("preset", "notebook-dot");
    const Preset* preset = findPreset(presetName);
    if (preset == nullptr) {
        std::string names;
        for (const Preset& p : presets())
            names += (names.empty() ? "" : ", ") + p.name;
        throw UsageError("unknown preset '" + presetName + "' (presets: " + names + ")");
    }
    ExperimentConfig config = preset->config;
    if (options.has("model")) {
        const std::string kind = options.text("model");
        if (kind != "dot" && kind != "neural")
            throw UsageError("--model is dot or neural, got '" + kind + "'");
        config.model.kind = kind == "dot" ? ModelKind::Dot : ModelKind::Neural;
    }
    config.model.dim = static_cast<int>(options.integer("dim", config.model.dim, 1, 4096));
    if (options.has("biases"))
        config.model.biases = true;
    if (options.has("no-biases"))
        config.model.biases = false;
    if (options.has("product-features"))
        config.model.productFeatures = true;
    if (options.has("dot-term"))
        config.model.dotTerm = true;
    if (options.has("hidden"))
        config.model.hidden = parseWidths(options.text("hidden"));
    TrainConfig& train = config.train;
    train.epochs = static_cast<int>(options.integer("epochs", train.epochs, 1, 10000));
    train.batchSize = static_cast<int>(options.integer("batch", train.batchSize, 1, 1'000'000));
    train.l2 = static_cast<float>(options.number("l2", train.l2, 0.0, 100.0));
    config.model.kernelL2 =
        static_cast<float>(options.number("kernel-l2", config.model.kernelL2, 0.0, 100.0));
    const std::string optimizer =
        options.text("optimizer", train.optimizer == OptimizerKind::Adam ? "adam" : "sgd");
    if (optimizer != "adam" && optimizer != "sgd")
        throw UsageError("--optimizer is adam or sgd, got '" + optimizer + "'");
    train.optimizer = optimizer == "adam" ? OptimizerKind::Adam : OptimizerKind::Sgd;
    const double defaultRate =
        train.optimizer == OptimizerKind::Adam ? train.adam.learningRate : train.sgdLearningRate;
    const auto rate = static_cast<float>(options.number("lr", defaultRate, 1e-9, 100.0));
    train.adam.learningRate = rate;
    train.sgdLearningRate = rate;
    train.adam.beta1 = static_cast<float>(options.number("beta1", train.adam.beta1, 0.0, 0.999999));
    train.adam.beta2 =
        static_cast<float>(options.number("beta2", train.adam.beta2, 1e-6, 0.999999));
    train.adam.epsilon =
        static_cast<float>(options.number("epsilon", train.adam.epsilon, 1e-12, 1.0));
    config.model.embeddingInitScale = static_cast<float>(
        options.number("init-scale", config.model.embeddingInitScale, 0.0, 10.0));
    if (options.has("seed")) {
        train.shuffleSeed = options.seed("seed", train.shuffleSeed);
        config.initSeed = train.shuffleSeed;
    }
    train.threads = static_cast<int>(options.integer("threads", train.threads, 1, 256));
    if (options.has("clip"))
        train.clipPredictions = true;
    config.testFraction = options.number("test-fraction", config.testFraction, 1e-6, 1.0 - 1e-6);
    if (options.has("split")) {
        const std::string split = options.text("split");
        if (split != "notebook" && split != "random" && split != "per-user")
            throw UsageError("--split is notebook, random or per-user, got '" + split + "'");
        config.split = split == "notebook" ? SplitKind::Notebook
                       : split == "random" ? SplitKind::Random
                                           : SplitKind::PerUser;
    }
    config.splitSeed = options.seed("split-seed", config.splitSeed);
    config.holdoutPerUser = static_cast<std::int32_t>(
        options.integer("holdout-per-user", config.holdoutPerUser, 1, 1000000));
    config.data.validationFraction =
        options.number("validation-fraction", config.data.validationFraction, 0.0, 0.5);
    train.earlyStopPatience = static_cast<int>(options.integer("early-stop", 0, 0, 10000));
    if (train.earlyStopPatience > 0 && config.data.validationFraction == 0.0)
        config.data.validationFraction = 0.05;
    try {
        validateModelConfig(config.model);
        validateTrainConfig(config.train);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    return config;
}

class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : enabled_(enabled) {}
    void show(const TrainProgress& p) {
        if (!enabled_)
            return;
        const double fraction = static_cast<double>(p.batch) / static_cast<double>(p.batches);
        const int filled = static_cast<int>(fraction * 30);
        std::fprintf(stderr, "\r  epoch %d/%d [%s%s] %3.0f%%  loss %.4f  %s ratings/s  ETA %.1f s ",
                     p.epoch, p.epochs, std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(30 - filled), ' ').c_str(),
                     100 * fraction, p.runningLoss,
                     groupDigits(static_cast<std::int64_t>(p.ratingsPerSecond)).c_str(),
                     p.etaSeconds);
        std::fflush(stderr);
    }
    void clear() {
        if (enabled_)
            std::fprintf(stderr, "\r%80s\r", "");
    }

private:
    bool enabled_;
};

void printEpochJson(const EpochReport& e) {
    JsonWriter json;
    json.beginObject()
        .field("epoch", e.epoch)
        .field("train_loss", e.trainLoss)
        .field("test_mse", e.test.mse)
        .field("test_rmse", e.test.rmse)
        .field("test_mae", e.test.mae)
        .field("seconds", e.seconds);
    if (e.validation)
        json.field("validation_rmse", e.validation->rmse);
    json.endObject();
    std::cout << json.text() << std::endl;
}

void printEpochText(const EpochReport& e) {
    std::printf("%5d  %10.4f  %9.4f  %9.4f  %9.4f  %8.2f  %s\n", e.epoch, e.trainLoss, e.test.mse,
                e.test.rmse, e.test.mae, e.seconds,
                e.validation ? fixed(e.validation->rmse, 4).c_str() : "");
    std::fflush(stdout);
}

} // namespace

int runTrain(const std::vector<std::string>& arguments) {
    const CommandLine options(
        arguments, {{"data",
                     "preset",
                     "model",
                     "dim",
                     "hidden",
                     "epochs",
                     "batch",
                     "lr",
                     "l2",
                     "optimizer",
                     "seed",
                     "threads",
                     "test-fraction",
                     "split",
                     "split-seed",
                     "holdout-per-user",
                     "validation-fraction",
                     "early-stop",
                     "save",
                     "kernel-l2",
                     "beta1",
                     "beta2",
                     "epsilon",
                     "init-scale"},
                    {"json", "biases", "no-biases", "clip", "product-features", "dot-term"}});
    const ExperimentConfig config = configure(options);
    const bool json = options.has("json");

    DatasetLoadConfig load;
    load.folder = options.text("data");
    load.keepDuplicates = config.keepDuplicates;
    load.loadToRead = false;
    load.loadShelves = false; // training needs neither
    const DatasetLoadResult loaded = loadDataset(load);

    if (!json)
        std::printf("Training %s (%s) on %s: %s ratings\n%5s  %10s  %9s  %9s  %9s  %8s  %s\n",
                    options.text("preset", "notebook-dot").c_str(),
                    modelKindName(config.model.kind), loaded.dataset.name.c_str(),
                    groupDigits(static_cast<std::int64_t>(loaded.dataset.ratings.size())).c_str(),
                    "epoch", "train loss", "test MSE", "test RMSE", "test MAE", "seconds",
                    "validation RMSE");
    ProgressBar bar(!json && isatty(STDERR_FILENO) != 0);
    TrainCallbacks callbacks;
    callbacks.progress = [&bar](const TrainProgress& p) { bar.show(p); };
    callbacks.epochFinished = [&bar, json](const EpochReport& e) {
        bar.clear();
        json ? printEpochJson(e) : printEpochText(e);
    };
    const ExperimentResult result = runExperiment(loaded.dataset.ratings, config, callbacks);
    bar.clear();
    const TrainResult& training = result.training;

    if (json) {
        JsonWriter summary;
        summary.beginObject()
            .field("outcome", trainOutcomeName(training.outcome))
            .field("message", training.message)
            .field("test_mse", training.test.mse)
            .field("test_rmse", training.test.rmse)
            .field("test_mae", training.test.mae)
            .field("baseline_global_mean_rmse", result.globalMeanBaseline.rmse)
            .field("baseline_bias_rmse", result.biasBaseline.rmse)
            .field("train_seconds", training.trainSeconds)
            .field("ratings_per_second", training.ratingsPerSecond)
            .field("parameters", static_cast<std::int64_t>(result.model->parameterCount()))
            .field("train_rows", static_cast<std::int64_t>(result.trainRows))
            .field("validation_rows", static_cast<std::int64_t>(result.validationRows))
            .field("test_rows", static_cast<std::int64_t>(result.testRows))
            .field("best_epoch", training.bestEpoch)
            .endObject();
        std::cout << summary.text() << std::endl;
    } else {
        std::printf("Outcome: %s%s%s\n", trainOutcomeName(training.outcome),
                    training.message.empty() ? "" : ": ", training.message.c_str());
        std::printf("Test (%s rows): MSE %.4f  RMSE %.4f  MAE %.4f\n",
                    groupDigits(static_cast<std::int64_t>(result.testRows)).c_str(),
                    training.test.mse, training.test.rmse, training.test.mae);
        std::printf("Baselines: global mean RMSE %.4f, user + book bias RMSE %.4f\n",
                    result.globalMeanBaseline.rmse, result.biasBaseline.rmse);
        std::printf("Trained on %s rows in %.2f s (%s ratings/s), %s parameters\n",
                    groupDigits(static_cast<std::int64_t>(result.trainRows)).c_str(),
                    training.trainSeconds,
                    groupDigits(static_cast<std::int64_t>(training.ratingsPerSecond)).c_str(),
                    groupDigits(static_cast<std::int64_t>(result.model->parameterCount())).c_str());
    }
    if (options.has("save")) {
        const std::string path = options.text("save");
        saveModel(
            path, *result.model,
            describeModel(loaded.dataset, config, result, options.text("preset", "notebook-dot")));
        if (!json)
            std::printf("Saved the model to %s\n", path.c_str());
    }
    return training.outcome == TrainOutcome::Diverged ? ExitFailure : ExitSuccess;
}

} // namespace shelfscope::cli
