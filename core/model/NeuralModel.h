#pragma once

#include "model/Model.h"

namespace shelfscope {

/// prediction = Dense(1)(relu(Dense(h_k)( ... relu(Dense(h_1)([user embedding, book embedding])))))
/// The notebook's neural model with hidden = {128, 32}.
class NeuralModel : public Model {
public:
    NeuralModel(const ModelConfig& config, std::int32_t userRows, std::int32_t bookRows,
                std::uint64_t seed);

    ModelKind kind() const override { return ModelKind::Neural; }
    float predict(std::int32_t user, std::int32_t book) const override;
    void predictBatch(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                      std::span<float> out) const override;
    void scoreAllBooks(std::int32_t user, std::span<float> out) const override;
    std::unique_ptr<ModelWorkspace> createWorkspace() const override;
    BatchLoss computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                               Gradients& gradients, ModelWorkspace& workspace) const override;
    std::unique_ptr<Model> clone() const override { return std::make_unique<NeuralModel>(*this); }

private:
    struct Workspace;
    /// Runs the layers on ws.input (one row per item); the output column ends in ws.output.
    void forward(Workspace& ws) const;
    std::size_t layerCount() const { return config_.hidden.size() + 1; }
    const Matrix& kernel(std::size_t layer) const { return parameters_[2 + 2 * layer].values; }
    const Matrix& bias(std::size_t layer) const { return parameters_[3 + 2 * layer].values; }
    Eigen::Index inputWidth() const { return (config_.productFeatures ? 3 : 2) * config_.dim; }
    /// Writes the first-layer input of one item into `row`.
    template <typename Row> void fillInput(Row&& row, std::int32_t user, std::int32_t book) const;
    /// The terms added to the layers' output: biases and the dot product, when configured.
    float directTerms(std::int32_t user, std::int32_t book) const;
    std::size_t userBiasIndex() const { return 2 + 2 * layerCount(); }
};

} // namespace shelfscope
