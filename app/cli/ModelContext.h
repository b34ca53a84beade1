#pragma once

#include "CommandLine.h"
#include "data/Dataset.h"
#include "model/ModelFile.h"

namespace shelfscope::cli {

/// A saved model together with the data set it was trained on.
struct ModelContext {
    SavedModel saved;
    DatasetLoadResult data;
};

/// Loads --model FILE and the data set from --data DIR (default: the folder recorded in the model
/// file), and refuses a data set whose fingerprint differs from the model's with a DataError.
ModelContext openModel(const CommandLine& options);

} // namespace shelfscope::cli
