#pragma once

#include "data/Dataset.h"
#include "eval/Baselines.h"
#include "eval/PredictionQuality.h"
#include "model/Model.h"
#include "model/ModelFile.h"
#include "train/Experiment.h"

#include <atomic>
#include <memory>
#include <string>

namespace shelfscope {

/// A model the app can work with: trained in this session (and finished, stopped or diverged)
/// or read from a model file. Immutable once made; the model is shared, never changed.
struct TrainedRun {
    std::string name;       ///< the preset, or the model file's name
    std::string loadedFrom; ///< the model file, for runs read rather than trained
    ExperimentConfig config;
    TrainResult result;
    ErrorMetrics globalMeanBaseline;
    ErrorMetrics biasBaseline;
    std::shared_ptr<const Model> model;
    ModelMetadata metadata;
    PredictionQuality quality; ///< how the model predicts the test rows of its split
};

/// Trains a model as the experiment describes on this data set, then assesses its test rows.
/// A cancelled run keeps the weights reached so far (result.outcome says Stopped).
TrainedRun trainRun(const Dataset& dataset, const ExperimentConfig& config, const std::string& name,
                    const TrainCallbacks& callbacks = {},
                    const std::atomic<bool>& cancel = neverCancelled());

/// Reads a model file and assesses it on the test rows its file records. Throws DataError
/// naming the file when it cannot be read or was trained on another data set (both data sets
/// are named). A cancel is honoured between reading and assessing (OperationCancelled).
TrainedRun loadRun(const Dataset& dataset, const std::string& path,
                   const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
