#pragma once

#include "model/Batch.h"
#include "model/ModelConfig.h"
#include "model/Parameter.h"
#include "util/Random.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace shelfscope {

/// Scratch memory one thread needs to compute gradients; models that need none return an empty one.
struct ModelWorkspace {
    virtual ~ModelWorkspace() = default;
};

/// Value and parts of a batch objective.
struct BatchLoss {
    double objective = 0.0;       ///< mean squared error of the batch plus the L2 penalty
    double sumSquaredError = 0.0; ///< of the batch, without the penalty
};

/// A model over `userRows` readers and `bookRows` books. In a model with embeddings (dot,
/// neural) parameter 0 is the user embedding table and parameter 1 the book embedding table; an
/// item-item model (ItemItemModel: EASE, item-kNN) has neither and no trainable parameters.
class Model {
public:
    virtual ~Model() = default;

    virtual ModelKind kind() const = 0;
    const ModelConfig& config() const { return config_; }
    virtual std::int32_t userRows() const {
        return static_cast<std::int32_t>(parameters_[0].values.rows());
    }
    virtual std::int32_t bookRows() const {
        return static_cast<std::int32_t>(parameters_[1].values.rows());
    }
    /// Whether the model has user and book embedding tables (maps, embedding export, fold-in).
    bool hasEmbeddings() const { return hasEmbeddingTables(kind()); }
    /// Added to every prediction (the training mean for a biased dot model, else 0).
    float globalOffset() const { return globalOffset_; }
    void setGlobalOffset(float offset) { globalOffset_ = offset; }

    /// Throw std::logic_error for a model without embeddings (check hasEmbeddings() first).
    const Matrix& userEmbeddings() const { return embeddingTable(0); }
    const Matrix& bookEmbeddings() const { return embeddingTable(1); }
    std::vector<Parameter>& parameters() { return parameters_; }
    const std::vector<Parameter>& parameters() const { return parameters_; }
    /// Weights the model holds (an item-item model's item-item weights).
    virtual std::size_t parameterCount() const;

    virtual float predict(std::int32_t user, std::int32_t book) const = 0;
    /// out[i] = predict(users[i], books[i]).
    virtual void predictBatch(std::span<const std::int32_t> users,
                              std::span<const std::int32_t> books, std::span<float> out) const;
    /// out[b] = predict(user, b) for every book row b, in one batched computation.
    virtual void scoreAllBooks(std::int32_t user, std::span<float> out) const = 0;
    /// Row u of out = scoreAllBooks(users[u]): one matrix product for the dot model.
    virtual void scoreAllBooksFor(std::span<const std::int32_t> users, Matrix& out) const;

    virtual std::unique_ptr<ModelWorkspace> createWorkspace() const;
    /// The objective of the batch, (1/B) sum (prediction - rating)^2 + (l2/B) sum over items of
    /// the squared norms of their embedding (and bias) rows, and its gradient.
    virtual BatchLoss computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                                       Gradients& gradients, ModelWorkspace& workspace) const = 0;

    virtual std::unique_ptr<Model> clone() const = 0;

protected:
    Model(ModelConfig config) : config_(std::move(config)) {}
    /// Appends the user and book embedding tables (parameters 0 and 1), Keras-initialised.
    void addEmbeddingTables(std::int32_t userRows, std::int32_t bookRows, Random& random);
    /// Appends zero-initialised user and book bias tables.
    void addBiasTables(std::int32_t userRows, std::int32_t bookRows);
    /// Shapes gradients like the parameters: distinct-row counts for embedding tables.
    void shapeGradients(const BatchRows& rows, Gradients& gradients) const;

    const Matrix& embeddingTable(std::size_t index) const;

    ModelConfig config_;
    std::vector<Parameter> parameters_;
    float globalOffset_ = 0.0f;
};

/// A freshly initialised model: embeddings uniform in [-scale, scale], Dense kernels
/// Glorot-uniform, biases zero (Keras' defaults), from a seed.
std::unique_ptr<Model> createModel(const ModelConfig& config, std::int32_t userRows,
                                   std::int32_t bookRows, std::uint64_t seed);

} // namespace shelfscope
