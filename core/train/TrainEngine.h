#pragma once

#include "train/Optimizer.h"

namespace shelfscope {

/// How the trainer computes its steps, apart from what it trains: switches for the tests and
/// benchmarks that compare the paths, never for users (TrainConfig says what is trained). Every
/// setting trains the same model: bit for bit on one thread, and up to the placement of epsilon
/// in idle steps for the literal dense Adam.
struct TrainEngine {
    /// The dot model without biases under the dense-equivalent Adam takes the fused path
    /// (FusedDotAdam) unless this is off.
    bool allowFused = true;
    /// How Adam moves the embedding rows a batch does not touch.
    AdamRows adamRows = AdamRows::DenseEquivalent;
};

} // namespace shelfscope
