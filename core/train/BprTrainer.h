#pragma once

#include "model/Model.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <atomic>
#include <cstdint>

namespace shelfscope {

/// Bayesian personalised ranking (Rendle et al., 2009) on a biased dot model: for a rated book
/// i and a sampled unrated book j, raise sigma(b_i - b_j + u . (v_i - v_j)). It learns which
/// books a reader will pick up, not the stars they will give.
struct BprConfig {
    int epochs = 30;
    float learningRate = 0.05f;
    float l2 = 0.001f; ///< per update, on the rows it touches
    std::uint64_t seed = 42;
};

/// Trains `model` (a dot model with biases) in place on the training rows as positives, with
/// one uniformly sampled unrated book per positive, by SGD in a seeded order. Reports each
/// epoch's mean BPR loss (-log sigma) as the train loss; the test rows' "hit" quality is for
/// ranking evaluation, so the epoch reports carry no rating errors. Honours cancel between
/// batches of 4,096 positives; a loss that is not finite restores the last epoch's weights.
TrainResult trainBpr(Model& model, const TrainingData& data, const BprConfig& config,
                     const TrainCallbacks& callbacks = {},
                     const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
