#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

enum class ModelKind { Dot, Neural };

/// The architecture of a model (hyperparameters of training live in TrainConfig).
struct ModelConfig {
    ModelKind kind = ModelKind::Dot;
    int dim = 5;                      ///< embedding size
    bool biases = false;              ///< dot model: global mean + user and book biases
    std::vector<int> hidden{128, 32}; ///< neural model: Dense relu layer widths
    float embeddingInitScale = 0.05f; ///< embeddings start uniform in [-scale, scale] (Keras)
};

const char* modelKindName(ModelKind kind);
/// Throws std::invalid_argument naming the first bad setting.
void validateModelConfig(const ModelConfig& config);

} // namespace shelfscope
