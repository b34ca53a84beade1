#pragma once

#include "model/Model.h"
#include "train/Trainer.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace shelfscope {

/// One trainer's epochs, unit by unit (a unit is a mini-batch, or a block of SGD updates). The
/// driver, runEpochs, does what every such trainer shares: the loop, cancel, progress and its
/// ETA, divergence, the epoch reports, early stopping and the timings.
class EpochWork {
public:
    virtual ~EpochWork() = default;
    /// Starts epoch `epoch` (1-based): returns its unit count. Part of the epoch's time.
    virtual std::int64_t beginEpoch(int epoch) = 0;
    /// Runs unit `unit` (0-based, in order). Its loss is `lossSum` over `lossCount` terms; a
    /// loss that is not finite means training diverged (the last finished epoch's weights are
    /// restored). A work whose loss is known only at the epoch's end (implicit ALS) reports 0
    /// over 0 terms, sets the epoch's loss in assess, and progress repeats the last epoch's.
    virtual void runUnit(std::int64_t unit, double& lossSum, double& lossCount) = 0;
    /// Training items (ratings, positives) in the first `units` units of an epoch.
    virtual std::int64_t itemsIn(std::int64_t units) const = 0;
    /// A cancel was seen after `done` units: the unit count the epoch must reach before it may
    /// stop (work done ahead for coming units belongs to the run).
    virtual std::int64_t stopSoon(std::int64_t done) { return done; }
    /// Waits for any work other threads do for coming units.
    virtual void halt() {}
    /// Makes the model's weights whole after the epoch's units (or a stop).
    virtual void finishEpoch() {}
    /// Fills the test and validation figures of a finished epoch's report (and its trainLoss,
    /// for a work whose units report none). Not part of the epoch's time.
    virtual void assess(EpochReport& /*report*/) {}
};

struct EpochLoop {
    int epochs = 1;
    /// Stop when the validation RMSE (from assess) has not improved for this many epochs, and
    /// keep the best epoch's weights (0: never).
    int earlyStopPatience = 0;
    /// Units between two looks at the cancel flag and the clock; keep it under ~100 ms of work.
    std::int64_t pollEvery = 64;
    /// The last sentence of the message when training diverges.
    std::string divergenceAdvice = "Try a lower learning rate.";
};

/// Runs the epochs of `work` on `model`. A cancel keeps the weights reached (result.outcome
/// Cancelled); a non-finite loss restores the weights of the last finished epoch (Diverged);
/// progress goes out at most every 50 ms and at each epoch's end, each finished epoch to
/// epochFinished and epochModel. result.test is left to the caller.
TrainResult runEpochs(Model& model, EpochWork& work, const EpochLoop& loop,
                      const TrainCallbacks& callbacks = {},
                      const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
