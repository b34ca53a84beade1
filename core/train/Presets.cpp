#include "train/Presets.h"

namespace shelfscope {

namespace {

/// The notebook exactly: d = 5, no biases, no L2, Adam 1e-3 applied densely (as Keras does),
/// batch 32, 5 epochs, scikit-learn's split of the raw file, tables sized max id + 1.
ExperimentConfig notebookConfig(ModelKind kind) {
    ExperimentConfig config;
    config.model.kind = kind;
    config.model.dim = 5;
    config.model.biases = false;
    config.model.hidden = {128, 32};
    config.train.epochs = 5;
    config.train.batchSize = 32;
    config.split = SplitKind::Notebook;
    config.keepDuplicates = true;
    config.data.indexing = RowIndexing::RawIds;
    // One thread, as every preset: a second (settling coming batches' rows, or sharing tuned-nn's
    // steps) was at best a little faster with the machine idle and 1.3x to 2.8x slower with one
    // core busy with another program, as a desktop's always is (threads_benchmark,
    // docs/BENCHMARKS.md). More threads remain a setting.
    config.train.threads = 1;
    return config;
}

std::vector<Preset> makePresets() {
    std::vector<Preset> list;
    list.push_back(
        {"notebook-dot",
         "The notebook's dot-product model: its split row for row, d=5, its initialisation ranges, "
         "dense Adam 1e-3 (idle rows in closed form: equal to dense Adam up to where epsilon "
         "sits), batch 32, 5 epochs",
         notebookConfig(ModelKind::Dot)});
    list.push_back({"notebook-nn",
                    "The notebook's neural model: its split row for row, d=5, Dense 128-32 relu, "
                    "its initialisation ranges, dense Adam 1e-3 (idle rows in closed form: equal "
                    "to dense Adam up to where epsilon sits), "
                    "batch 32, 5 epochs",
                    notebookConfig(ModelKind::Neural)});

    // Chosen by tests/bench/tune_presets.py on a validation slice of the training rows
    // (docs/TUNING.md): the best validation RMSE, 0.8154, came at epoch 7.
    ExperimentConfig dot = notebookConfig(ModelKind::Dot);
    dot.data.indexing = RowIndexing::Dense;
    dot.data.dropDuplicateTrainPairs = true;
    dot.model.dim = 128;
    dot.model.biases = true;
    dot.model.embeddingInitScale = 0.01f;
    dot.train.epochs = 7;
    dot.train.batchSize = 256;
    dot.train.l2 = 0.08f;
    dot.train.adam.learningRate = 5e-4f;
    dot.train.clipPredictions = true;
    list.push_back({"tuned-dot", "Biased matrix factorisation tuned on a validation slice", dot});

    // Neural matrix factorisation: biases and the embeddings' dot product, plus a small relu
    // network on the two embeddings that learns a correction. Chosen on a validation slice by
    // tests/bench/tune_presets.py (docs/TUNING.md): best validation RMSE 0.8181 at epoch 26.
    ExperimentConfig nn = notebookConfig(ModelKind::Neural);
    nn.data.indexing = RowIndexing::Dense;
    nn.data.dropDuplicateTrainPairs = true;
    nn.model.dim = 128;
    nn.model.biases = true;
    nn.model.dotTerm = true;
    nn.model.hidden = {64, 16};
    nn.model.kernelL2 = 0.1f;
    nn.model.embeddingInitScale = 0.01f;
    nn.train.epochs = 26;
    nn.train.batchSize = 256;
    nn.train.l2 = 0.08f;
    nn.train.adam.learningRate = 5e-4f;
    nn.train.clipPredictions = true;
    list.push_back(
        {"tuned-nn",
         "Neural matrix factorisation (dot product + relu correction) tuned on a validation slice",
         nn});
    // Ranking rather than ratings: BPR on a biased dot model, for the reading lists readers
    // see; the default for recommendations. BPR's settings are literature defaults (Rendle et
    // al.), not tuned. goodbooks-10k caps each book at about 100 ratings, so nothing in the
    // ratings says how widely read a book is: recommendations add 2 x log(1 + ratings_count)
    // from books.csv, the weight chosen by tests/bench/ranking_benchmark.cpp on one half of the
    // readers (most to-read hits while NDCG@10 stays at least twice popularity's) and reported
    // on the other half (docs/BENCHMARKS.md).
    ExperimentConfig ranking = dot;
    ranking.objective = TrainObjective::Ranking;
    ranking.model.dim = 64;
    ranking.model.embeddingInitScale = 0.1f;
    ranking.bpr.epochs = 30;
    ranking.bpr.learningRate = 0.05f;
    ranking.bpr.l2 = 0.001f;
    ranking.popularityBlend = 2.0f;
    list.push_back({"ranking-dot",
                    "Which books a reader will pick up: BPR ranking on a biased dot model",
                    ranking});

    // Item-item models on the notebook's split, its training rows read as read / not read.
    // They rank books (no stars) and have no embeddings. Lambda, neighbours and shrink were
    // chosen on a validation slice of the training rows by tests/bench/item_item_tuning.cpp
    // (docs/TUNING.md): lambda 50 (validation NDCG@10 0.1785; 0.1731 at 300), 7 neighbours
    // with shrink 1 (0.1708, tied with shrink 0 and 2; 0.1691 with 5 neighbours, 0.1683 with 10,
    // 0.1623 with 50).
    ExperimentConfig itemItem = notebookConfig(ModelKind::Ease);
    itemItem.data.indexing = RowIndexing::Dense;
    itemItem.data.dropDuplicateTrainPairs = true;
    itemItem.objective = TrainObjective::Ranking;
    itemItem.model.easeLambda = 50.0f;
    list.push_back({"ease",
                    "EASE (Steck 2019): closed-form item-item weights from the books readers read "
                    "together; ranks books, no embeddings",
                    itemItem});
    ExperimentConfig knn = itemItem;
    knn.model.kind = ModelKind::ItemKnn;
    knn.model.knnNeighbours = 7;
    knn.model.knnShrink = 1.0f;
    list.push_back({"item-knn",
                    "Item-kNN: each book's most similar books by cosine with shrinkage over who "
                    "read them; ranks books, no embeddings",
                    knn});
    // Implicit ALS with conjugate gradient (Hu et al. 2008, Takacs et al. 2011): every rating,
    // whatever its stars, says the reader picked the book up (the ranking protocol counts every
    // held-out book as a hit), with confidence 1 + alpha. Alpha, lambda and the to-read weight
    // were chosen on a validation slice of the training rows by `ials_benchmark --tune`
    // (docs/TUNING.md); d = 64 and 15 iterations fit in the speed target (docs/BENCHMARKS.md).
    ExperimentConfig als = notebookConfig(ModelKind::Dot);
    als.objective = TrainObjective::ImplicitAls;
    als.data.indexing = RowIndexing::Dense;
    als.data.dropDuplicateTrainPairs = true;
    als.model.dim = 64;
    als.model.biases = false;
    als.model.embeddingInitScale = 0.01f;
    als.als.iterations = 15;
    als.als.regularization = 3.0f;
    als.als.confidence.alpha = 32.0f;
    als.als.confidence.minRating = 1.0f;
    als.als.confidence.toReadWeight = 0.0f;
    als.als.cgSteps = 3;
    als.als.threads = 2;
    list.push_back({"ials",
                    "Which books a reader will pick up: implicit ALS (conjugate gradient) on the "
                    "ratings as signals, optionally the to-read lists",
                    als});

    // Rating prediction with implicit feedback (SVD++, Koren 2008): a reader is their vector
    // plus the books they rated in the training rows and want to read (to_read.csv), never a
    // held-out book. tuned-dot's Adam epochs first (the warm start: SGD from a small random
    // start stalled at validation RMSE 0.819), then per-reader SGD epochs of the implicit model;
    // the result is folded into a biased dot model (the file holds p_u + |N(u)|^-1/2 sum y_j as
    // each reader's vector). Chosen on a validation slice of the training rows by
    // tests/bench/tune_presets.py (docs/TUNING.md): best validation RMSE 0.8092 at epoch 20
    // (3 + 17), tuned-dot's 0.8154.
    ExperimentConfig implicit = dot;
    implicit.objective = TrainObjective::ImplicitRatings;
    implicit.implicit.warmStartEpochs = 3;
    implicit.implicit.epochs = 17;
    implicit.implicit.learningRate = 0.02f;
    implicit.implicit.learningRateDecay = 0.9f;
    implicit.implicit.l2 = 0.08f;
    implicit.implicit.biasL2 = 0.02f;
    list.push_back({"tuned-implicit",
                    "Biased matrix factorisation with implicit feedback (SVD++: a reader is also "
                    "the books they rated and want to read), tuned on a validation slice",
                    implicit});
    return list;
}

} // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> list = makePresets();
    return list;
}

const Preset* findPreset(const std::string& name) {
    for (const Preset& preset : presets())
        if (preset.name == name)
            return &preset;
    return nullptr;
}

} // namespace shelfscope
