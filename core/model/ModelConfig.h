#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// Dot and Neural learn embeddings by gradient steps; Ease and ItemKnn score a reader by
/// item-item weights (ItemItemModel), fitted in closed form or by counting.
enum class ModelKind { Dot, Neural, Ease, ItemKnn };

/// Whether a model of this kind has user and book embedding tables.
inline bool hasEmbeddingTables(ModelKind kind) {
    return kind == ModelKind::Dot || kind == ModelKind::Neural;
}

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
    /// EASE: the ridge penalty lambda of B = argmin |X - XB|^2 + lambda |B|^2, diag(B) = 0.
    float easeLambda = 500.0f;
    int knnNeighbours = 100; ///< item-kNN: neighbours kept per book
    float knnShrink = 10.0f; ///< item-kNN: added to the cosine's denominator

    bool operator==(const ModelConfig&) const = default;
};

/// "dot", "neural", "ease", "item-knn": the model file's and the command line's names.
const char* modelKindName(ModelKind kind);
/// The kind of that name, if any.
std::optional<ModelKind> modelKindNamed(std::string_view name);
/// Throws std::invalid_argument naming the first bad setting.
void validateModelConfig(const ModelConfig& config);

} // namespace shelfscope
