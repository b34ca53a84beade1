#pragma once

#include "eval/Ranking.h"
#include "model/ModelFile.h"
#include "train/Experiment.h"

namespace shelfscope {

struct RankingDataConfig {
    /// Held-out ratings at or above this count as hits (0: every held-out book counts).
    float relevantRating = 0.0f;
    /// Evaluate a seeded sample of this many readers (0: all readers with held-out books).
    std::int64_t maxReaders = 0;
    std::uint64_t seed = 1;
    /// List books for every reader with training ratings, not only those with held-out books:
    /// the accuracy metrics still average over readers with held-out books, the to-read check,
    /// coverage and popularity over everyone.
    bool everyReader = true;
    /// -1: every reader; 0 or 1: one of two seeded halves of the readers, so a setting can be
    /// chosen on one half and reported on the other.
    int readerHalf = -1;
};

/// Which of two seeded halves (0 or 1) a reader belongs to, by their index among the data set's
/// readers (RankingData::readerIndices), so that every model of a data set puts a reader in the
/// same half whatever its row layout (a raw-id model's rows are user_ids). RankingDataConfig's
/// readerHalf and the protocol's validation readers use the same halves.
int readerHalfOf(std::int32_t readerIndex, std::uint64_t seed);

/// The ranking task of a trained model on its own split: each reader's training books are left
/// out, their test books are the hits, and their to-read list (from the data set) is the
/// external check. Popularity is books.csv's ratings_count when every book has one, else the
/// training ratings per book. `table` is experimentRatings(dataset, config).
RankingData rankingData(const Dataset& dataset, const RatingTable& table,
                        const ExperimentConfig& config, const ModelMetadata& metadata,
                        const RankingDataConfig& options = {});

/// The model's scores as a BlockScorer; with a blend weight w, w * log(1 + popularity) is
/// added to every book's score (popularity as in RankingData).
BlockScorer modelScorer(const Model& model);
BlockScorer blendedScorer(const Model& model, const RankingData& data, float weight);

/// The popularity blend weight a model file records (0 when none).
float recordedPopularityBlend(const ModelMetadata& metadata);
/// Two stages: the `candidates` most popular books first, in the model's order, then the rest
/// in the model's order.
BlockScorer popularCandidatesScorer(const Model& model, const RankingData& data,
                                    std::int32_t candidates);

} // namespace shelfscope
