#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

enum class ModelKind { Dot, Neural };

/// The architecture of a model (hyperparameters of training live in TrainConfig).
struct ModelConfig {
    ModelKind kind = ModelKind::Dot;
    int dim = 5;         ///< embedding size
    bool biases = false; ///< global mean + user and book biases (both models)
    /// Neural model: feed the elementwise product of the two embeddings to the first layer too,
    /// next to the embeddings themselves (the GMF branch of neural matrix factorisation).
    bool productFeatures = false;
    /// Neural model: add the embeddings' dot product to the output, so the layers learn a
    /// correction on top of matrix factorisation (as neural matrix factorisation's GMF branch).
    bool dotTerm = false;
    std::vector<int> hidden{128, 32}; ///< neural model: Dense relu layer widths
    /// Neural model: L2 penalty on the Dense kernels, added once per batch (Keras'
    /// kernel_regularizer); without it the layers can undo any penalty on the embeddings.
    float kernelL2 = 0.0f;
    float embeddingInitScale = 0.05f; ///< embeddings start uniform in [-scale, scale] (Keras)

    bool operator==(const ModelConfig&) const = default;
};

const char* modelKindName(ModelKind kind);
/// Throws std::invalid_argument naming the first bad setting.
void validateModelConfig(const ModelConfig& config);

} // namespace shelfscope
