#pragma once

#include "eval/Metrics.h"
#include "model/Model.h"
#include "train/Optimizer.h"
#include "train/TrainEngine.h"
#include "train/TrainingData.h"
#include "util/Progress.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace shelfscope {

enum class OptimizerKind { Adam, Sgd };

struct TrainConfig {
    int epochs = 5;
    int batchSize = 32;
    OptimizerKind optimizer = OptimizerKind::Adam;
    AdamConfig adam;
    float sgdLearningRate = 0.01f;
    float l2 = 0.0f;
    std::uint64_t shuffleSeed = 42;
    /// Threads for training steps and evaluation. One thread is bit-identical run to run. More
    /// split every batch among them when a step is large enough to gain from it (about a million
    /// multiply-adds: tuned-nn), and results then differ from one thread's by rounding only;
    /// smaller steps under the dense-equivalent Adam (the notebook presets) stay on one thread
    /// while a second settles the rows of coming batches, bit-identical to one thread. Both
    /// work in lock step, so a second thread loses as soon as another program holds a core: the
    /// presets use one (docs/BENCHMARKS.md).
    int threads = 1;
    /// Stop when validation RMSE has not improved for this many epochs (0: never). Needs
    /// validation rows. The best epoch's weights are restored.
    int earlyStopPatience = 0;
    bool clipPredictions = false; ///< clamp predictions to the scale when evaluating
    RatingScale scale;
};

/// Throws std::invalid_argument naming the first bad setting.
void validateTrainConfig(const TrainConfig& config);

/// Sent at least every 100 ms of training.
struct TrainProgress {
    int epoch = 0; ///< 1-based
    int epochs = 0;
    std::int64_t batch = 0; ///< within the epoch, 1-based
    std::int64_t batches = 0;
    double runningLoss = 0.0; ///< mean batch objective so far this epoch
    /// Mean batch objective since the previous report: follows the model without the lag of
    /// the epoch mean, and does not jump when a new epoch starts its mean afresh.
    double recentLoss = 0.0;
    double ratingsPerSecond = 0.0;
    double etaSeconds = 0.0;
};

struct EpochReport {
    int epoch = 0;
    double trainLoss = 0.0; ///< mean batch objective over the epoch
    ErrorMetrics test;
    std::optional<ErrorMetrics> validation;
    double seconds = 0.0; ///< training time of the epoch, evaluation excluded
    double ratingsPerSecond = 0.0;
};

enum class TrainOutcome { Finished, EarlyStopped, Cancelled, Diverged };
const char* trainOutcomeName(TrainOutcome outcome);

struct TrainResult {
    TrainOutcome outcome = TrainOutcome::Finished;
    std::string message;
    std::vector<EpochReport> epochs;
    ErrorMetrics test; ///< of the weights the model holds at the end
    int bestEpoch = 0; ///< whose weights the model holds (0: the initial ones)
    double trainSeconds = 0.0;
    double ratingsPerSecond = 0.0;
};

struct TrainCallbacks {
    std::function<void(const TrainProgress&)> progress;
    std::function<void(const EpochReport&)> epochFinished;
    /// After epochFinished, with the model as that epoch left it (for a live view of the
    /// embeddings): copy what is needed, the model keeps training after the call returns.
    std::function<void(int epoch, const Model& model)> epochModel;
};

/// Trains in place with mini-batches reshuffled every epoch from config.shuffleSeed. Cancelling
/// (within 100 ms) keeps the weights reached; divergence (a non-finite loss) restores the last
/// good ones and says so in the result's message. `engine` picks how steps are computed, for
/// tests and benchmarks that compare the paths (TrainEngine.h); it changes no result.
TrainResult trainModel(Model& model, const TrainingData& data, const TrainConfig& config,
                       const TrainCallbacks& callbacks = {},
                       const std::atomic<bool>& cancel = neverCancelled(),
                       const TrainEngine& engine = {});

/// Error of the model on rows, predicted on `threads` threads.
ErrorMetrics evaluateModel(const Model& model, const RatingRows& rows, bool clip = false,
                           RatingScale scale = {}, int threads = 1);

} // namespace shelfscope
