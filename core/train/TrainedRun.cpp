#include "train/TrainedRun.h"

#include "data/Fingerprint.h"
#include "io/DataError.h"

#include <filesystem>

namespace shelfscope {

TrainedRun trainRun(const Dataset& dataset, const ExperimentConfig& config, const std::string& name,
                    const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    RatingTable reread;
    const RatingTable& ratings = experimentRatings(dataset, config, reread);
    ExperimentResult result = runExperiment(ratings, config, callbacks, cancel,
                                            experimentToRead(dataset, ratings, config));
    TrainedRun run;
    run.name = name;
    run.config = config;
    run.result = result.training;
    run.globalMeanBaseline = result.globalMeanBaseline;
    run.biasBaseline = result.biasBaseline;
    run.metadata = describeModel(dataset, config, result, name);
    run.quality = assessTestPredictions(ratings, config, *result.model);
    run.model = std::shared_ptr<const Model>(std::move(result.model));
    return run;
}

TrainedRun loadRun(const Dataset& dataset, const std::string& path,
                   const std::atomic<bool>& cancel) {
    SavedModel saved = loadModel(path);
    const ModelMetadata& m = saved.metadata;
    const std::uint64_t fingerprint = datasetFingerprint(dataset);
    if (fingerprint != m.datasetFingerprint)
        throw DataError({path}, "the model was trained on another data set ('" + m.datasetName +
                                    "', fingerprint " + fingerprintText(m.datasetFingerprint) +
                                    "); the open data set is '" + dataset.name + "' (fingerprint " +
                                    fingerprintText(fingerprint) + ")");
    TrainedRun run;
    run.config = experimentOf(m);
    run.name = std::filesystem::path(path).filename().string();
    run.loadedFrom = path;
    if (cancel.load())
        throw OperationCancelled();
    RatingTable reread;
    const RatingTable& ratings = experimentRatings(dataset, run.config, reread);
    if (cancel.load())
        throw OperationCancelled();
    run.quality = assessTestPredictions(ratings, run.config, *saved.model);
    run.result.test = run.quality.errors;
    run.result.message = "loaded from " + path;
    run.metadata = m;
    run.model = std::shared_ptr<const Model>(std::move(saved.model));
    return run;
}

} // namespace shelfscope
