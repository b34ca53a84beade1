#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "Interrupt.h"
#include "data/Dataset.h"
#include "io/DataError.h"
#include "io/JsonWriter.h"
#include "train/ItemItemFit.h"
#include "train/Presets.h"
#include "train/TrainingData.h"

#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace shelfscope::cli {

namespace {

/// The preset, then every option given, through the option table's place for it in an
/// ExperimentConfig; the values were checked against their ranges when they were read.
ExperimentConfig configure(const CommandLine& options) {
    const Preset* preset = findPreset(options.text("preset", presets().front().name));
    ExperimentConfig config = preset->config;
    for (const OptionDef* o : optionsOf(CliCommand::Train))
        if (o->set && options.has(o->name))
            o->set(config, options.value(*o));
    if (options.has("hidden"))
        config.model.hidden = options.list("hidden");
    if (config.train.earlyStopPatience > 0 && config.data.validationFraction == 0.0)
        config.data.validationFraction = 0.05;
    try {
        validateExperimentConfig(config);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    return config;
}

class ProgressBar {
public:
    /// `stages`: the run is an item-item fit, whose epochs are its stages (ItemItemStage).
    ProgressBar(bool enabled, bool stages) : enabled_(enabled), stages_(stages) {}
    void show(const TrainProgress& p) {
        if (!enabled_)
            return;
        const double fraction = static_cast<double>(p.batch) / static_cast<double>(p.batches);
        const int filled = static_cast<int>(fraction * 30);
        const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                                std::string(static_cast<std::size_t>(30 - filled), ' ');
        if (stages_)
            std::fprintf(stderr, "\r  step %d/%d %-9s [%s] %3.0f%% ", p.epoch, p.epochs,
                         itemItemStageName(static_cast<ItemItemStage>(p.epoch)), bar.c_str(),
                         100 * fraction);
        else
            std::fprintf(
                stderr, "\r  epoch %d/%d [%s] %3.0f%%  loss %.4f  %s ratings/s  ETA %.1f s ",
                p.epoch, p.epochs, bar.c_str(), 100 * fraction, p.runningLoss,
                groupDigits(static_cast<std::int64_t>(p.ratingsPerSecond)).c_str(), p.etaSeconds);
        std::fflush(stderr);
    }
    void clear() {
        if (enabled_)
            std::fprintf(stderr, "\r%80s\r", "");
    }

private:
    bool enabled_;
    bool stages_;
};

/// A run that ranks books (BPR, implicit ALS) has no rating errors to print for its test rows.
void printEpochJson(const EpochReport& e, bool ratings) {
    JsonWriter json;
    json.beginObject().field("epoch", e.epoch).field("train_loss", e.trainLoss);
    if (ratings)
        json.field("test_mse", e.test.mse)
            .field("test_rmse", e.test.rmse)
            .field("test_mae", e.test.mae);
    json.field("seconds", e.seconds);
    if (e.validation)
        json.field("validation_rmse", e.validation->rmse);
    json.endObject();
    std::cout << json.text() << std::endl;
}

void printEpochText(const EpochReport& e, bool ratings) {
    if (ratings)
        std::printf("%5d  %10.4f  %9.4f  %9.4f  %9.4f  %8.2f  %s\n", e.epoch, e.trainLoss,
                    e.test.mse, e.test.rmse, e.test.mae, e.seconds,
                    e.validation ? fixed(e.validation->rmse, 4).c_str() : "");
    else
        std::printf("%5d  %10.4f  %8.2f\n", e.epoch, e.trainLoss, e.seconds);
    std::fflush(stdout);
}

/// The epoch table's header: what each column of printEpochText holds for this run.
std::string epochHeader(const ExperimentConfig& config) {
    char line[160];
    if (predictsRatings(config))
        std::snprintf(line, sizeof line, "%5s  %10s  %9s  %9s  %9s  %8s  %s", "epoch", "train loss",
                      "test MSE", "test RMSE", "test MAE", "seconds", "validation RMSE");
    else if (!hasEmbeddingTables(config.model.kind))
        return "Fitted in closed form (co-read counts, then the weights): no epochs";
    else
        std::snprintf(line, sizeof line, "%5s  %10s  %8s   (%s)", "epoch",
                      config.objective == TrainObjective::ImplicitAls ? "objective" : "BPR loss",
                      "seconds", "the model ranks books: no rating errors on its test rows");
    return line;
}

} // namespace

int runTrain(const CommandLine& options) {
    const ExperimentConfig config = configure(options);
    const bool json = options.has("json");

    DatasetLoadConfig load;
    load.folder = options.text("data");
    load.keepDuplicates = config.keepDuplicates;
    load.loadToRead = experimentReadsToRead(config);
    load.loadShelves = false; // training does not need them
    const DatasetLoadResult loaded = loadDataset(load);
    try { // before the table's header: ids too large for the preset's tables are the data's fault
        checkRowIndexing(loaded.dataset.ratings, config.data.indexing);
    } catch (const std::invalid_argument& error) {
        throw DataError({loaded.summary.ratingsFile}, error.what());
    }

    // From here Ctrl-C stops training at its next look at the flag (a second one ends the
    // program): what was reached is reported, and saved if asked.
    const InterruptFlag interrupt;
    if (!json)
        std::printf("Training %s (%s) on %s: %s ratings\n%s\n",
                    options.text("preset", presets().front().name).c_str(),
                    modelKindName(config.model.kind), loaded.dataset.name.c_str(),
                    groupDigits(static_cast<std::int64_t>(loaded.dataset.ratings.size())).c_str(),
                    epochHeader(config).c_str());
    std::fflush(stdout); // a pipe sees training start, as a terminal does
    ProgressBar bar(!json && isatty(STDERR_FILENO) != 0, !hasEmbeddingTables(config.model.kind));
    TrainCallbacks callbacks;
    callbacks.progress = [&bar](const TrainProgress& p) { bar.show(p); };
    const bool ratings = predictsRatings(config);
    callbacks.epochFinished = [&bar, json, ratings](const EpochReport& e) {
        bar.clear();
        json ? printEpochJson(e, ratings) : printEpochText(e, ratings);
    };
    ExperimentResult result;
    try {
        result = runExperiment(loaded.dataset.ratings, config, callbacks, interrupt.flag(),
                               experimentToRead(loaded.dataset, loaded.dataset.ratings, config));
    } catch (const OperationCancelled&) {
        // Only the item-item fit stops by throwing: an epoch trainer returns what it reached.
        bar.clear();
        std::fprintf(stderr,
                     "shelfscope-cli train: stopped: an item-item fit (%s) is solved in one "
                     "piece and has no partial model to keep; nothing was saved\n",
                     modelKindName(config.model.kind));
        return ExitInterrupted;
    }
    bar.clear();
    const TrainResult& training = result.training;

    if (json) {
        JsonWriter summary;
        summary.beginObject()
            .field("outcome", trainOutcomeName(training.outcome))
            .field("message", training.message)
            .field("predicts_ratings", ratings);
        if (ratings) // a model that ranks books has no rating errors (evaluate measures it)
            summary.field("test_mse", training.test.mse)
                .field("test_rmse", training.test.rmse)
                .field("test_mae", training.test.mae);
        summary.field("baseline_global_mean_rmse", result.globalMeanBaseline.rmse)
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
        if (predictsRatings(config))
            std::printf("Test (%s rows): MSE %.4f  RMSE %.4f  MAE %.4f\n",
                        groupDigits(static_cast<std::int64_t>(result.testRows)).c_str(),
                        training.test.mse, training.test.rmse, training.test.mae);
        else // its scores rank books: the loss column is its own objective, not an error
            std::printf("Test (%s rows): no rating errors, the model ranks books (shelfscope-cli "
                        "evaluate measures its lists)\n",
                        groupDigits(static_cast<std::int64_t>(result.testRows)).c_str());
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
        saveModel(path, *result.model,
                  describeModel(loaded.dataset, config, result,
                                options.text("preset", presets().front().name)));
        if (!json)
            std::printf("Saved the model%s to %s\n",
                        training.outcome == TrainOutcome::Cancelled ? " reached when stopped" : "",
                        path.c_str());
    }
    if (training.outcome == TrainOutcome::Cancelled)
        return ExitInterrupted;
    return training.outcome == TrainOutcome::Diverged ? ExitFailure : ExitSuccess;
}

} // namespace shelfscope::cli
