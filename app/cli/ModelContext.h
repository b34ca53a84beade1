#pragma once

#include "CommandLine.h"
#include "data/Dataset.h"
#include "model/ModelFile.h"

#include <map>
#include <string>

namespace shelfscope::cli {

/// A saved model together with the data set it was trained on.
struct ModelContext {
    SavedModel saved;
    DatasetLoadResult data;
};

/// Loads --model FILE and the data set from --data DIR (default: the folder recorded in the model
/// file), and refuses a data set whose fingerprint differs from the model's with a DataError.
ModelContext openModel(const CommandLine& options);

/// Loads the model file at `path` and checks it against `data` (UsageError when `data` is
/// empty and the file names no folder; DataError when the fingerprints differ). `loaded` keeps
/// data sets read before, by folder, so several models of one data set read it once.
SavedModel openModelOf(const std::string& path, const std::string& dataFolder,
                       std::map<std::string, DatasetLoadResult>& loaded,
                       const DatasetLoadResult*& data);

} // namespace shelfscope::cli
