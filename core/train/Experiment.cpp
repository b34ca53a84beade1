#include "train/Experiment.h"

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
    if (config.model.kind == ModelKind::Dot && config.model.biases)
        result.model->setGlobalOffset(static_cast<float>(mean));
    result.training = trainModel(*result.model, data, config.train, callbacks, cancel);
    return result;
}

} // namespace shelfscope
