#pragma once

#include "eval/Bootstrap.h"
#include "eval/Metrics.h"
#include "train/RankingEvaluation.h"

#include <optional>
#include <string>

namespace shelfscope {

/// The one evaluation every model gets (docs/RANKING.md): on the split the model was trained
/// on, each evaluated reader's training books are left out and their held-out books are the
/// hits; precision, recall, NDCG and MAP at k, hit rate, coverage, popularity bias and to-read
/// hits, and RMSE and MAE over all test rows where the model predicts ratings; every figure
/// with a bootstrap interval over readers.
struct ProtocolConfig {
    RankingConfig ranking;
    /// The reader sample; readerHalf (when 0 or 1) keeps one half, and the validation figures
    /// below then come from the readers of that half alone.
    RankingDataConfig data;
    BootstrapConfig bootstrap;
    /// The recorded popularity blend of the model file is used unless this is set.
    std::optional<float> popularityBlend;
    /// List the N most popular books first, in the model's order (0: off; see evaluate).
    std::int32_t popularCandidates = 0;
    bool ratingErrors = true; ///< RMSE and MAE for rating predictors (a pass over the test rows)
    bool baselines = false;   ///< also the popularity and random lists on the same readers
};

/// Every evaluated reader's NDCG@k, in evaluation order: what a paired comparison of two models
/// on the same readers resamples (pairedDifference).
struct ReaderNdcgs {
    std::vector<std::int32_t> readers; ///< RankingData::readerIndices
    std::vector<double> ndcg;          ///< 0 for a reader without held-out books
    std::vector<std::uint8_t> counted; ///< 1: the reader has held-out books (counts in NDCG@k)
};

/// The split's name as reports show it: its kind ("notebook", "per-user", "random") and, in
/// brackets, whatever differs from the presets' (test share, readers' hold-out, seed, duplicate
/// rows dropped). Models with the same name on the same data set were evaluated on the same
/// held-out rows. `duplicatesDropped`: the split was made of a table without the file's
/// repeated rows.
std::string splitName(const ExperimentConfig& config, bool duplicatesDropped);

/// Ranking metrics with their intervals.
struct RankingFigures {
    RankingMetrics metrics;
    RankingIntervals intervals;
};

struct ProtocolResult {
    SplitKind split = SplitKind::Notebook;
    std::string splitName = "notebook";   ///< see splitName()
    std::uint64_t datasetFingerprint = 0; ///< of the data set the model was trained on
    std::string datasetName;
    bool predictsRatings = false;
    RankingMetrics ranking; ///< every evaluated reader
    RankingIntervals rankingIntervals;
    /// The evaluated readers of the seeded half 0 (readerHalfOf with data.seed): the
    /// validation readers a default model is chosen on. Half 1 is reported beside it.
    RankingMetrics validation;
    RankingMetrics otherHalf;
    ReaderNdcgs perReader;              ///< every evaluated reader's NDCG@k (paired comparisons)
    std::optional<ErrorMetrics> errors; ///< rating predictors only
    ErrorIntervals errorIntervals;
    std::int64_t errorReaders = 0; ///< readers with test rows (the RMSE bootstrap's units)
    std::optional<RankingFigures> popularityBaseline; ///< with ProtocolConfig::baselines
    std::optional<RankingFigures> randomBaseline;
    std::string popularitySource;
    float popularityBlend = 0.0f;
    int k = 10;
    BootstrapConfig bootstrap;
    double seconds = 0.0;
};

/// Evaluates a trained model on its data set with the protocol. Progress runs from 0 to 1 over
/// the stages; cancel is honoured between reader blocks and replicates (OperationCancelled).
ProtocolResult evaluateProtocol(const Dataset& dataset, const Model& model,
                                const ModelMetadata& metadata, const ProtocolConfig& config = {},
                                const ProgressCallback& progress = {},
                                const std::atomic<bool>& cancel = neverCancelled());

/// The per-reader rating errors of predictions on test rows, in reader order of `users`
/// (a reader with no test rows gets none): what bootstrapErrors resamples.
std::vector<ReaderErrors> readerErrors(std::span<const std::int32_t> users,
                                       std::span<const float> truth,
                                       std::span<const float> predictions, bool clip,
                                       RatingScale scale);

} // namespace shelfscope
