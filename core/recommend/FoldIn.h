#pragma once

#include "model/Model.h"
#include "train/ImplicitAls.h"

#include <memory>
#include <optional>
#include <span>

namespace shelfscope {

/// The settings an implicit-ALS model was trained with, which its fold-in repeats.
struct ImplicitFoldIn {
    ImplicitConfidence confidence;
    float regularization = 1.0f;
};

struct FoldInConfig {
    /// Ridge penalty on the new reader's vector (and bias): keeps a handful of ratings from
    /// producing an extreme vector.
    float l2 = 0.5f;
    int steps = 300;            ///< neural model: full-batch Adam steps on the user side
    float learningRate = 0.05f; ///< neural model
    /// Neural model: the objective is not convex in the reader's vector, so besides the zero
    /// vector this many seeded random starts (at the spread of the known readers' vectors) are
    /// tried; the one that fits the ratings best wins.
    int restarts = 3;
    std::uint64_t seed = 1;
    /// A ranking model (BPR) scores which books a reader picks up, not stars: its new reader's
    /// vector is fitted so books rated `likedRating` or more rank above sampled others, and
    /// books rated `dislikedRating` or less below them.
    bool ranking = false;
    float likedRating = 4.0f;
    float dislikedRating = 2.0f;
    int rankingEpochs = 200;   ///< passes over the reader's pairs
    int negativesPerBook = 20; ///< sampled other books per rated book and pass
    /// An implicit-ALS model: the new reader's vector is exactly what one more ALS half-step
    /// would give them (ratings at or above minRating as signals of confidence 1 + alpha).
    /// Takes precedence over `ranking`.
    std::optional<ImplicitFoldIn> implicit;
};

/// A one-reader model for someone the model has never seen: the book side (embeddings, biases,
/// layers) copied and frozen, the reader's vector fitted to their ratings. The dot model solves
/// the ridge problem in closed form; the neural model takes a few gradient steps; a ranking
/// model (config.ranking) takes BPR steps on the reader's vector; an implicit-ALS model
/// (config.implicit) solves the reader's ALS row exactly. No retraining.
/// An item-item model (EASE, item-kNN) has no reader vector: the copy shares its weights and
/// scores the new reader as x W, x the books they rated.
/// bookRows[i] was rated ratings[i]. Throws std::invalid_argument for an empty list, a size
/// mismatch or a book row outside the model.
std::unique_ptr<Model> foldInReader(const Model& model, std::span<const std::int32_t> bookRows,
                                    std::span<const float> ratings,
                                    const FoldInConfig& config = {});

} // namespace shelfscope
