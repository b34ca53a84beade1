#include "demo/DemoGenerator.h"
#include "train/BprTrainer.h"
#include "train/Experiment.h"
#include "train/Presets.h"
#include "train/SettleAhead.h"
#include "train/TrainingData.h"
#include "util/Random.h"

#include <QTest>
#include <algorithm>
#include <map>
#include <numeric>
#include <span>

using namespace shelfscope;

namespace {

const Dataset& demoLibrary() {
    static const Dataset dataset = [] {
        DemoConfig config;
        config.users = 800;
        config.books = 300;
        config.ratings = 64000;
        config.genres = 6;
        config.seed = 21;
        return generateDemoLibrary(config).dataset;
    }();
    return dataset;
}

ExperimentConfig demoExperiment() {
    ExperimentConfig config;
    config.split = SplitKind::Random;
    config.keepDuplicates = false;
    config.model.kind = ModelKind::Dot;
    config.model.dim = 8;
    config.model.biases = true;
    config.model.embeddingInitScale = 0.05f;
    config.train.epochs = 12;
    config.train.batchSize = 64;
    config.train.l2 = 0.05f;
    config.train.adam.learningRate = 0.005f;
    return config;
}

bool sameWeights(const Model& a, const Model& b) {
    for (std::size_t p = 0; p < a.parameters().size(); ++p)
        if (a.parameters()[p].values != b.parameters()[p].values)
            return false;
    return true;
}

/// Random ratings among a few users and books, so rows recur within and across batches.
TrainingData randomRatings(std::size_t trainRows, std::uint64_t seed) {
    TrainingData data;
    data.userRows = 40;
    data.bookRows = 25;
    Random random(seed);
    const auto fill = [&](RatingRows& rows, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            rows.users.push_back(static_cast<std::int32_t>(random.below(40)));
            rows.books.push_back(static_cast<std::int32_t>(random.below(25)));
            rows.ratings.push_back(static_cast<float>(1 + random.below(5)));
        }
    };
    fill(data.train, trainRows);
    fill(data.test, 200);
    return data;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void learnsThePlantedStructure_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("dot") << 0;
        QTest::newRow("neural") << 1;
    }

    void learnsThePlantedStructure() {
        QFETCH(int, kind);
        ExperimentConfig config = demoExperiment();
        if (kind == 1) {
            config.model.kind = ModelKind::Neural;
            config.model.hidden = {32, 16};
            config.train.l2 = 0.0f;
            config.train.adam.learningRate = 0.005f;
        }
        const ExperimentResult result = runExperiment(demoLibrary().ratings, config);
        QCOMPARE(result.training.outcome, TrainOutcome::Finished);
        QCOMPARE(result.training.epochs.size(), std::size_t{12});
        const double rmse = result.training.test.rmse;
        // Readers' genre tastes are invisible to the bias baseline; a model that learns them
        // must beat it clearly.
        QVERIFY2(rmse < result.biasBaseline.rmse - 0.03,
                 qPrintable(QStringLiteral("model %1, bias baseline %2")
                                .arg(rmse)
                                .arg(result.biasBaseline.rmse)));
        QVERIFY(result.biasBaseline.rmse < result.globalMeanBaseline.rmse);
        QVERIFY(result.training.epochs.back().trainLoss < result.training.epochs.front().trainLoss);
    }

    void assessesTheRunsOwnTestRows() {
        ExperimentConfig config = demoExperiment();
        config.train.epochs = 3;
        config.testFraction = 0.25;
        config.splitSeed = 9;
        const ExperimentResult result = runExperiment(demoLibrary().ratings, config);
        const PredictionQuality q =
            assessTestPredictions(demoLibrary().ratings, config, *result.model);
        std::int64_t grouped = 0;
        double squaredError = 0.0;
        for (const RatingGroupQuality& g : q.byRating)
            grouped += g.count;
        std::int64_t binned = 0;
        for (const ResidualBin& bin : q.residuals)
            binned += bin.count;
        QCOMPARE(grouped, static_cast<std::int64_t>(result.testRows));
        QCOMPARE(binned, static_cast<std::int64_t>(result.testRows));
        QCOMPARE(q.samples.size(), std::size_t{10});
        for (const PredictionSample& sample : q.samples) {
            QCOMPARE(sample.prediction, result.model->predict(sample.userRow, sample.bookRow));
            squaredError += (sample.prediction - sample.truth) * (sample.prediction - sample.truth);
        }
        QVERIFY(squaredError > 0.0);
        QCOMPARE(q.errors.count, static_cast<std::int64_t>(result.testRows));
        QVERIFY(std::abs(q.errors.mse - result.training.test.mse) < 1e-9);
        // Higher true ratings get higher predictions on average: the model learned something.
        QVERIFY(q.byRating.front().meanPrediction < q.byRating.back().meanPrediction);

        // A model file records the split, so a loaded model is assessed on the same rows.
        const ModelMetadata metadata = describeModel(demoLibrary(), config, result, "custom");
        const ExperimentConfig reread = experimentOf(metadata);
        QCOMPARE(reread.split, SplitKind::Random);
        QCOMPARE(reread.testFraction, 0.25);
        QCOMPARE(reread.splitSeed, std::uint64_t{9});
        QCOMPARE(reread.keepDuplicates, false);
        const PredictionQuality again =
            assessTestPredictions(demoLibrary().ratings, reread, *result.model);
        QCOMPARE(again.meanResidual, q.meanResidual);
    }

    void experimentRatingsCopiesNothing_data() {
        QTest::addColumn<QString>("folder"); // empty: the demo library, made in memory
        QTest::addColumn<bool>("loadedWithRepeats");
        QTest::addColumn<bool>("keepDuplicates");
        QTest::addColumn<bool>("rereads");
        const QString noRepeats = QStringLiteral("tiny");
        const QString oneRepeat = QStringLiteral("kaggle_crlf_bom"); // a pair rated twice
        QTest::newRow("in memory, duplicates kept") << QString() << false << true << false;
        QTest::newRow("folder, duplicates dropped") << noRepeats << false << false << false;
        QTest::newRow("folder with repeats, duplicates dropped")
            << oneRepeat << false << false << false;
        // The loader dropped none, so the table is already the file row for row.
        QTest::newRow("folder without repeats, duplicates kept")
            << noRepeats << false << true << false;
        QTest::newRow("folder with repeats, duplicates kept") << oneRepeat << false << true << true;
        QTest::newRow("folder with repeats loaded with them, duplicates kept")
            << oneRepeat << true << true << false;
    }

    // The table a run reads is the data set's own (no copy) unless the file must be reread with
    // the repeated pairs its loader dropped; then it is the reread one, held by the caller.
    void experimentRatingsCopiesNothing() {
        QFETCH(QString, folder);
        QFETCH(bool, loadedWithRepeats);
        QFETCH(bool, keepDuplicates);
        QFETCH(bool, rereads);
        DatasetLoadConfig load;
        load.folder = (QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/") + folder).toStdString();
        load.keepDuplicates = loadedWithRepeats;
        const Dataset dataset = folder.isEmpty() ? demoLibrary() : loadDataset(load).dataset;
        ExperimentConfig config = demoExperiment();
        config.keepDuplicates = keepDuplicates;
        RatingTable reread;
        const RatingTable& table = experimentRatings(dataset, config, reread);
        QCOMPARE(&table == &reread, rereads);
        QCOMPARE(&table == &dataset.ratings, !rereads);
        QCOMPARE(reread.size() > dataset.ratings.size(), rereads); // the repeats came back
        QCOMPARE(table.size(), experimentRatings(dataset, config).size());
        if (!folder.isEmpty() && keepDuplicates) { // the file as it is, either way
            load.keepDuplicates = true;
            const RatingTable file = loadDataset(load).dataset.ratings;
            QCOMPARE(table.userIndex, file.userIndex);
            QCOMPARE(table.bookIndex, file.bookIndex);
            QCOMPARE(table.rating, file.rating);
        }
    }

    // Of each (reader, book) pair among the training rows, the last row is kept, in row order;
    // a pair's rows outside the training rows do not count.
    void droppingRepeatedPairsKeepsTheLastRow() {
        RatingTable table;
        Random random(17);
        for (int i = 0; i < 5000; ++i) {
            table.userIndex.push_back(static_cast<std::int32_t>(random.below(30)));
            table.bookIndex.push_back(static_cast<std::int32_t>(random.below(20)));
            table.rating.push_back(static_cast<float>(1 + random.below(5)));
        }
        std::vector<std::int32_t> ids(30);
        std::iota(ids.begin(), ids.end(), 1);
        table.users = IdIndex::fromRawIds(ids);
        table.books = IdIndex::fromRawIds(std::span(ids).first(20));
        const RowSplit split = randomHoldout(table.size(), {0.3, 5});
        std::map<std::pair<std::int32_t, std::int32_t>, std::int32_t> lastRow;
        for (const std::int32_t r : split.trainRows)
            lastRow[{table.userIndex[std::size_t(r)], table.bookIndex[std::size_t(r)]}] = std::max(
                r, lastRow[{table.userIndex[std::size_t(r)], table.bookIndex[std::size_t(r)]}]);
        std::vector<std::int32_t> expected;
        for (const auto& [pair, row] : lastRow)
            expected.push_back(row);
        std::sort(expected.begin(), expected.end());
        TrainingDataConfig config;
        config.dropDuplicateTrainPairs = true;
        const TrainingData data = prepareTrainingData(table, split, config);
        QCOMPARE(data.train.size(), expected.size());
        QCOMPARE(data.duplicateTrainRowsDropped,
                 static_cast<std::int64_t>(split.trainRows.size() - expected.size()));
        QCOMPARE(data.test.size(), split.testRows.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto r = static_cast<std::size_t>(expected[i]);
            QCOMPARE(data.train.users[i], table.userIndex[r]);
            QCOMPARE(data.train.books[i], table.bookIndex[r]);
            QCOMPARE(data.train.ratings[i], table.rating[r]);
        }
    }

    void oneThreadIsBitIdentical() {
        const ExperimentResult a = runExperiment(demoLibrary().ratings, demoExperiment());
        const ExperimentResult b = runExperiment(demoLibrary().ratings, demoExperiment());
        QVERIFY(sameWeights(*a.model, *b.model));
        QCOMPARE(a.training.test.mse, b.training.test.mse);
        ExperimentConfig twoThreads = demoExperiment();
        twoThreads.train.threads = 2;
        const ExperimentResult c = runExperiment(demoLibrary().ratings, twoThreads);
        QVERIFY(std::fabs(c.training.test.mse - a.training.test.mse) <= 1e-3);
        ExperimentConfig otherSeed = demoExperiment();
        otherSeed.train.shuffleSeed = 43;
        QVERIFY(!sameWeights(*a.model, *runExperiment(demoLibrary().ratings, otherSeed).model));
    }

    void settlingAheadIsBitIdentical_data() {
        QTest::addColumn<ModelKind>("kind");
        QTest::addColumn<bool>("biases");
        QTest::addColumn<int>("batchSize");
        QTest::newRow("dot, batch 32") << ModelKind::Dot << false << 32;
        QTest::newRow("dot with biases, batch 7") << ModelKind::Dot << true << 7;
        QTest::newRow("dot, batch 1") << ModelKind::Dot << false << 1;
        QTest::newRow("neural, batch 32") << ModelKind::Neural << false << 32;
        QTest::newRow("neural with biases, batch 5") << ModelKind::Neural << true << 5;
        // Epochs of one chunk (kChunk = 16 batches or fewer), one after another: the second
        // thread once slept through the next epoch's start there, and training hung.
        QTest::newRow("dot, one batch an epoch") << ModelKind::Dot << false << 3000;
        QTest::newRow("dot, 16 batches an epoch") << ModelKind::Dot << false << 188;
        QTest::newRow("neural with biases, 10 batches an epoch")
            << ModelKind::Neural << true << 300;
    }

    void settlingAheadIsBitIdentical() {
        // Steps this small are not split; the second thread settles coming rows instead, by the
        // same arithmetic, so the result must not change in a single bit.
        QFETCH(ModelKind, kind);
        QFETCH(bool, biases);
        QFETCH(int, batchSize);
        const TrainingData data = randomRatings(3000, 8);
        ModelConfig modelConfig;
        modelConfig.kind = kind;
        modelConfig.biases = biases;
        modelConfig.hidden = {8};
        TrainConfig config;
        config.epochs = 3;
        config.batchSize = batchSize;
        config.adam.learningRate = 0.01f;
        auto one = createModel(modelConfig, data.userRows, data.bookRows, 3);
        auto two = one->clone();
        const auto initial = one->clone();
        const TrainResult a = trainModel(*one, data, config);
        config.threads = 2;
        const TrainResult b = trainModel(*two, data, config);
        QVERIFY(!sameWeights(*one, *initial));
        QVERIFY(sameWeights(*one, *two));
        QCOMPARE(b.test.mse, a.test.mse);
    }

    void cancelWaitsForRowsSettledAhead_data() {
        QTest::addColumn<bool>("fused");
        QTest::newRow("fused dot path") << true;
        QTest::newRow("generic path") << false;
    }

    void cancelWaitsForRowsSettledAhead() {
        // Cancelled at the first check (64 batches), the run still owes the batches whose rows
        // the helper has settled; with exactly that many batches in the epoch it must end with
        // the very weights of an uncancelled one-thread epoch.
        QFETCH(bool, fused);
        const std::int64_t batches = 64 + SettleAhead::kChunk;
        const TrainingData data = randomRatings(static_cast<std::size_t>(batches) * 4, 9);
        TrainConfig config;
        config.epochs = 1;
        config.batchSize = 4;
        TrainEngine engine;
        engine.allowFused = fused;
        auto one = createModel(ModelConfig{}, data.userRows, data.bookRows, 3);
        auto two = one->clone();
        const TrainResult full = trainModel(*one, data, config, {}, neverCancelled(), engine);
        QCOMPARE(full.outcome, TrainOutcome::Finished);
        config.threads = 2;
        const std::atomic<bool> cancel{true};
        const TrainResult cancelled = trainModel(*two, data, config, {}, cancel, engine);
        QCOMPARE(cancelled.outcome, TrainOutcome::Cancelled);
        QCOMPARE(QString::fromStdString(cancelled.message),
                 QStringLiteral("stopped in epoch 1 at batch %1 of %1").arg(batches));
        QVERIFY(sameWeights(*one, *two));
    }

    void twoThreadsStayWithinRounding() {
        // The tuned-nn architecture (biases, dot term, kernel penalty) on the demo library.
        ExperimentConfig config = demoExperiment();
        config.model.kind = ModelKind::Neural;
        config.model.dim = 16;
        config.model.hidden = {128, 32}; // large enough a step for the trainer to split it
        config.model.biases = true;
        config.model.dotTerm = true;
        config.model.kernelL2 = 0.1f;
        config.train.batchSize = 256;
        config.train.l2 = 0.05f;
        config.train.adam.learningRate = 0.002f;
        config.train.epochs = 5;
        const ExperimentResult one = runExperiment(demoLibrary().ratings, config);
        config.train.threads = 2;
        const ExperimentResult two = runExperiment(demoLibrary().ratings, config);
        const ExperimentResult again = runExperiment(demoLibrary().ratings, config);
        // Split batches sum their gradients in another order: not bit-identical to one thread,
        // but the same to within rounding, and repeatable for a given thread count.
        QVERIFY(!sameWeights(*one.model, *two.model));
        QVERIFY2(
            std::fabs(two.training.test.mse - one.training.test.mse) <= 1e-3,
            qPrintable(
                QStringLiteral("%1 vs %2").arg(two.training.test.mse).arg(one.training.test.mse)));
        QVERIFY(sameWeights(*two.model, *again.model));
    }

    void reportsProgressAndEpochs() {
        ExperimentConfig config = demoExperiment();
        config.train.epochs = 3;
        config.train.batchSize = 8;
        std::vector<TrainProgress> progress;
        std::vector<EpochReport> epochs;
        TrainCallbacks callbacks;
        callbacks.progress = [&](const TrainProgress& p) { progress.push_back(p); };
        callbacks.epochFinished = [&](const EpochReport& e) { epochs.push_back(e); };
        const ExperimentResult result = runExperiment(demoLibrary().ratings, config, callbacks);
        QCOMPARE(epochs.size(), std::size_t{3});
        QCOMPARE(epochs[2].epoch, 3);
        QCOMPARE(epochs[2].test.mse, result.training.epochs[2].test.mse);
        QVERIFY(!progress.empty());
        // Every epoch ends with a report of its last batch.
        QCOMPARE(progress.back().epoch, 3);
        QCOMPARE(progress.back().batch, progress.back().batches);
        QCOMPARE(progress.back().batches, std::int64_t{(51200 + 7) / 8});
        QVERIFY(progress.back().ratingsPerSecond > 0);
        // The recent losses of an epoch's reports, weighted by their batches, make its mean.
        double weighted = 0.0;
        std::int64_t previousBatch = 0;
        for (const TrainProgress& p : progress) {
            if (p.epoch != 3)
                continue;
            weighted += p.recentLoss * static_cast<double>(p.batch - previousBatch);
            previousBatch = p.batch;
        }
        QVERIFY(progress.size() >= 2);
        const double epochMean = weighted / static_cast<double>(previousBatch);
        QVERIFY(std::abs(epochMean - progress.back().runningLoss) < 1e-9 * epochMean);
        QVERIFY(std::abs(progress.back().runningLoss - epochs[2].trainLoss) < 1e-9);
    }

    void epochModelSeesEachEpochsWeights_data() {
        QTest::addColumn<bool>("fused");
        QTest::addColumn<bool>("ranking");
        QTest::newRow("fused dot path") << true << false;
        QTest::newRow("generic path") << false << false;
        QTest::newRow("ranking (BPR)") << false << true;
    }

    void epochModelSeesEachEpochsWeights() {
        // The live map reads the book embeddings at each epoch end: they must be the weights
        // the epoch left, also on the fused path, which keeps its own copy during the epoch.
        QFETCH(bool, fused);
        QFETCH(bool, ranking);
        const TrainingData data = randomRatings(2000, 5);
        ModelConfig architecture;
        architecture.biases = ranking; // BPR trains a dot model with biases
        auto model = createModel(architecture, data.userRows, data.bookRows, 3);
        auto reference = model->clone();
        std::vector<Matrix> seen;
        TrainCallbacks callbacks;
        callbacks.epochModel = [&](int epoch, const Model& m) {
            QCOMPARE(epoch, static_cast<int>(seen.size()) + 1);
            seen.push_back(m.bookEmbeddings());
        };
        if (ranking) {
            BprConfig config;
            config.epochs = 3;
            trainBpr(*model, data, config, callbacks);
        } else {
            TrainConfig config;
            config.epochs = 3;
            TrainEngine engine;
            engine.allowFused = fused;
            trainModel(*model, data, config, callbacks, neverCancelled(), engine);
        }
        QCOMPARE(seen.size(), std::size_t{3});
        QVERIFY(seen[0] != reference->bookEmbeddings()); // the first epoch moved them
        QVERIFY(seen[0] != seen[1]);
        QVERIFY(seen[2] == model->bookEmbeddings()); // the last epoch's are the final weights
    }

    void cancelKeepsTheWeightsReached() {
        // Set before the start: noticed at the first check, 64 batches in.
        std::atomic<bool> cancel{true};
        ExperimentConfig config = demoExperiment();
        config.train.batchSize = 4;
        const ExperimentResult early = runExperiment(demoLibrary().ratings, config, {}, cancel);
        QCOMPARE(early.training.outcome, TrainOutcome::Cancelled);
        QVERIFY(early.training.epochs.empty());
        QCOMPARE(QString::fromStdString(early.training.message),
                 QStringLiteral("stopped in epoch 1 at batch 64 of 12800"));
        QVERIFY(std::isfinite(early.training.test.rmse));

        // Set when epoch 1 ends: epoch 2 stops, epoch 1's report stays.
        cancel = false;
        TrainCallbacks callbacks;
        callbacks.epochFinished = [&](const EpochReport&) { cancel = true; };
        const ExperimentResult later =
            runExperiment(demoLibrary().ratings, config, callbacks, cancel);
        QCOMPARE(later.training.outcome, TrainOutcome::Cancelled);
        QCOMPARE(later.training.epochs.size(), std::size_t{1});
        QVERIFY(QString::fromStdString(later.training.message)
                    .startsWith(QStringLiteral("stopped in epoch 2")));
    }

    void divergenceKeepsTheLastGoodWeights() {
        ExperimentConfig config = demoExperiment();
        config.train.optimizer = OptimizerKind::Sgd;
        config.train.sgdLearningRate = 50.0f;
        const ExperimentResult result = runExperiment(demoLibrary().ratings, config);
        QCOMPARE(result.training.outcome, TrainOutcome::Diverged);
        QVERIFY(QString::fromStdString(result.training.message)
                    .contains(QStringLiteral("Try a lower learning rate")));
        for (const Parameter& p : result.model->parameters())
            QVERIFY(p.values.allFinite());
        QVERIFY(std::isfinite(result.training.test.rmse));
    }

    void earlyStoppingRestoresTheBestEpoch() {
        ExperimentConfig config = demoExperiment();
        config.data.validationFraction = 0.1;
        config.train.earlyStopPatience = 2;
        config.train.epochs = 60;
        config.train.l2 = 0.0f;
        config.model.dim = 32;
        config.train.adam.learningRate = 0.02f; // overfits quickly
        const ExperimentResult result = runExperiment(demoLibrary().ratings, config);
        QCOMPARE(result.training.outcome, TrainOutcome::EarlyStopped);
        const auto& epochs = result.training.epochs;
        QVERIFY(epochs.size() < 60);
        double best = 1e9;
        int bestEpoch = 0;
        for (const EpochReport& e : epochs)
            if (e.validation->rmse < best) {
                best = e.validation->rmse;
                bestEpoch = e.epoch;
            }
        QCOMPARE(result.training.bestEpoch, bestEpoch);
        QCOMPARE(static_cast<int>(epochs.size()), bestEpoch + 2);
        QCOMPARE(result.training.test.mse,
                 epochs[static_cast<std::size_t>(bestEpoch - 1)].test.mse);
        QVERIFY(result.validationRows > 0);
    }

    void invalidSettingsAreRefused_data() {
        QTest::addColumn<int>("epochs");
        QTest::addColumn<int>("batch");
        QTest::addColumn<float>("l2");
        QTest::newRow("no epochs") << 0 << 32 << 0.0f;
        QTest::newRow("no batch") << 5 << 0 << 0.0f;
        QTest::newRow("negative l2") << 5 << 32 << -1.0f;
    }

    void invalidSettingsAreRefused() {
        QFETCH(int, epochs);
        QFETCH(int, batch);
        QFETCH(float, l2);
        ExperimentConfig config = demoExperiment();
        config.train.epochs = epochs;
        config.train.batchSize = batch;
        config.train.l2 = l2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 runExperiment(demoLibrary().ratings, config));
    }

    void presetsAreComplete() {
        QStringList names;
        for (const Preset& preset : presets())
            names << QString::fromStdString(preset.name);
        QCOMPARE(names, (QStringList{QStringLiteral("notebook-dot"), QStringLiteral("notebook-nn"),
                                     QStringLiteral("tuned-dot"), QStringLiteral("tuned-nn"),
                                     QStringLiteral("ranking-dot"), QStringLiteral("ease"),
                                     QStringLiteral("item-knn"), QStringLiteral("ials"),
                                     QStringLiteral("tuned-implicit")}));
        QCOMPARE(findPreset("ranking-dot")->config.objective, TrainObjective::Ranking);
        QCOMPARE(findPreset("ease")->config.model.kind, ModelKind::Ease);
        QCOMPARE(findPreset("item-knn")->config.model.kind, ModelKind::ItemKnn);
        QCOMPARE(findPreset("ials")->config.objective, TrainObjective::ImplicitAls);
        QCOMPARE(findPreset("tuned-implicit")->config.objective, TrainObjective::ImplicitRatings);
        const Preset* notebook = findPreset("notebook-dot");
        QCOMPARE(notebook->config.model.dim, 5);
        QCOMPARE(notebook->config.train.batchSize, 32);
        QCOMPARE(notebook->config.train.epochs, 5);
        QVERIFY(notebook->config.keepDuplicates);
        QCOMPARE(notebook->config.data.indexing, RowIndexing::RawIds);
        QVERIFY(findPreset("nope") == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
