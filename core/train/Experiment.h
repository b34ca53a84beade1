#pragma once

#include "data/Dataset.h"
#include "eval/Baselines.h"
#include "eval/PredictionQuality.h"
#include "model/Model.h"
#include "model/ModelFile.h"
#include "train/BprTrainer.h"
#include "train/ImplicitAls.h"
#include "train/ImplicitTrainer.h"
#include "train/ToReadRows.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <memory>
#include <string>

namespace shelfscope {

enum class SplitKind {
    Notebook, ///< scikit-learn's train_test_split of the raw rows (load with duplicates kept)
    Random,   ///< Shelfscope's seeded holdout
    PerUser,  ///< a few ratings of every reader held out, for ranking metrics
};

const char* splitKindName(SplitKind kind);

/// What a model learns: the stars a reader would give, or which books they will pick up.
enum class TrainObjective {
    Ratings, ///< squared error on the ratings (train)
    Ranking, ///< Bayesian personalised ranking of rated over unrated books (bpr)
    /// Implicit ALS: which books a reader picks up, from ratings (and to-read lists) as signals
    ImplicitAls,
    /// Squared error on the ratings with the books a reader rated and wants to read as implicit
    /// feedback (SVD++, train/ImplicitTrainer.h); the model file holds a biased dot model.
    ImplicitRatings,
};

/// The model file's note for an objective: "ratings", "ranking", "implicit-als",
/// "implicit-ratings".
const char* trainObjectiveName(TrainObjective objective);

/// Everything that defines a training run on a loaded rating table.
struct ExperimentConfig {
    ModelConfig model;
    TrainConfig train;
    TrainObjective objective = TrainObjective::Ratings;
    BprConfig bpr;         ///< the Ranking objective's settings (train's optimiser is not used)
    ImplicitAlsConfig als; ///< the ImplicitAls objective's settings
    /// The ImplicitRatings objective's settings (train's optimiser is not used; its clipping
    /// and scale are).
    ImplicitConfig implicit;
    /// Recommendations add this times log(1 + popularity) to a book's score (0: none). Recorded
    /// in the model file; see docs/BENCHMARKS.md for how ranking-dot's was chosen.
    float popularityBlend = 0.0f;
    SplitKind split = SplitKind::Notebook;
    double testFraction = 0.2;
    std::uint64_t splitSeed = 42;
    std::int32_t holdoutPerUser = 5; ///< PerUser: ratings held out of each reader with 2x as many
    std::uint64_t initSeed = 42;     ///< weight initialisation
    /// Whether the rating table must be loaded with duplicate rows kept (the notebook's view).
    bool keepDuplicates = true;
    TrainingDataConfig data;
    BiasBaselineConfig biasBaseline;
};

/// Throws std::invalid_argument naming the first setting outside its command-line option's
/// range (config/OptionTable.h), then what validateModelConfig and validateTrainConfig refuse.
void validateExperimentConfig(const ExperimentConfig& config);

struct ExperimentResult {
    std::unique_ptr<Model> model;
    TrainResult training;
    ErrorMetrics globalMeanBaseline;
    ErrorMetrics biasBaseline;
    std::size_t trainRows = 0;
    std::size_t validationRows = 0;
    std::size_t testRows = 0;
    std::int64_t duplicateTrainRowsDropped = 0;
};

/// Splits, builds the training rows, fits the baselines, initialises a model and trains it.
/// `toRead` is the data set's to-read list as rows of this run (experimentToRead): implicit ALS
/// reads it as signals when its to-read weight is above 0, implicit-feedback MF as books
/// standing for a reader when its implicit books include them; every other objective, and
/// either of these set not to, ignores it. Without it no to-read entry counts.
ExperimentResult runExperiment(const RatingTable& table, const ExperimentConfig& config,
                               const TrainCallbacks& callbacks = {},
                               const std::atomic<bool>& cancel = neverCancelled(),
                               const ReaderBookRows& toRead = {});

/// The epochs the experiment's trainer is set to run (its objective's own setting).
int plannedEpochs(const ExperimentConfig& config);

/// Whether the experiment's objective reads the to-read list: implicit ALS with a to-read
/// weight above 0, implicit-feedback MF with to-read books among a reader's implicit books.
bool experimentReadsToRead(const ExperimentConfig& config);

/// The data set's to-read entries as rows of a run of this experiment on `table` (toReadRows),
/// when its objective reads them; otherwise none.
ReaderBookRows experimentToRead(const Dataset& dataset, const RatingTable& table,
                                const ExperimentConfig& config);

/// What a model file should record about a finished experiment on this data set.
ModelMetadata describeModel(const Dataset& dataset, const ExperimentConfig& config,
                            const ExperimentResult& result, const std::string& presetName);

/// The rating table an experiment on this data set reads: the notebook presets split the raw
/// file, repeated pairs included, so it is reread that way when the data set came from a folder
/// and its loader dropped some (a data set made in memory has no repeats to keep).
RatingTable experimentRatings(const Dataset& dataset, const ExperimentConfig& config);

/// The same table without copying the data set's own (300 MB at 25M ratings): a reference to
/// dataset.ratings, or to `reread` after reading the file into it.
const RatingTable& experimentRatings(const Dataset& dataset, const ExperimentConfig& config,
                                     RatingTable& reread);

/// The split an experiment uses on this table.
RowSplit experimentSplit(const RatingTable& table, const ExperimentConfig& config);

/// How a model trained by this experiment predicts its test rows (the split is made again, so
/// the rows are exactly the ones the run was measured on).
PredictionQuality assessTestPredictions(const RatingTable& table, const ExperimentConfig& config,
                                        const Model& model,
                                        const PredictionQualityConfig& quality = {});

/// The experiment settings a model file records (split, duplicates, indexing, clipping), over
/// the defaults for its model; what the file does not record keeps the notebook's choice.
ExperimentConfig experimentOf(const ModelMetadata& metadata);

/// Whether the experiment's model predicts ratings, so rating errors judge it and its scores
/// are stars: trained on squared error with embeddings (tuned-implicit's implicit-ratings
/// included). Ranking models (BPR, implicit ALS, EASE, item-kNN) only order books.
bool predictsRatings(const ExperimentConfig& config);
/// The same for a model file (one without an objective note predates ranking models).
bool predictsRatings(const ModelMetadata& metadata);

} // namespace shelfscope
