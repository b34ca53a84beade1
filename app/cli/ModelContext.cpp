#include "ModelContext.h"

#include "data/Fingerprint.h"
#include "io/DataError.h"

namespace shelfscope::cli {

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
    const std::uint64_t fingerprint = datasetFingerprint(context.data.dataset);
    if (fingerprint != m.datasetFingerprint)
        throw DataError({modelPath}, "the model was trained on another data set ('" +
                                         m.datasetName + "', fingerprint " +
                                         fingerprintText(m.datasetFingerprint) + "); " +
                                         load.folder + " holds '" + context.data.dataset.name +
                                         "' (fingerprint " + fingerprintText(fingerprint) + ")");
    return context;
}

} // namespace shelfscope::cli
