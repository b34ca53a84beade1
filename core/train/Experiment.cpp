#include "train/Experiment.h"

#include "config/OptionTable.h"
#include "data/Fingerprint.h"
#include "data/RatingsLoader.h"
#include "io/FieldParsing.h"
#include "io/NumberText.h"
#include "train/ItemItemFit.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace shelfscope {

RatingTable experimentRatings(const Dataset& dataset, const ExperimentConfig& config) {
    RatingTable reread;
    return experimentRatings(dataset, config, reread);
}

const RatingTable& experimentRatings(const Dataset& dataset, const ExperimentConfig& config,
                                     RatingTable& reread) {
    // A table that is already the file row for row is what rereading it would give.
    if (!config.keepDuplicates || dataset.folder.empty() || dataset.ratingsHoldEveryFileRow)
        return dataset.ratings;
    namespace fs = std::filesystem;
    const fs::path folder(dataset.folder);
    const fs::path plain = folder / "ratings.csv";
    RatingsLoadConfig load;
    load.path = fs::exists(plain) ? plain.string() : (folder / "ratings.csv.gz").string();
    load.scale = dataset.ratings.scale;
    load.keepDuplicates = true;
    reread = loadRatings(load).table;
    return reread;
}

const char* splitKindName(SplitKind kind) {
    switch (kind) {
    case SplitKind::Notebook:
        return "notebook";
    case SplitKind::Random:
        return "random";
    case SplitKind::PerUser:
        return "per-user";
    }
    return "?";
}

int plannedEpochs(const ExperimentConfig& config) {
    switch (config.objective) {
    case TrainObjective::Ranking:
        return config.bpr.epochs;
    case TrainObjective::ImplicitAls:
        return config.als.iterations;
    case TrainObjective::ImplicitRatings:
        return config.implicit.warmStartEpochs + config.implicit.epochs;
    case TrainObjective::Ratings:
        break;
    }
    return config.train.epochs;
}

bool experimentReadsToRead(const ExperimentConfig& config) {
    switch (config.objective) {
    case TrainObjective::ImplicitAls:
        return config.als.confidence.toReadWeight > 0.0f;
    case TrainObjective::ImplicitRatings:
        return config.implicit.sets.toRead;
    case TrainObjective::Ratings:
    case TrainObjective::Ranking:
        break;
    }
    return false;
}

ReaderBookRows experimentToRead(const Dataset& dataset, const RatingTable& table,
                                const ExperimentConfig& config) {
    if (!experimentReadsToRead(config))
        return {};
    return toReadRows(dataset, table, config.data.indexing);
}

RowSplit experimentSplit(const RatingTable& table, const ExperimentConfig& config) {
    if (config.split == SplitKind::Notebook)
        return notebookSplit(table.size(), config.testFraction,
                             static_cast<std::uint32_t>(config.splitSeed));
    if (config.split == SplitKind::PerUser)
        return perUserHoldout(table, {config.holdoutPerUser, config.splitSeed});
    return randomHoldout(table.size(), {config.testFraction, config.splitSeed});
}

void validateExperimentConfig(const ExperimentConfig& config) {
    for (const OptionDef* o : optionsOf(CliCommand::Train))
        if (o->ranged() && o->get)
            requireInRange(*o, o->get(config));
    validateModelConfig(config.model);
    validateTrainConfig(config.train);
    if (config.objective == TrainObjective::ImplicitAls) {
        if (config.model.kind != ModelKind::Dot || config.model.biases)
            throw std::invalid_argument("implicit ALS trains a dot model without biases: use "
                                        "--model dot --no-biases");
        validateImplicitAlsConfig(config.als);
    }
    // Checked here, before any data is read, so the CLI and the form refuse the combination as a
    // usage error instead of failing once training starts.
    if (config.objective == TrainObjective::ImplicitRatings &&
        (config.model.kind != ModelKind::Dot || !config.model.biases))
        throw std::invalid_argument("implicit-feedback training needs the dot model with biases "
                                    "(--model dot --biases)");
    // The item-item presets rank too, by their own closed form (no BPR).
    if (config.objective == TrainObjective::Ranking && hasEmbeddingTables(config.model.kind) &&
        (config.model.kind != ModelKind::Dot || !config.model.biases))
        throw std::invalid_argument("BPR ranking trains the dot model with biases (--model dot "
                                    "--biases)");
}

const char* trainObjectiveName(TrainObjective objective) {
    switch (objective) {
    case TrainObjective::Ratings:
        return "ratings";
    case TrainObjective::Ranking:
        return "ranking";
    case TrainObjective::ImplicitAls:
        return "implicit-als";
    case TrainObjective::ImplicitRatings:
        return "implicit-ratings";
    }
    return "?";
}

namespace {

/// The prefix of the notes that hold the option table's settings ("setting.lr").
const std::string kSettingNote = "setting.";

/// Callbacks that number a later phase's epochs after the `offset` epochs of an earlier one,
/// out of `total`, so the loss chart and ETA see one run.
TrainCallbacks shiftedCallbacks(const TrainCallbacks& callbacks, int offset, int total) {
    TrainCallbacks shifted;
    if (callbacks.progress)
        shifted.progress = [&callbacks, offset, total](const TrainProgress& progress) {
            TrainProgress p = progress;
            p.epoch += offset;
            p.epochs = total;
            callbacks.progress(p);
        };
    if (callbacks.epochFinished)
        shifted.epochFinished = [&callbacks, offset](const EpochReport& report) {
            EpochReport r = report;
            r.epoch += offset;
            callbacks.epochFinished(r);
        };
    if (callbacks.epochModel)
        shifted.epochModel = [&callbacks, offset](int epoch, const Model& model) {
            callbacks.epochModel(epoch + offset, model);
        };
    return shifted;
}

/// The warm start (biased MF under config.train), then the implicit-feedback epochs, reported
/// as one run.
TrainResult trainImplicitExperiment(Model& model, const TrainingData& data,
                                    const ExperimentConfig& config, const ReaderBookRows& toRead,
                                    const TrainCallbacks& callbacks,
                                    const std::atomic<bool>& cancel) {
    ImplicitConfig implicit = config.implicit;
    implicit.clipPredictions = config.train.clipPredictions;
    implicit.scale = config.train.scale;
    implicit.earlyStopPatience = config.train.earlyStopPatience;
    const int warmEpochs = implicit.warmStartEpochs;
    const int total = warmEpochs + implicit.epochs;
    TrainResult warm;
    if (warmEpochs > 0) {
        TrainConfig first = config.train;
        first.epochs = warmEpochs;
        first.earlyStopPatience = 0;
        warm = trainModel(model, data, first, shiftedCallbacks(callbacks, 0, total), cancel);
        if (warm.outcome != TrainOutcome::Finished)
            return warm; // stopped or diverged: a biased dot model all the same
    }
    TrainResult result =
        trainImplicit(model, data, buildImplicitSets(data, toRead, implicit.sets), implicit,
                      shiftedCallbacks(callbacks, warmEpochs, total), cancel);
    for (EpochReport& report : result.epochs)
        report.epoch += warmEpochs;
    result.epochs.insert(result.epochs.begin(), warm.epochs.begin(), warm.epochs.end());
    result.bestEpoch += warmEpochs;
    const double ratings =
        result.ratingsPerSecond * result.trainSeconds + warm.ratingsPerSecond * warm.trainSeconds;
    result.trainSeconds += warm.trainSeconds;
    result.ratingsPerSecond = ratings / std::max(result.trainSeconds, 1e-9);
    return result;
}

} // namespace

ExperimentResult runExperiment(const RatingTable& table, const ExperimentConfig& config,
                               const TrainCallbacks& callbacks, const std::atomic<bool>& cancel,
                               const ReaderBookRows& toRead) {
    validateExperimentConfig(config);
    const TrainingData data =
        prepareTrainingData(table, experimentSplit(table, config), config.data);

    ExperimentResult result;
    result.trainRows = data.train.size();
    result.validationRows = data.validation.size();
    result.testRows = data.test.size();
    result.duplicateTrainRowsDropped = data.duplicateTrainRowsDropped;
    const double mean = globalMean(data.train);
    result.globalMeanBaseline = evaluateConstant(mean, data.test);
    result.biasBaseline = evaluateBiasBaseline(
        fitBiasBaseline(data.train, data.userRows, data.bookRows, config.biasBaseline), data.test);

    if (!hasEmbeddingTables(config.model.kind)) {
        ItemItemFit fit = fitItemItem(config.model, data, callbacks, cancel);
        result.model = std::move(fit.model);
        result.training = std::move(fit.training);
        return result;
    }
    result.model = createModel(config.model, data.userRows, data.bookRows, config.initSeed);
    if (config.model.biases)
        result.model->setGlobalOffset(static_cast<float>(mean));
    if (config.objective == TrainObjective::Ranking) {
        result.training = trainBpr(*result.model, data, config.bpr, callbacks, cancel);
    } else if (config.objective == TrainObjective::ImplicitAls) {
        // The to-read pairs are signals only with a weight above 0 (implicitSignals).
        result.training = trainImplicitAls(
            *result.model,
            implicitSignals(data.train, config.als.confidence, toRead.users, toRead.books),
            config.als, callbacks, cancel);
    } else if (config.objective == TrainObjective::ImplicitRatings) {
        result.training =
            trainImplicitExperiment(*result.model, data, config, toRead, callbacks, cancel);
    } else
        result.training = trainModel(*result.model, data, config.train, callbacks, cancel);
    return result;
}

ModelMetadata describeModel(const Dataset& dataset, const ExperimentConfig& config,
                            const ExperimentResult& result, const std::string& presetName) {
    ModelMetadata m;
    m.config = config.model;
    m.indexing = config.data.indexing;
    m.userRawIds = rowRawIds(dataset.ratings.users, config.data.indexing);
    m.bookRawIds = rowRawIds(dataset.ratings.books, config.data.indexing);
    m.datasetFingerprint = datasetFingerprint(dataset);
    m.datasetName = dataset.name;
    std::error_code ec;
    m.datasetFolder =
        dataset.folder.empty()
            ? std::string{}
            : std::filesystem::absolute(dataset.folder, ec).lexically_normal().string();
    m.preset = presetName;
    const TrainConfig& t = config.train;
    m.notes["epochs"] = std::to_string(result.training.epochs.size());
    m.notes["batch"] = std::to_string(t.batchSize);
    m.notes["optimizer"] = t.optimizer == OptimizerKind::Adam ? "adam" : "sgd";
    m.notes["learning_rate"] =
        shortestText(t.optimizer == OptimizerKind::Adam ? t.adam.learningRate : t.sgdLearningRate);
    m.notes["l2"] = shortestText(t.l2);
    m.notes["seed"] = std::to_string(t.shuffleSeed);
    m.notes["outcome"] = trainOutcomeName(result.training.outcome);
    m.notes["test_mse"] = shortestText(result.training.test.mse);
    m.notes["test_rmse"] = shortestText(result.training.test.rmse);
    m.notes["test_mae"] = shortestText(result.training.test.mae);
    m.notes["split"] = splitKindName(config.split);
    m.notes["holdout_per_user"] = std::to_string(config.holdoutPerUser);
    m.notes["objective"] = trainObjectiveName(config.objective);
    if (config.objective == TrainObjective::ImplicitAls) {
        const ImplicitAlsConfig& als = config.als;
        m.notes["als_regularization"] = shortestText(als.regularization);
        m.notes["als_alpha"] = shortestText(als.confidence.alpha);
        m.notes["als_min_rating"] = shortestText(als.confidence.minRating);
        m.notes["als_to_read_weight"] = shortestText(als.confidence.toReadWeight);
        m.notes["als_cg_steps"] = std::to_string(als.cgSteps);
    }
    if (config.objective == TrainObjective::ImplicitRatings) {
        const ImplicitConfig& implicit = config.implicit;
        m.notes["optimizer"] = "sgd";
        m.notes["learning_rate"] = shortestText(implicit.learningRate);
        m.notes["lr_decay"] = shortestText(implicit.learningRateDecay);
        m.notes["l2"] = shortestText(implicit.l2);
        m.notes["bias_l2"] = shortestText(implicit.biasL2);
        m.notes["seed"] = std::to_string(implicit.seed);
        m.notes["implicit_books"] = implicitBooksName(implicit.sets);
        m.notes["warm_start_epochs"] = std::to_string(implicit.warmStartEpochs);
        m.notes["warm_start_learning_rate"] = shortestText(t.adam.learningRate);
        m.notes["warm_start_l2"] = shortestText(t.l2);
        m.notes.erase("batch");
    }
    if (config.popularityBlend > 0.0f)
        m.notes["popularity_blend"] = shortestText(config.popularityBlend);
    m.notes["test_fraction"] = shortestText(config.testFraction);
    m.notes["split_seed"] = std::to_string(config.splitSeed);
    // std::string(count, char): GCC 12 misreads a ternary of literals as an overlapping copy.
    const auto flag = [](bool value) { return std::string(1, value ? '1' : '0'); };
    m.notes["keep_duplicates"] = flag(config.keepDuplicates);
    m.notes["drop_duplicate_train_pairs"] = flag(config.data.dropDuplicateTrainPairs);
    m.notes["clip"] = flag(t.clipPredictions);
    // Every setting the option table names, under its option's name: a loaded run is then
    // described, compared and retrained with the settings it was trained with (experimentOf).
    for (const OptionDef* o : optionsOf(CliCommand::Train))
        if (o->get && o->type != OptionType::Flag)
            m.notes[kSettingNote + o->name] = shortestText(o->get(config));
    return m;
}

PredictionQuality assessTestPredictions(const RatingTable& table, const ExperimentConfig& config,
                                        const Model& model,
                                        const PredictionQualityConfig& quality) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    // Only the test rows are read: the training rows are neither built nor kept (the test rows
    // do not depend on them, nor on dropping repeated training pairs).
    RowSplit split = experimentSplit(table, config);
    std::vector<std::int32_t>().swap(split.trainRows);
    const RatingRows test = prepareTestRows(table, split.testRows, config.data.indexing);
    std::vector<std::int32_t>().swap(split.testRows);
    std::vector<float> predictions(test.size());
    model.predictBatch(test.users, test.books, predictions);
    PredictionQualityConfig settings = quality;
    settings.clip = settings.clip || config.train.clipPredictions;
    settings.scale = table.scale;
    return assessPredictions(predictions, test, settings);
}

namespace {

std::string note(const ModelMetadata& m, const std::string& key) {
    const auto found = m.notes.find(key);
    return found == m.notes.end() ? std::string{} : found->second;
}

} // namespace

ExperimentConfig experimentOf(const ModelMetadata& m) {
    ExperimentConfig config;
    config.model = m.config;
    config.data.indexing = m.indexing;
    // Files without split notes came from the notebook presets' era: the notebook split.
    const std::string split = note(m, "split");
    config.split = split == "random"     ? SplitKind::Random
                   : split == "per-user" ? SplitKind::PerUser
                                         : SplitKind::Notebook;
    if (const std::string perUser = note(m, "holdout_per_user"); !perUser.empty()) {
        char* end = nullptr;
        const long value = std::strtol(perUser.c_str(), &end, 10);
        if (*end == '\0' && value >= 1 && value <= 1000000)
            config.holdoutPerUser = static_cast<std::int32_t>(value);
    }
    // Notes are informative text: one that does not parse leaves the default in place.
    if (const std::string fraction = note(m, "test_fraction"); !fraction.empty()) {
        // parseFiniteNumber, not strtod: under a decimal-comma locale strtod stops at the dot.
        const std::optional<double> value = parseFiniteNumber(fraction);
        if (value && *value > 0.0 && *value < 1.0)
            config.testFraction = *value;
    }
    if (const std::string seed = note(m, "split_seed"); !seed.empty()) {
        char* end = nullptr;
        const unsigned long long value = std::strtoull(seed.c_str(), &end, 10);
        if (*end == '\0')
            config.splitSeed = value;
    }
    const std::string keep = note(m, "keep_duplicates");
    config.keepDuplicates = keep.empty() ? m.indexing == RowIndexing::RawIds : keep == "1";
    config.data.dropDuplicateTrainPairs = note(m, "drop_duplicate_train_pairs") == "1";
    const std::string objective = note(m, "objective");
    config.objective = objective == "ranking"            ? TrainObjective::Ranking
                       : objective == "implicit-als"     ? TrainObjective::ImplicitAls
                       : objective == "implicit-ratings" ? TrainObjective::ImplicitRatings
                                                         : TrainObjective::Ratings;
    const auto number = [&m](const char* key, float& target) {
        if (const std::optional<double> value = parseFiniteNumber(note(m, key)))
            target = static_cast<float>(*value);
    };
    number("als_regularization", config.als.regularization);
    number("als_alpha", config.als.confidence.alpha);
    number("als_min_rating", config.als.confidence.minRating);
    number("als_to_read_weight", config.als.confidence.toReadWeight);
    if (const std::optional<double> steps = parseFiniteNumber(note(m, "als_cg_steps"));
        steps && *steps >= 1 && *steps <= 1000)
        config.als.cgSteps = static_cast<int>(*steps);
    if (const std::string books = note(m, "implicit_books"); !books.empty())
        config.implicit.sets = implicitBooksOf(books).value_or(config.implicit.sets);
    config.train.clipPredictions = note(m, "clip") == "1";
    number("popularity_blend", config.popularityBlend);
    if (config.objective == TrainObjective::ImplicitRatings) { // the warm start's Adam settings
        number("warm_start_learning_rate", config.train.adam.learningRate);
        number("warm_start_l2", config.train.l2);
    }
    // Files written since the notes held every setting; the model's own (kind, sizes, EASE's
    // lambda, ...) come from the file's model section above. Flags are model settings and clip.
    for (const OptionDef* o : optionsOf(CliCommand::Train)) {
        if (!o->set || o->type == OptionType::Flag || o->name == "model")
            continue;
        const std::optional<double> value = parseFiniteNumber(note(m, kSettingNote + o->name));
        if (!value)
            continue;
        const bool fits = o->type == OptionType::Choice
                              ? *value >= 0 && *value < static_cast<double>(o->choices.size())
                              : inRange(*o, *value);
        if (fits)
            o->set(config, *value);
    }
    return config;
}

bool predictsRatings(const ExperimentConfig& config) {
    return (config.objective == TrainObjective::Ratings ||
            config.objective == TrainObjective::ImplicitRatings) &&
           hasEmbeddingTables(config.model.kind);
}

bool predictsRatings(const ModelMetadata& metadata) {
    return predictsRatings(experimentOf(metadata));
}

} // namespace shelfscope
