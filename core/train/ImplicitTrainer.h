#pragma once

#include "model/Model.h"
#include "train/ImplicitSets.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <atomic>
#include <cstdint>
#include <span>

namespace shelfscope {

/// Matrix factorisation with implicit feedback (SVD++, Koren 2008), trained by SGD:
///   prediction(u, i) = mu + b_u + b_i + q_i . (p_u + |N(u)|^-1/2 sum_{j in N(u)} y_j)
/// minimising, over the training ratings,
///   1/2 sum (r - prediction)^2 + lambda/2 sum (|p_u|^2 + |q_i|^2 + sum_{j in N(u)} |y_j|^2)
///   + lambdaBias/2 sum (b_u^2 + b_i^2),
/// each penalty counted once per rating its row takes part in (the per-rating SGD's own).
struct ImplicitConfig {
    /// Epochs of plain biased matrix factorisation first (the experiment's TrainConfig: Adam as
    /// tuned-dot), which the implicit epochs then refine from: SGD from a small random start
    /// stalled at a validation RMSE of 0.819 (docs/TUNING.md). Read by runExperiment.
    int warmStartEpochs = 0;
    int epochs = 20; ///< of the implicit model, after the warm start
    float learningRate = 0.005f;
    /// The learning rate is multiplied by this after every epoch.
    float learningRateDecay = 0.95f;
    float l2 = 0.02f;     ///< lambda: on p, q and y
    float biasL2 = 0.02f; ///< lambdaBias: on the biases
    ImplicitSetConfig sets;
    std::uint64_t seed = 42; ///< the order of readers and of each reader's ratings
    /// Stop when validation RMSE has not improved for this many epochs and keep the best
    /// epoch's weights (0: never). Needs validation rows.
    int earlyStopPatience = 0;
    bool clipPredictions = false; ///< when evaluating
    RatingScale scale;
};

/// Throws std::invalid_argument naming the first bad setting.
void validateImplicitConfig(const ImplicitConfig& config);

/// The trained parameters: mu, b_u, b_i, q_i live in the dot model; these hold p and y.
struct ImplicitFactors {
    Matrix users;    ///< p: one row per reader
    Matrix implicit; ///< y: one row per book
};

/// p_u + |N(u)|^-1/2 sum_{j in N(u)} y_j: the reader's vector the prediction uses.
void effectiveUserVector(const ImplicitFactors& factors, std::span<const std::int32_t> implicitSet,
                         std::span<float> out);

/// Writes every reader's effective vector into the dot model's user embeddings, so the model
/// (mu, biases and q as trained) predicts what the implicit-feedback model does.
void foldImplicitFactors(const ImplicitFactors& factors, const ImplicitSets& sets, Model& model);

/// One reader's SGD pass: each of its ratings (books[k] rated ratings[k], in that order) updates
/// b_u, b_i, q_i and p_u; y_j for j in N(u) take the gradient accumulated over the ratings once
/// at the end (their decay (1 - lr lambda)^count). To first order in lr this is a step of -lr
/// times the gradient of the reader's part of the objective. Returns the sum of squared errors
/// seen. `scratch` is resized as needed. users is the model's user table only for its biases.
double implicitReaderStep(Model& model, ImplicitFactors& factors, std::int32_t user,
                          std::span<const std::int32_t> books, std::span<const float> ratings,
                          std::span<const std::int32_t> implicitSet, float learningRate,
                          const ImplicitConfig& config, std::vector<float>& scratch);

/// Starting factors: p copied from the model's user embeddings, y zero.
ImplicitFactors initialImplicitFactors(const Model& model);

/// Trains a biased dot model (mu, b, q in it; p and y beside it) on data.train with N(u) from
/// `sets`, then folds the implicit sum into the user embeddings: the model that is left predicts
/// exactly as the implicit-feedback model. Runs on the epoch driver (train/EpochDriver.h), one
/// reader a unit: each epoch's figures come from the folded model; a cancel (seen every 256
/// readers, well within 100 ms) keeps the weights reached, folded; a non-finite loss restores
/// the last epoch's; early stopping keeps the best validation epoch's. `trained`, when given,
/// receives p and y as the last epoch left them.
TrainResult trainImplicit(Model& model, const TrainingData& data, const ImplicitSets& sets,
                          const ImplicitConfig& config, const TrainCallbacks& callbacks = {},
                          const std::atomic<bool>& cancel = neverCancelled(),
                          ImplicitFactors* trained = nullptr);

} // namespace shelfscope
