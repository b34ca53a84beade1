#pragma once

#include "model/Model.h"
#include "train/ImplicitRows.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <atomic>
#include <cstdint>
#include <span>

namespace shelfscope {

/// How much an implicit signal counts: the confidence c = 1 + w of an observed (reader, book)
/// pair, whose preference is 1; every other pair has preference 0 and confidence 1.
struct ImplicitConfidence {
    float alpha = 1.0f;     ///< a rating at or above minRating: w = alpha
    float minRating = 1.0f; ///< ratings below it are no signal (1: every rating counts)
    /// A book on the reader's to-read list: w = toReadWeight; 0 leaves the list out.
    float toReadWeight = 0.0f;
};

/// Implicit ALS (Hu, Koren and Volinsky 2008) solved row by row with a few conjugate-gradient
/// steps warm-started from the previous factors (Takacs, Pilaszy and Tikk 2011).
struct ImplicitAlsConfig {
    int iterations = 15;         ///< each solves every reader row, then every book row
    float regularization = 1.0f; ///< lambda on every factor row (0 or more)
    ImplicitConfidence confidence;
    int cgSteps = 3; ///< conjugate-gradient steps per row and iteration
    /// Threads sharing each unit's rows in blocks: every row is solved the same way whichever
    /// thread takes it, so the result does not depend on the count.
    int threads = 2;
};

/// Throws std::invalid_argument naming the first bad setting.
void validateImplicitAlsConfig(const ImplicitAlsConfig& config);

/// Observed pairs in model rows with their extra confidence w (pairs may repeat: they add up).
struct ImplicitSignals {
    std::vector<std::int32_t> users;
    std::vector<std::int32_t> books;
    std::vector<float> weights;
    std::size_t size() const { return users.size(); }
};

/// The training ratings at or above confidence.minRating, weight alpha each, then the to-read
/// pairs (model rows; ignored when toReadWeight is 0) with weight toReadWeight.
ImplicitSignals implicitSignals(const RatingRows& train, const ImplicitConfidence& confidence,
                                std::span<const std::int32_t> toReadUsers = {},
                                std::span<const std::int32_t> toReadBooks = {});

/// The objective ALS minimises, over every (reader, book) pair of the tables:
///   sum c_ub (p_ub - x_u.y_b)^2 + lambda (|X|^2 + |Y|^2),
/// computed as sum_u x_u^T (Y^T Y) x_u plus the observed pairs' corrections, in O(nnz d + n d^2).
/// `byUser` holds the observed pairs grouped by reader (groupByRow).
double implicitObjective(const Matrix& users, const Matrix& books, const SparseRows& byUser,
                         float regularization);

/// Trains the user and book tables of `model` (a dot model without biases) in place from their
/// current values, on the epoch driver (train/EpochDriver.h): an iteration is an epoch, its units
/// ranges of reader rows, then of book rows. Each iteration's report carries the objective
/// divided by the number of observed pairs as its train loss (no rating errors: the scores rank
/// books). Cancel is seen after every unit (milliseconds): the factors reached are kept, the rows
/// of the interrupted half-iteration's finished units solved and the others not, and the outcome
/// is Cancelled. A row that is no longer finite restores the last iteration's (Diverged).
TrainResult trainImplicitAls(Model& model, const ImplicitSignals& observed,
                             const ImplicitAlsConfig& config, const TrainCallbacks& callbacks = {},
                             const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
