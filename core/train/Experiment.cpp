#include "train/Experiment.h"

#include "data/Fingerprint.h"

#include <filesystem>

namespace shelfscope {

RowSplit experimentSplit(const RatingTable& table, const ExperimentConfig& config) {
    if (config.split == SplitKind::Notebook)
        return notebookSplit(table.size(), config.testFraction,
                             static_cast<std::uint32_t>(config.splitSeed));
    return randomHoldout(table.size(), {config.testFraction, config.splitSeed});
}

ExperimentResult runExperiment(const RatingTable& table, const ExperimentConfig& config,
                               const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    validateModelConfig(config.model);
    validateTrainConfig(config.train);
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

    result.model = createModel(config.model, data.userRows, data.bookRows, config.initSeed);
    if (config.model.biases)
        result.model->setGlobalOffset(static_cast<float>(mean));
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
    m.notes["learning_rate"] = std::to_string(
        t.optimizer == OptimizerKind::Adam ? t.adam.learningRate : t.sgdLearningRate);
    m.notes["l2"] = std::to_string(t.l2);
    m.notes["seed"] = std::to_string(t.shuffleSeed);
    m.notes["outcome"] = trainOutcomeName(result.training.outcome);
    m.notes["test_mse"] = std::to_string(result.training.test.mse);
    m.notes["test_rmse"] = std::to_string(result.training.test.rmse);
    m.notes["test_mae"] = std::to_string(result.training.test.mae);
    return m;
}

} // namespace shelfscope
