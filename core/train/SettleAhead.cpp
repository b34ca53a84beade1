#include "train/SettleAhead.h"

#include "util/AwaitChange.h"
#include "util/ComputeThread.h"

#include <algorithm>

namespace shelfscope {

namespace {

void awaitAtLeast(const std::atomic<std::int64_t>& counter, std::int64_t wanted) {
    for (std::int64_t seen = counter.load(std::memory_order_acquire); seen < wanted;)
        seen = awaitChange(counter, seen);
}

} // namespace

SettleAhead::SettleAhead(RowSettler& settler, std::int32_t userRows, std::int32_t bookRows)
    : settler_(settler), userLastSeen_(static_cast<std::size_t>(userRows), 0),
      bookLastSeen_(static_cast<std::size_t>(bookRows), 0),
      helper_(startComputeThread([this] { helperLoop(); })) {}

SettleAhead::~SettleAhead() {
    stopping_.store(true);
    allowed_.fetch_add(1);
    allowed_.notify_all();
    helper_.join();
}

void SettleAhead::beginEpoch(std::span<const std::int32_t> users,
                             std::span<const std::int32_t> books, std::size_t batchSize,
                             std::int64_t firstStep) {
    quiesce();
    // The counters never go back: an epoch's chunks are counted on from the last epoch's. Set
    // back to 0 and raised to 1 again, as they once were, an epoch of one chunk after another
    // left allowed_ holding the 1 the helper was sleeping on, and it slept on (a hang).
    base_ = allowed_.load();
    users_ = users;
    books_ = books;
    batchSize_ = std::max<std::size_t>(batchSize, 1);
    batches_ = static_cast<std::int64_t>((users.size() + batchSize_ - 1) / batchSize_);
    chunks_ = (batches_ + kChunk - 1) / kChunk;
    limit_ = base_ + chunks_;
    firstStep_ = firstStep;
    // Stored after the fields above: the helper reads them once it sees the new allowance.
    allowed_.store(base_ + std::min<std::int64_t>(1, chunks_));
    allowed_.notify_one();
}

void SettleAhead::beforeBatch(std::int64_t batch) {
    if (batch % kChunk != 0)
        return;
    const std::int64_t chunk = base_ + batch / kChunk;
    awaitAtLeast(ready_, chunk + 1);
    // Chunk + 1's rows that chunk uses stay with the training thread; the rest are the helper's.
    const std::int64_t allowance = std::min(chunk + 2, limit_);
    if (allowance > allowed_.load()) {
        allowed_.store(allowance);
        allowed_.notify_one();
    }
}

std::int64_t SettleAhead::stopSoon(std::int64_t batchesDone) {
    const std::int64_t allowed = allowed_.load();
    limit_ = std::max(allowed, base_ + (batchesDone + kChunk - 1) / kChunk);
    return std::min((limit_ - base_) * kChunk, batches_);
}

void SettleAhead::quiesce() {
    for (;;) {
        const std::int64_t allowed = allowed_.load();
        const std::int64_t ready = ready_.load();
        if (ready >= allowed)
            return;
        awaitChange(ready_, ready);
    }
}

void SettleAhead::helperLoop() {
    for (;;) {
        const std::int64_t allowed = allowed_.load();
        const std::int64_t ready = ready_.load();
        if (stopping_.load())
            return;
        if (ready < allowed) {
            prepareChunk(ready - base_);
            ready_.store(ready + 1);
            ready_.notify_all();
            continue;
        }
        awaitChange(allowed_, allowed);
    }
}

void SettleAhead::prepareChunk(std::int64_t chunk) {
    const std::int64_t first = chunk * kChunk;
    const std::int64_t end = std::min(first + kChunk, batches_);
    // Rows last used before the chunk the training thread is running are the helper's to take.
    const std::int64_t threshold = firstStep_ + std::max<std::int64_t>(chunk - 1, 0) * kChunk;
    collectFresh(users_, userLastSeen_, userFresh_, first, end, threshold);
    collectFresh(books_, bookLastSeen_, bookFresh_, first, end, threshold);
    // The rows lie scattered over tables of megabytes: ask for a few batches' rows ahead.
    constexpr std::int64_t kLead = 2;
    const std::int64_t count = end - first;
    for (std::int64_t i = 0; i < std::min(kLead, count); ++i)
        prefetchBatch(i);
    for (std::int64_t i = 0; i < count; ++i) {
        if (i + kLead < count)
            prefetchBatch(i + kLead);
        const std::int64_t throughStep = firstStep_ + first + i - 1;
        settle(ParameterAxis::User, userFresh_.batch(i), throughStep);
        settle(ParameterAxis::Book, bookFresh_.batch(i), throughStep);
    }
}

void SettleAhead::collectFresh(std::span<const std::int32_t> ids,
                               std::vector<std::int64_t>& lastSeen, FreshRows& fresh,
                               std::int64_t first, std::int64_t end, std::int64_t threshold) {
    fresh.ids.clear();
    fresh.ends.clear();
    for (std::int64_t batch = first; batch < end; ++batch) {
        const std::size_t begin = static_cast<std::size_t>(batch) * batchSize_;
        const std::size_t stop = std::min(begin + batchSize_, ids.size());
        const std::int64_t step = firstStep_ + batch;
        for (std::size_t i = begin; i < stop; ++i) {
            std::int64_t& seen = lastSeen[static_cast<std::size_t>(ids[i])];
            if (seen < threshold)
                fresh.ids.push_back(ids[i]);
            seen = step; // a repeat within the batch is then no longer below the threshold
        }
        fresh.ends.push_back(fresh.ids.size());
    }
}

void SettleAhead::prefetchBatch(std::int64_t index) const {
    settler_.prefetchRows(ParameterAxis::User, userFresh_.batch(index));
    settler_.prefetchRows(ParameterAxis::Book, bookFresh_.batch(index));
}

void SettleAhead::settle(ParameterAxis axis, std::span<const std::int32_t> rows,
                         std::int64_t throughStep) {
    if (!rows.empty())
        settler_.settleRows(axis, rows, throughStep);
}

} // namespace shelfscope
