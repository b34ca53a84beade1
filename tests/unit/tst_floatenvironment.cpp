// Flush-to-zero and denormals-are-zero must be set in every thread that computes: Intel cores
// run denormal arithmetic many times slower (docs/BENCHMARKS.md). This test's own thread starts
// without them, so each check below fails if the call it watches is removed.
#include "demo/DemoGenerator.h"
#include "eval/Ranking.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"
#include "maps/Umap.h"
#include "recommend/Recommender.h"
#include "train/Experiment.h"
#include "train/SettleAhead.h"
#include "util/BlockRounds.h"
#include "util/ComputeThread.h"
#include "util/FloatEnvironment.h"
#include "util/StepPool.h"

#include <QTest>
#include <array>
#include <cfloat>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace shelfscope;

namespace {

/// Records, from any thread, whether the flags were set where it was called.
class Witness {
public:
    void note() {
        const bool flushed = denormalsFlushedInThisThread();
        const std::lock_guard lock(mutex_);
        ++calls_;
        unflushed_ += flushed ? 0 : 1;
        threads_.insert(std::this_thread::get_id());
    }
    int calls() const { return calls_; }
    int unflushed() const { return unflushed_; }
    std::size_t threads() const { return threads_.size(); }

private:
    std::mutex mutex_;
    int calls_ = 0;
    int unflushed_ = 0;
    std::set<std::thread::id> threads_;
};

/// Half the smallest normal float: a denormal, or zero when flush-to-zero is on.
float halfOfSmallestNormal() {
    volatile float smallest = FLT_MIN;
    return smallest * 0.5f;
}

/// A model that predicts as `inner` and tells the witness where each computation ran.
class WatchedModel final : public Model {
public:
    WatchedModel(const Model& inner, Witness& witness)
        : Model(inner.config()), inner_(inner.clone()), witness_(witness) {
        parameters_ = inner.parameters();
        globalOffset_ = inner.globalOffset();
    }
    ModelKind kind() const override { return inner_->kind(); }
    float predict(std::int32_t user, std::int32_t book) const override {
        witness_.note();
        return inner_->predict(user, book);
    }
    void predictBatch(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                      std::span<float> out) const override {
        witness_.note();
        inner_->predictBatch(users, books, out);
    }
    void scoreAllBooks(std::int32_t user, std::span<float> out) const override {
        witness_.note();
        inner_->scoreAllBooks(user, out);
    }
    std::unique_ptr<ModelWorkspace> createWorkspace() const override {
        return inner_->createWorkspace();
    }
    BatchLoss computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                               Gradients& gradients, ModelWorkspace& workspace) const override {
        witness_.note();
        return inner_->computeGradients(batch, rows, l2, gradients, workspace);
    }
    std::unique_ptr<Model> clone() const override { return inner_->clone(); }

private:
    std::unique_ptr<Model> inner_;
    Witness& witness_;
};

/// Settles nothing; notes the thread it was asked on.
class WatchedSettler final : public RowSettler {
public:
    explicit WatchedSettler(Witness& witness) : witness_(witness) {}
    void settleRows(ParameterAxis, std::span<const std::int32_t>, std::int64_t) override {
        witness_.note();
    }
    void prefetchRows(ParameterAxis, std::span<const std::int32_t>) const override {}

private:
    Witness& witness_;
};

const DemoLibrary& demoLibrary() {
    static const DemoLibrary library = [] {
        DemoConfig config;
        config.users = 400;
        config.books = 150;
        config.ratings = 12000;
        config.genres = 4;
        return generateDemoLibrary(config);
    }();
    return library;
}

ExperimentConfig smallExperiment(ModelKind kind, int threads) {
    ExperimentConfig config;
    config.split = SplitKind::Random;
    config.keepDuplicates = false;
    config.model.kind = kind;
    config.model.dim = 16;
    config.model.hidden = {128, 32}; // with batch 256, a step the trainer splits among threads
    config.train.epochs = 2;
    config.train.batchSize = kind == ModelKind::Neural ? 256 : 16;
    config.train.threads = threads;
    return config;
}

TrainCallbacks watchingCallbacks(Witness& witness) {
    TrainCallbacks callbacks;
    callbacks.progress = [&](const TrainProgress&) { witness.note(); };
    callbacks.epochFinished = [&](const EpochReport&) { witness.note(); };
    return callbacks;
}

} // namespace

class TestFloatEnvironment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // Were they set here already, no check below could tell a missing call.
        QVERIFY(!denormalsFlushedInThisThread());
        QVERIFY(halfOfSmallestNormal() > 0.0f);
    }

    void cleanup() {
        // Entry points restore the caller's modes when they return.
        QVERIFY(!denormalsFlushedInThisThread());
    }

    void theFlagsFlushDenormals() {
        float inside = -1.0f;
        bool flagged = false;
        std::thread([&] {
            flushDenormalsInThisThread();
            flagged = denormalsFlushedInThisThread();
            inside = halfOfSmallestNormal();
        }).join();
        QVERIFY(flagged);
        QCOMPARE(inside, 0.0f);
        QVERIFY(halfOfSmallestNormal() > 0.0f); // another thread's setting
        {
            const FlushDenormalsScope scope;
            QVERIFY(denormalsFlushedInThisThread());
            QCOMPARE(halfOfSmallestNormal(), 0.0f);
        }
        QVERIFY(halfOfSmallestNormal() > 0.0f);
    }

    void computeThreadsFlushWhoeverStartsThem() {
        Witness witness;
        startComputeThread([&] { witness.note(); }).join();
        QCOMPARE(witness.calls(), 1);
        QCOMPARE(witness.unflushed(), 0);
    }

    void stepPoolHelpersFlush() {
        // Made on this unflushed thread: the helpers must set the flags themselves. Job 0 runs
        // on the caller, which keeps its own modes.
        StepPool pool(4);
        std::array<int, 4> flagged{};
        for (int round = 0; round < 3; ++round)
            pool.run([&](int index) {
                flagged[static_cast<std::size_t>(index)] += denormalsFlushedInThisThread();
            });
        QCOMPARE(flagged[0], 0);
        for (std::size_t index = 1; index < flagged.size(); ++index)
            QCOMPARE(flagged[index], 3);
        // Run from inside an entry point, every index computes flushed.
        const FlushDenormalsScope scope;
        pool.run([&](int index) {
            flagged[static_cast<std::size_t>(index)] += denormalsFlushedInThisThread();
        });
        QCOMPARE(flagged[0], 1);
        for (std::size_t index = 1; index < flagged.size(); ++index)
            QCOMPARE(flagged[index], 4);
    }

    void blockRoundsHelpersFlush() {
        // UMAP's epochs run on BlockRounds: its helpers, made on this unflushed thread, must set
        // the flags themselves (block 0 may run on the caller, which keeps its own modes).
        std::mutex lock;
        std::set<std::thread::id> helpers;
        int unflushed = 0;
        BlockRounds rounds(3, 64, [&](std::int32_t, int worker) {
            std::this_thread::sleep_for(std::chrono::microseconds(200)); // let helpers join in
            if (worker == 0)
                return;
            const std::lock_guard<std::mutex> guard(lock);
            helpers.insert(std::this_thread::get_id());
            unflushed += denormalsFlushedInThisThread() ? 0 : 1;
        });
        for (int round = 0; round < 5; ++round)
            rounds.run();
        QVERIFY(!helpers.empty());
        QCOMPARE(unflushed, 0);
    }

    void umapComputesFlushed() {
        Matrix points(200, 4);
        Random random(6);
        for (Eigen::Index i = 0; i < points.size(); ++i)
            points.data()[i] = static_cast<float>(random.uniform(-1, 1));
        UmapConfig config;
        config.epochs = 30;
        Witness witness;
        runUmap(points, config, [&](const UmapSnapshot&) { witness.note(); });
        QVERIFY(witness.calls() > 0);
        QCOMPARE(witness.unflushed(), 0);
    }

    void settleAheadHelperFlushes() {
        Witness witness;
        WatchedSettler settler(witness);
        SettleAhead ahead(settler, 8, 8);
        const std::vector<std::int32_t> users{0, 1, 2, 3, 4, 5, 6, 7};
        const std::vector<std::int32_t> books{7, 6, 5, 4, 3, 2, 1, 0};
        ahead.beginEpoch(users, books, 2, 1);
        ahead.quiesce();
        QVERIFY(witness.calls() > 0);
        QCOMPARE(witness.unflushed(), 0);
    }

    void trainingComputesFlushed_data() {
        QTest::addColumn<ModelKind>("kind");
        QTest::addColumn<int>("threads");
        QTest::addColumn<bool>("direct");
        QTest::newRow("dot, runExperiment") << ModelKind::Dot << 1 << false;
        QTest::newRow("dot, 2 threads, runExperiment") << ModelKind::Dot << 2 << false;
        QTest::newRow("neural, 2 threads, runExperiment") << ModelKind::Neural << 2 << false;
        QTest::newRow("dot, trainModel") << ModelKind::Dot << 2 << true;
        QTest::newRow("neural, 2 threads, trainModel") << ModelKind::Neural << 2 << true;
    }

    void trainingComputesFlushed() {
        // Progress and epoch callbacks run on the training thread; a watched model's gradients
        // run wherever the trainer computes them (helpers included, for split steps).
        QFETCH(ModelKind, kind);
        QFETCH(int, threads);
        QFETCH(bool, direct);
        const ExperimentConfig config = smallExperiment(kind, threads);
        Witness witness;
        if (!direct) {
            const ExperimentResult result =
                runExperiment(demoLibrary().dataset.ratings, config, watchingCallbacks(witness));
            QCOMPARE(result.training.outcome, TrainOutcome::Finished);
        } else {
            const RatingTable& table = demoLibrary().dataset.ratings;
            const TrainingData data =
                prepareTrainingData(table, experimentSplit(table, config), config.data);
            const auto inner = createModel(config.model, data.userRows, data.bookRows, 1);
            WatchedModel model(*inner, witness);
            trainModel(model, data, config.train, watchingCallbacks(witness));
            if (kind == ModelKind::Neural)
                QVERIFY(witness.threads() >= 2); // the split steps' helper computed too
        }
        QVERIFY(witness.calls() >= 2);
        QCOMPARE(witness.unflushed(), 0);
    }

    void rankingTrainingComputesFlushed() {
        ExperimentConfig config = smallExperiment(ModelKind::Dot, 1);
        config.objective = TrainObjective::Ranking;
        config.model.biases = true;
        config.bpr.epochs = 2;
        Witness witness;
        runExperiment(demoLibrary().dataset.ratings, config, watchingCallbacks(witness));
        QVERIFY(witness.calls() >= 2);
        QCOMPARE(witness.unflushed(), 0);
    }

    void evaluationComputesFlushed() {
        const ExperimentConfig config = smallExperiment(ModelKind::Dot, 1);
        const RatingTable& table = demoLibrary().dataset.ratings;
        const TrainingData data =
            prepareTrainingData(table, experimentSplit(table, config), config.data);
        const auto inner = createModel(config.model, data.userRows, data.bookRows, 1);
        Witness witness;
        const WatchedModel model(*inner, witness);
        evaluateModel(model, data.test, false, {}, 3);
        QCOMPARE(witness.calls(), 3); // one part per thread
        QCOMPARE(witness.threads(), std::size_t{3});
        assessTestPredictions(table, config, model);
        QCOMPARE(witness.calls(), 4);
        QCOMPARE(witness.unflushed(), 0);
    }

    void recommendationsComputeFlushed() {
        const DemoLibrary& library = demoLibrary();
        ExperimentConfig config = smallExperiment(ModelKind::Dot, 1);
        config.train.epochs = 1;
        const ExperimentResult trained = runExperiment(library.dataset.ratings, config);
        const ModelMetadata metadata = describeModel(library.dataset, config, trained, "custom");
        Witness witness;
        const WatchedModel model(*trained.model, witness);
        const Recommender recommender(model, metadata, library.dataset);
        recommender.forReader(library.dataset.ratings.users.rawId(0));
        QCOMPARE(witness.calls(), 1);
        QCOMPARE(witness.unflushed(), 0);
    }

    void rankingEvaluationComputesFlushed() {
        RankingData data;
        data.bookRows = 6;
        for (std::int32_t reader = 0; reader < 40; ++reader) {
            data.readers.push_back(reader);
            data.exclude.add({});
            data.relevant.add({reader % 6});
            data.toRead.add({});
        }
        data.popularity.assign(6, 1);
        data.recommendable.assign(6, 1);
        Witness witness;
        const BlockScorer scorer = [&](std::span<const std::int32_t> readers, Matrix& out) {
            witness.note();
            out = Matrix::Zero(static_cast<Eigen::Index>(readers.size()), 6);
        };
        RankingConfig config;
        config.threads = 3;
        config.readersPerBlock = 1;
        evaluateRanking(data, scorer, config);
        QCOMPARE(witness.calls(), 40);
        QCOMPARE(witness.unflushed(), 0);
    }

    void pcaReadsDenormalsAsZero() {
        // PCA has no callback to look from; its arithmetic shows it: with denormals-are-zero,
        // rows of denormals are rows of zeros, whose variance explains nothing.
        Matrix rows(3, 2);
        rows << 1, 0, 0, 2, 3, 1;
        rows *= FLT_MIN / 8;
        const PcaResult pca = principalComponents(rows);
        QCOMPARE(pca.explainedVarianceRatio.front(), 0.0);
        QVERIFY(rows.cwiseAbs().maxCoeff() > 0.0f); // still denormal here
    }

    void mapsComputeFlushed() {
        Matrix points(120, 4);
        Random random(5);
        for (Eigen::Index i = 0; i < points.size(); ++i)
            points.data()[i] = static_cast<float>(random.uniform(-1, 1));
        TsneConfig config;
        config.perplexity = 10;
        config.iterations = 40;
        Witness witness;
        runTsne(points, config, [&](const TsneSnapshot&) { witness.note(); });
        QCOMPARE(witness.calls(), 4);
        QCOMPARE(witness.unflushed(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFloatEnvironment)
#include "tst_floatenvironment.moc"
