#pragma once

#include "model/Batch.h"
#include "model/Model.h"
#include "train/CatchUpSchedule.h"
#include "train/RowSettler.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace shelfscope {

/// Trains the dot-product model without biases under Keras' dense Adam (the notebook-dot
/// preset) with each embedding row's weights, moments and last step in one place.
///
/// The generic path keeps a table's weights in the model and its moments in the optimizer, and
/// copies every step's rows into flat arrays and back for the optimizer's kernels: for rows of
/// 5 floats that is three cache lines and two copies per row, where the arithmetic is a few
/// dozen instructions. Here a row of d = 5 is one 64-byte line: weights, first and second
/// moments, and the step it was last settled through, read and updated in place. The
/// arithmetic is the generic path's element by element, so the results are the same to the
/// last bit (tested against it); synchronize() writes the weights back into the model.
class FusedDotAdam final : public RowSettler {
public:
    /// Whether this path trains such a model: the dot model without biases.
    static bool handles(const Model& model);

    /// Copies the model's embeddings in; `l2` as in TrainConfig.
    FusedDotAdam(Model& model, const AdamConfig& adam, float l2);
    ~FusedDotAdam() override;
    FusedDotAdam(const FusedDotAdam&) = delete;
    FusedDotAdam& operator=(const FusedDotAdam&) = delete;

    /// Runs the next optimizer step on the batch and returns its objective, the generic path's
    /// BatchLoss::objective. When that is not finite the rows are left without the update.
    double step(const Batch& batch);
    /// The steps run so far.
    std::int64_t steps() const { return step_; }
    /// Settles every row through the current step and writes the weights into the model.
    void synchronize();

    void settleRows(ParameterAxis axis, std::span<const std::int32_t> rows,
                    std::int64_t throughStep) override;
    void prefetchRows(ParameterAxis axis, std::span<const std::int32_t> rows) const override;

private:
    /// An embedding table whose row r holds, from rowFloats * r: the d weights, the d first
    /// moments, the d second moments, then the step it is settled through as a 32-bit count
    /// from stepBase_ (an epoch has fewer steps than 2^31: ratings are counted in 32 bits).
    struct Table {
        float* data = nullptr;
        std::int32_t rows = 0;
        float* row(std::int32_t r) const { return data + static_cast<std::size_t>(r) * stride; }
        std::size_t stride = 0;
        // The distinct rows of the current batch, each item's slot among them, and their
        // gradients, slot after slot.
        std::vector<std::int32_t> distinct;
        std::vector<std::int32_t> slot;
        std::vector<std::int32_t> stamp; // per row: its slot in this batch, or -1
        std::vector<float> gradients;
    };

    Table& table(ParameterAxis axis) { return axis == ParameterAxis::User ? users_ : books_; }
    const Table& table(ParameterAxis axis) const {
        return axis == ParameterAxis::User ? users_ : books_;
    }
    void allocate(Table& table, const Matrix& values);
    void settle(const Table& table, std::span<const std::int32_t> rows, std::int64_t target) const;
    void update(Table& table, float stepSize);
    void rebaseSteps();

    Model& model_;
    AdamConfig adam_;
    float l2_;
    CatchUpSchedule schedule_;
    /// The float factors of a catch-up over k idle steps (k < its size) for rows last settled
    /// at or after schedule_.settledFrom(), where they depend on k alone: most of a run's
    /// catch-ups then cost one look-up instead of the schedule's arithmetic.
    struct SettleFactors {
        float move, decay1, decay2, unused;
    };
    std::vector<SettleFactors> settledFactors_;
    std::size_t dim_;
    Table users_;
    Table books_;
    std::int64_t step_ = 0;
    std::int64_t stepBase_ = 0;
};

} // namespace shelfscope
