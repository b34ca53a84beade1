#pragma once

#include "model/Parameter.h"
#include "train/RowSettler.h"

#include <atomic>
#include <cstdint>
#include <span>
#include <thread>
#include <vector>

namespace shelfscope {

/// Settles embedding rows for coming steps on a second thread while the training thread runs
/// the current ones: under Keras' dense Adam most of a small step's work is bringing its idle
/// rows up to date, and that needs nothing from the step before, only the rows' own state.
///
/// The epoch's batches go in chunks of kChunk. While the training thread runs chunk c, the
/// helper takes every row's first use in chunk c + 1 and, when the row is not used in chunk c,
/// settles it through the step before that use. Rows used in chunk c are left to the training
/// thread, so the two never touch the same row at the same time, and a row is settled by the
/// same arithmetic whoever does it: results are bit-identical to one thread's.
///
/// Rows settled ahead have been moved through steps the training thread has not reached yet,
/// so it may stop early (cancel) only where the prepared chunks end: see stopSoon().
class SettleAhead {
public:
    static constexpr std::int64_t kChunk = 16;

    SettleAhead(RowSettler& settler, std::int32_t userRows, std::int32_t bookRows);
    ~SettleAhead();
    SettleAhead(const SettleAhead&) = delete;
    SettleAhead& operator=(const SettleAhead&) = delete;

    /// Starts an epoch whose batch b (0-based) holds users/books [b * batchSize, ...) and runs
    /// as optimizer step firstStep + b. The spans must stay valid and unchanged for the epoch.
    void beginEpoch(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                    std::size_t batchSize, std::int64_t firstStep);
    /// Called by the training thread before it runs batch b of the epoch, in order.
    void beforeBatch(std::int64_t batch);
    /// Asks for no chunks beyond those already given to the helper, and returns the batch
    /// count the training thread must reach before it may stop (at least batchesDone).
    std::int64_t stopSoon(std::int64_t batchesDone);
    /// Waits until the helper has finished what it was given.
    void quiesce();

private:
    void helperLoop();
    /// The rows each batch of a chunk takes from the helper, batch after batch.
    struct FreshRows {
        std::vector<std::int32_t> ids;
        std::vector<std::size_t> ends; // of each batch's rows in ids
        std::span<const std::int32_t> batch(std::int64_t index) const {
            const auto i = static_cast<std::size_t>(index);
            const std::size_t begin = i == 0 ? 0 : ends[i - 1];
            return std::span(ids).subspan(begin, ends[i] - begin);
        }
    };

    void prepareChunk(std::int64_t chunk);
    void collectFresh(std::span<const std::int32_t> ids, std::vector<std::int64_t>& lastSeen,
                      FreshRows& fresh, std::int64_t first, std::int64_t end,
                      std::int64_t threshold);
    void prefetchBatch(std::int64_t index) const;
    void settle(ParameterAxis axis, std::span<const std::int32_t> rows, std::int64_t throughStep);

    RowSettler& settler_;
    std::vector<std::int64_t> userLastSeen_;
    std::vector<std::int64_t> bookLastSeen_;
    FreshRows userFresh_;
    FreshRows bookFresh_;

    std::span<const std::int32_t> users_;
    std::span<const std::int32_t> books_;
    std::size_t batchSize_ = 1;
    std::int64_t batches_ = 0;
    std::int64_t chunks_ = 0;
    std::int64_t firstStep_ = 1;
    std::int64_t base_ = 0;  // chunks of the earlier epochs: the counters go on from there
    std::int64_t limit_ = 0; // chunks the training thread will allow at most (training thread's)

    // Chunks since the first epoch began (never reset: see beginEpoch).
    std::atomic<std::int64_t> allowed_{0}; // chunks the helper may prepare
    std::atomic<std::int64_t> ready_{0};   // chunks it has prepared
    std::atomic<bool> stopping_{false};
    std::thread helper_;
};

} // namespace shelfscope
