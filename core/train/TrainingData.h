#pragma once

#include "data/RatingTable.h"
#include "eval/Baselines.h"
#include "split/Split.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace shelfscope {

/// How ratings map to embedding rows.
enum class RowIndexing {
    Dense,  ///< one row per user/book that has ratings (row = dense index)
    RawIds, ///< tables sized max id + 1 and indexed by raw id, as the notebook's Keras model was
};

struct TrainingDataConfig {
    RowIndexing indexing = RowIndexing::Dense;
    /// Drop earlier repeats of a (user, book) pair among the training rows (last one wins).
    bool dropDuplicateTrainPairs = false;
    /// Share of the training rows held out for validation (early stopping, tuning); 0 for none.
    double validationFraction = 0.0;
    std::uint64_t validationSeed = 7;
};

/// The rows a training run reads, already in model-row space.
struct TrainingData {
    RatingRows train;
    RatingRows validation;
    RatingRows test;
    std::int32_t userRows = 0;
    std::int32_t bookRows = 0;
    RowIndexing indexing = RowIndexing::Dense;
    std::int64_t duplicateTrainRowsDropped = 0;
};

/// The most rows a table indexed by raw id may have (largest id + 1): 4,194,304, 84 MB of weights
/// a table at the notebook's d = 5 (three times that with Adam's moments), where the largest
/// accepted id (2^31 - 1) would need 43 GB of weights alone.
inline constexpr std::int64_t kMaxRawIdRows = std::int64_t{1} << 22;

/// Throws std::invalid_argument, saying why and what to use instead, when `indexing` is RawIds
/// and the table's largest user or book id would need more than kMaxRawIdRows rows.
void checkRowIndexing(const RatingTable& table, RowIndexing indexing);

/// The rows a run trains on, tested on and validates with. Throws as checkRowIndexing does.
TrainingData prepareTrainingData(const RatingTable& table, const RowSplit& split,
                                 const TrainingDataConfig& config = {});

/// The test rows prepareTrainingData makes of split.testRows, alone: reading a run's test rows
/// again needs no training rows (240 MB at 25M ratings). Throws as checkRowIndexing does.
RatingRows prepareTestRows(const RatingTable& table, const std::vector<std::int32_t>& testRows,
                           RowIndexing indexing);

/// Raw id of each embedding row (0 for rows no id maps to, such as row 0 under RawIds). Throws
/// as checkRowIndexing does (which names the column: call it first) when the table is too large.
std::vector<std::int32_t> rowRawIds(const IdIndex& index, RowIndexing indexing);

/// The inverse: the row of each raw id in a row -> raw id list (rows mapped to 0 left out).
std::unordered_map<std::int32_t, std::int32_t> rowsByRawId(const std::vector<std::int32_t>& ids);

} // namespace shelfscope
