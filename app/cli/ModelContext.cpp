#include "ModelContext.h"

#include "data/Fingerprint.h"
#include "io/DataError.h"

namespace shelfscope::cli {

namespace {

void checkFingerprint(const std::string& modelPath, const ModelMetadata& m,
                      const std::string& folder, const Dataset& dataset) {
    const std::uint64_t fingerprint = datasetFingerprint(dataset);
    if (fingerprint != m.datasetFingerprint)
        throw DataError({modelPath}, "the model was trained on another data set ('" +
                                         m.datasetName + "', fingerprint " +
                                         fingerprintText(m.datasetFingerprint) + "); " + folder +
                                         " holds '" + dataset.name + "' (fingerprint " +
                                         fingerprintText(fingerprint) + ")");
}

} // namespace

ModelContext openModel(const CommandLine& options) {
    ModelContext context;
    const std::string modelPath = options.text("model");
    context.saved = loadModel(modelPath);
    const ModelMetadata& m = context.saved.metadata;
    DatasetLoadConfig load;
    load.folder = options.text("data", m.datasetFolder);
    if (load.folder.empty())
        throw UsageError("the model file names no data folder: give --data DIR");
    context.data = loadDataset(load);
    checkFingerprint(modelPath, m, load.folder, context.data.dataset);
    return context;
}

SavedModel openModelOf(const std::string& path, const std::string& dataFolder,
                       std::map<std::string, DatasetLoadResult>& loaded,
                       const DatasetLoadResult*& data) {
    SavedModel saved = loadModel(path);
    const std::string folder = dataFolder.empty() ? saved.metadata.datasetFolder : dataFolder;
    if (folder.empty())
        throw UsageError(path + " names no data folder: give --data DIR");
    auto found = loaded.find(folder);
    if (found == loaded.end()) {
        DatasetLoadConfig load;
        load.folder = folder;
        found = loaded.emplace(folder, loadDataset(load)).first;
    }
    checkFingerprint(path, saved.metadata, folder, found->second.dataset);
    data = &found->second;
    return saved;
}

} // namespace shelfscope::cli
