#pragma once

#include "eval/Metrics.h"
#include "model/Model.h"
#include "train/TrainingData.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace shelfscope {

/// What a model file says besides the weights.
struct ModelMetadata {
    ModelConfig config;
    float globalOffset = 0.0f;
    RowIndexing indexing = RowIndexing::Dense;
    std::vector<std::int32_t> userRawIds; ///< raw id of each user row (0: no user)
    std::vector<std::int32_t> bookRawIds; ///< raw id of each book row (0: no book)
    std::uint64_t datasetFingerprint = 0;
    std::string datasetName;
    std::string datasetFolder; ///< absolute path at training time, for commands given no --data
    std::string preset;
    /// Training settings and results, for display (epochs, batch, lr, l2, test_rmse, ...).
    std::map<std::string, std::string> notes;
};

struct SavedModel {
    std::unique_ptr<Model> model;
    ModelMetadata metadata;
};

/// The version this Shelfscope writes. Version 3 adds the item-item models (EASE, item-kNN:
/// their settings in the header, reader lists and weights after the parameters); version 2
/// records every ModelConfig field (version 1 lost dot_term and product_features) and floats
/// exactly. Versions 1 and 2 are still read.
inline constexpr std::uint32_t kModelFileVersion = 3;

/// Writes a model file atomically (a temporary file renamed into place). Format:
/// docs/MODEL_FILE.md. Throws std::runtime_error naming the path on failure.
void saveModel(const std::string& path, const Model& model, const ModelMetadata& metadata);

/// Reads and checks a model file: magic, version, sizes and checksum. A truncated, corrupted,
/// unknown-version or inconsistent file throws DataError naming the file and the problem.
SavedModel loadModel(const std::string& path);

} // namespace shelfscope
