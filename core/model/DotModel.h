#pragma once

#include "model/Model.h"

namespace shelfscope {

/// prediction = offset + user bias + book bias + <user embedding, book embedding>
/// (biases and offset only when config.biases; the notebook's model has neither).
class DotModel : public Model {
public:
    DotModel(const ModelConfig& config, std::int32_t userRows, std::int32_t bookRows,
             std::uint64_t seed);

    ModelKind kind() const override { return ModelKind::Dot; }
    float predict(std::int32_t user, std::int32_t book) const override;
    void scoreAllBooks(std::int32_t user, std::span<float> out) const override;
    void scoreAllBooksFor(std::span<const std::int32_t> users, Matrix& out) const override;
    BatchLoss computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                               Gradients& gradients, ModelWorkspace& workspace) const override;
    std::unique_ptr<Model> clone() const override { return std::make_unique<DotModel>(*this); }

    bool hasBiases() const { return parameters_.size() == 4; }
};

} // namespace shelfscope
