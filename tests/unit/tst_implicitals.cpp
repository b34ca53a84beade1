// Implicit ALS (train/ImplicitAls.h): the conjugate-gradient row solve against a direct solve
// of the same normal equations, the objective across iterations, the to-read observed, cancel
// and the epoch driver's reports, the thread count, the model file and fold-in, and the options.
#include "config/OptionTable.h"
#include "demo/DemoGenerator.h"
#include "model/ModelFile.h"
#include "recommend/Recommender.h"
#include "train/Experiment.h"
#include "train/ImplicitAls.h"
#include "train/Presets.h"
#include "train/TrainedRun.h"
#include "util/Random.h"

#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace shelfscope;

namespace {

/// Random factors and a reader's observed columns with weights, for one row solve.
struct RowProblem {
    Matrix other;
    std::vector<std::int32_t> cols;
    std::vector<float> weights;
};

RowProblem rowProblem(int dim, int items, int observed, std::uint64_t seed) {
    Random random(seed);
    RowProblem p;
    p.other.resize(items, dim);
    for (Eigen::Index i = 0; i < p.other.size(); ++i)
        p.other.data()[i] = static_cast<float>(random.uniform(-0.5, 0.5));
    for (int i = 0; i < items && static_cast<int>(p.cols.size()) < observed; i += 2) {
        p.cols.push_back(i);
        p.weights.push_back(static_cast<float>(random.uniform(0.5, 20.0)));
    }
    return p;
}

/// A small random interaction set: each reader picks a few books, more often the popular ones.
ImplicitSignals smallSignals(std::int32_t users, std::int32_t books, int perUser,
                             std::uint64_t seed) {
    Random random(seed);
    ImplicitSignals s;
    for (std::int32_t u = 0; u < users; ++u)
        for (int k = 0; k < perUser; ++k) {
            const double x = random.uniform();
            s.users.push_back(u);
            s.books.push_back(static_cast<std::int32_t>(x * x * books));
            s.weights.push_back(static_cast<float>(1 + random.below(4)));
        }
    return s;
}

std::unique_ptr<Model> freshDot(std::int32_t users, std::int32_t books, int dim) {
    ModelConfig config;
    config.kind = ModelKind::Dot;
    config.dim = dim;
    config.biases = false;
    config.embeddingInitScale = 0.1f;
    return createModel(config, users, books, 5);
}

bool sameBits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0;
}

ImplicitAlsConfig smallConfig() {
    ImplicitAlsConfig config;
    config.iterations = 6;
    config.regularization = 0.5f;
    config.cgSteps = 3;
    config.threads = 1;
    return config;
}

const Dataset& demoLibrary() {
    static const Dataset dataset = [] {
        DemoConfig demo;
        demo.users = 400;
        demo.books = 150;
        demo.ratings = 8000;
        demo.seed = 3;
        return generateDemoLibrary(demo).dataset;
    }();
    return dataset;
}

} // namespace

class TestImplicitAls : public QObject {
    Q_OBJECT
private slots:
    void conjugateGradientReachesTheDirectSolve_data() {
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("observed");
        QTest::addColumn<float>("regularization");
        QTest::newRow("d=4, 3 books") << 4 << 3 << 0.1f;
        QTest::newRow("d=16, 40 books") << 16 << 40 << 1.0f;
        QTest::newRow("d=32, no books") << 32 << 0 << 2.0f;
        QTest::newRow("d=64, 200 books") << 64 << 200 << 10.0f;
    }
    void conjugateGradientReachesTheDirectSolve() {
        // The normal equations are symmetric positive definite of size d: conjugate gradient
        // reaches their solution in at most d steps in exact arithmetic; in float a few more.
        QFETCH(int, dim);
        QFETCH(int, observed);
        QFETCH(float, regularization);
        const RowProblem p = rowProblem(dim, 500, observed, static_cast<std::uint64_t>(dim));
        const Gram gram = regularizedGram(p.other, regularization);
        const Eigen::VectorXf exact = exactImplicitRow(gram, p.other, p.cols, p.weights);
        Eigen::VectorXf x = Eigen::VectorXf::Zero(dim);
        CgWorkspace workspace(dim);
        conjugateGradientRow(gram, p.other, p.cols, p.weights, 2 * dim, x.data(), workspace);
        QVERIFY2((x - exact).norm() <= 1e-3f * std::max(1.0f, exact.norm()),
                 qPrintable(QStringLiteral("CG %1 from the direct solve (norm %2)")
                                .arg((x - exact).norm())
                                .arg(exact.norm())));
        // A few steps from a start already at the solution stay there (warm start).
        Eigen::VectorXf warm = exact;
        conjugateGradientRow(gram, p.other, p.cols, p.weights, 3, warm.data(), workspace);
        QVERIFY((warm - exact).norm() <= 1e-3f * std::max(1.0f, exact.norm()));
        // One step from zero is not yet the solution when there is something to solve.
        if (observed > 0) {
            Eigen::VectorXf one = Eigen::VectorXf::Zero(dim);
            conjugateGradientRow(gram, p.other, p.cols, p.weights, 1, one.data(), workspace);
            QVERIFY((one - exact).norm() > 1e-3f * exact.norm());
        }
    }

    void repeatedPairsAddTheirWeights() {
        const std::vector<std::int32_t> rows{1, 0, 1, 1};
        const std::vector<std::int32_t> cols{5, 2, 3, 5};
        const std::vector<float> weights{1.0f, 2.0f, 4.0f, 8.0f};
        const SparseRows grouped = groupByRow(3, rows, cols, weights);
        QCOMPARE(grouped.rowCount(), 3);
        QCOMPARE(std::vector<std::int32_t>(grouped.colsOf(1).begin(), grouped.colsOf(1).end()),
                 (std::vector<std::int32_t>{3, 5}));
        QCOMPARE(std::vector<float>(grouped.weightsOf(1).begin(), grouped.weightsOf(1).end()),
                 (std::vector<float>{4.0f, 9.0f}));
        QCOMPARE(grouped.colsOf(2).size(), std::size_t{0});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 groupByRow(1, rows, cols, weights)); // row 1 outside
    }

    void objectiveDoesNotIncrease_data() {
        QTest::addColumn<int>("cgSteps");
        QTest::addColumn<float>("regularization");
        QTest::newRow("1 step") << 1 << 0.5f;
        QTest::newRow("3 steps") << 3 << 0.5f;
        QTest::newRow("8 steps, strong lambda") << 8 << 20.0f;
    }
    void objectiveDoesNotIncrease() {
        // Every row solve lowers (or keeps) the row's quadratic, so the whole objective cannot
        // rise; float rounding may add a few parts in a million at convergence.
        QFETCH(int, cgSteps);
        QFETCH(float, regularization);
        const ImplicitSignals observed = smallSignals(150, 60, 8, 1);
        const auto model = freshDot(150, 60, 8);
        ImplicitAlsConfig config = smallConfig();
        config.cgSteps = cgSteps;
        config.regularization = regularization;
        const SparseRows byUser = groupByRow(150, observed.users, observed.books, observed.weights);
        const Matrix& users = model->parameters()[0].values;
        const Matrix& books = model->parameters()[1].values;
        std::vector<double> objectives{implicitObjective(users, books, byUser, regularization)};
        TrainCallbacks callbacks;
        callbacks.epochFinished = [&](const EpochReport& report) {
            const double objective = implicitObjective(users, books, byUser, regularization);
            // The report's loss is the objective per observed pair.
            QVERIFY(std::abs(report.trainLoss * static_cast<double>(byUser.cols.size()) -
                             objective) <= 1e-6 * objective);
            objectives.push_back(objective);
        };
        const TrainResult result = trainImplicitAls(*model, observed, config, callbacks);
        QCOMPARE(result.outcome, TrainOutcome::Finished);
        QCOMPARE(static_cast<int>(result.epochs.size()), config.iterations);
        for (std::size_t i = 1; i < objectives.size(); ++i)
            QVERIFY2(objectives[i] <= objectives[i - 1] * (1 + 1e-5),
                     qPrintable(QStringLiteral("iteration %1: %2 after %3")
                                    .arg(i)
                                    .arg(objectives[i])
                                    .arg(objectives[i - 1])));
        QVERIFY(objectives.back() < 0.9 * objectives.front()); // it did learn
    }

    void toReadWeightZeroIsNoToRead() {
        RatingRows train;
        Random random(4);
        for (int i = 0; i < 900; ++i) {
            train.users.push_back(static_cast<std::int32_t>(random.below(100)));
            train.books.push_back(static_cast<std::int32_t>(random.below(50)));
            train.ratings.push_back(static_cast<float>(1 + random.below(5)));
        }
        std::vector<std::int32_t> toReadUsers;
        std::vector<std::int32_t> toReadBooks;
        for (int i = 0; i < 300; ++i) {
            toReadUsers.push_back(static_cast<std::int32_t>(random.below(100)));
            toReadBooks.push_back(static_cast<std::int32_t>(random.below(50)));
        }
        ImplicitConfidence confidence;
        confidence.alpha = 3.0f;
        const auto trained = [&](const ImplicitSignals& observed) {
            auto model = freshDot(100, 50, 6);
            trainImplicitAls(*model, observed, smallConfig());
            return model;
        };
        const auto without = trained(implicitSignals(train, confidence));
        const auto zero = trained(implicitSignals(train, confidence, toReadUsers, toReadBooks));
        QVERIFY(sameBits(zero->parameters()[0].values, without->parameters()[0].values));
        QVERIFY(sameBits(zero->parameters()[1].values, without->parameters()[1].values));
        confidence.toReadWeight = 1.0f;
        const ImplicitSignals withToRead =
            implicitSignals(train, confidence, toReadUsers, toReadBooks);
        QCOMPARE(withToRead.size(), train.size() + toReadUsers.size());
        const auto with = trained(withToRead);
        QVERIFY(!sameBits(with->parameters()[0].values, without->parameters()[0].values));
    }

    void lowRatingsCanBeLeftOut() {
        RatingRows train;
        train.users = {0, 0, 1, 1};
        train.books = {0, 1, 0, 1};
        train.ratings = {1.0f, 4.0f, 3.0f, 5.0f};
        ImplicitConfidence confidence;
        confidence.alpha = 2.0f;
        confidence.minRating = 3.0f;
        const ImplicitSignals observed = implicitSignals(train, confidence);
        QCOMPARE(observed.books, (std::vector<std::int32_t>{1, 0, 1}));
        QCOMPARE(observed.weights, (std::vector<float>{2.0f, 2.0f, 2.0f}));
    }

    void cancelAtAnIterationsEndKeepsThatIteration() {
        const ImplicitSignals observed = smallSignals(300, 80, 10, 2);
        ImplicitAlsConfig config = smallConfig();
        const auto once = freshDot(300, 80, 8);
        config.iterations = 1;
        trainImplicitAls(*once, observed, config);

        // Cancelled by the first iteration's last progress report: the driver sees it as the
        // iteration ends, so the factors are the first iteration's, bit for bit.
        const auto stopped = freshDot(300, 80, 8);
        config.iterations = 5;
        std::atomic<bool> cancel{false};
        TrainCallbacks callbacks;
        callbacks.progress = [&cancel](const TrainProgress& progress) {
            if (progress.batch == progress.batches)
                cancel.store(true);
        };
        const TrainResult result = trainImplicitAls(*stopped, observed, config, callbacks, cancel);
        QCOMPARE(result.outcome, TrainOutcome::Cancelled);
        QCOMPARE(QString::fromStdString(result.message),
                 QStringLiteral("stopped at the end of epoch 1"));
        QCOMPARE(result.bestEpoch, 1);
        QVERIFY(sameBits(stopped->parameters()[0].values, once->parameters()[0].values));
        QVERIFY(sameBits(stopped->parameters()[1].values, once->parameters()[1].values));
    }

    void cancelInsideAnIterationKeepsTheRowsSolved() {
        // 40,000 readers need several units of reader rows: cancelled from the start, the driver
        // runs the first unit and stops. Its rows are solved, the later readers and every book
        // keep their starting values, and the model stays finite.
        const std::int32_t readers = 40000;
        const ImplicitSignals observed = smallSignals(readers, 200, 10, 6);
        ImplicitAlsConfig config = smallConfig();
        config.threads = 2;
        const auto stopped = freshDot(readers, 200, 8);
        const auto initial = freshDot(readers, 200, 8);
        const std::atomic<bool> cancel{true};
        const TrainResult result = trainImplicitAls(*stopped, observed, config, {}, cancel);
        QCOMPARE(result.outcome, TrainOutcome::Cancelled);
        QVERIFY(result.epochs.empty());
        QCOMPARE(result.bestEpoch, 0);
        QVERIFY2(QString::fromStdString(result.message)
                     .startsWith(QStringLiteral("stopped in epoch 1 at batch 1 of ")),
                 result.message.c_str());
        const Matrix& users = stopped->parameters()[0].values;
        const Matrix& start = initial->parameters()[0].values;
        QVERIFY(users.allFinite());
        QVERIFY(stopped->parameters()[1].values.allFinite());
        QVERIFY(sameBits(stopped->parameters()[1].values, initial->parameters()[1].values));
        QVERIFY(users.row(0) != start.row(0));
        QVERIFY(users.row(readers - 1) == start.row(readers - 1));
        // The rows solved are a leading range, the unit's.
        Eigen::Index solved = 0;
        while (solved < users.rows() && users.row(solved) != start.row(solved))
            ++solved;
        QVERIFY(solved > 0 && solved < readers);
        QVERIFY(users.bottomRows(readers - solved) == start.bottomRows(readers - solved));
    }

    void iterationsAreTheDriversEpochs() {
        // The driver reports ials: one epoch report per iteration, progress numbered by
        // iteration with the units of each (at least two of readers and one of books here),
        // and while an iteration runs its progress shows the last iteration's loss.
        const std::int32_t readers = 40000;
        const ImplicitSignals observed = smallSignals(readers, 200, 10, 7);
        ImplicitAlsConfig config = smallConfig();
        config.iterations = 4;
        const auto model = freshDot(readers, 200, 8);
        std::vector<int> reported;
        std::vector<double> losses;
        std::vector<TrainProgress> progress;
        TrainCallbacks callbacks;
        callbacks.epochFinished = [&](const EpochReport& report) {
            reported.push_back(report.epoch);
            losses.push_back(report.trainLoss);
        };
        callbacks.progress = [&](const TrainProgress& p) { progress.push_back(p); };
        int models = 0;
        callbacks.epochModel = [&](int epoch, const Model&) { QCOMPARE(epoch, ++models); };
        const TrainResult result = trainImplicitAls(*model, observed, config, callbacks);
        QCOMPARE(result.outcome, TrainOutcome::Finished);
        QCOMPARE(reported, (std::vector<int>{1, 2, 3, 4}));
        QCOMPARE(models, 4);
        QCOMPARE(result.epochs.size(), std::size_t{4});
        QCOMPARE(result.bestEpoch, 4);
        QVERIFY(result.trainSeconds > 0.0);
        int ends = 0;
        QVERIFY(!progress.empty());
        const std::int64_t units = progress.front().batches;
        QVERIFY(units >= 3);
        for (const TrainProgress& p : progress) {
            QCOMPARE(p.epochs, 4);
            QCOMPARE(p.batches, units);
            QVERIFY(p.epoch >= 1 && p.epoch <= 4);
            if (p.epoch > 1)
                QCOMPARE(p.runningLoss, losses[static_cast<std::size_t>(p.epoch - 2)]);
            if (p.batch == p.batches)
                ++ends;
        }
        QCOMPARE(ends, 4);
        // Every observed pair counted once an iteration, though each side visits it.
        const auto pairs = static_cast<double>(
            groupByRow(readers, observed.users, observed.books, observed.weights).cols.size());
        const EpochReport& first = result.epochs.front();
        QVERIFY(std::abs(first.ratingsPerSecond * first.seconds - pairs) <= 1e-6 * pairs);
    }

    void threadCountDoesNotChangeTheResult_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("2 threads") << 2;
        QTest::newRow("3 threads") << 3;
        QTest::newRow("8 threads") << 8;
    }
    void threadCountDoesNotChangeTheResult() {
        // Rows are solved independently against the other side's fixed factors and the
        // objective is summed per block in block order: bit-identical for any thread count.
        QFETCH(int, threads);
        const ImplicitSignals observed = smallSignals(1000, 400, 12, 3); // 8 + 4 blocks
        ImplicitAlsConfig config = smallConfig();
        config.iterations = 3;
        const auto one = freshDot(1000, 400, 16);
        const TrainResult first = trainImplicitAls(*one, observed, config);
        config.threads = threads;
        const auto many = freshDot(1000, 400, 16);
        const TrainResult second = trainImplicitAls(*many, observed, config);
        QVERIFY(sameBits(many->parameters()[0].values, one->parameters()[0].values));
        QVERIFY(sameBits(many->parameters()[1].values, one->parameters()[1].values));
        QCOMPARE(second.epochs.back().trainLoss, first.epochs.back().trainLoss);
    }

    void savedModelRecommendsAsTrained() {
        const Dataset& library = demoLibrary();
        QVERIFY(library.toRead.size() > 0);
        ExperimentConfig config = findPreset("ials")->config;
        config.model.dim = 8;
        config.als.iterations = 4;
        config.als.confidence.toReadWeight = 0.5f;
        const TrainedRun run = trainRun(library, config, "ials");
        QCOMPARE(run.result.outcome, TrainOutcome::Finished);
        QCOMPARE(run.metadata.notes.at("objective"), std::string("implicit-als"));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("ials.ssm")).toStdString();
        saveModel(path, *run.model, run.metadata);
        const SavedModel loaded = loadModel(path);
        QCOMPARE(loaded.model->kind(), ModelKind::Dot);
        QVERIFY(sameBits(loaded.model->userEmbeddings(), run.model->userEmbeddings()));
        QVERIFY(sameBits(loaded.model->bookEmbeddings(), run.model->bookEmbeddings()));
        const ExperimentConfig reread = experimentOf(loaded.metadata);
        QCOMPARE(reread.objective, TrainObjective::ImplicitAls);
        QCOMPARE(reread.als.confidence.alpha, config.als.confidence.alpha);
        QCOMPARE(reread.als.confidence.toReadWeight, config.als.confidence.toReadWeight);
        QCOMPARE(reread.als.regularization, config.als.regularization);

        const Recommender trained(*run.model, run.metadata, library);
        const Recommender reloaded(*loaded.model, loaded.metadata, library);
        QVERIFY(trained.ranksBooks());
        QVERIFY(reloaded.ranksBooks());
        int readers = 0;
        for (std::int32_t userId : library.ratings.users.rawIds()) {
            if (++readers > 20)
                break;
            const RecommendResult a = trained.forReader(userId);
            const RecommendResult b = reloaded.forReader(userId);
            QCOMPARE(a.items.size(), b.items.size());
            for (std::size_t i = 0; i < a.items.size(); ++i) {
                QCOMPARE(a.items[i].book.id, b.items[i].book.id);
                QCOMPARE(a.items[i].predictedRating, b.items[i].predictedRating);
            }
        }
    }

    void foldInIsOneExactAlsSolve() {
        // A known reader folded in from their own training ratings gets the row an exact ALS
        // solve against the book factors gives.
        const Dataset& library = demoLibrary();
        ExperimentConfig config = findPreset("ials")->config;
        config.model.dim = 8;
        config.als.iterations = 3;
        const TrainedRun run = trainRun(library, config, "ials");
        const Matrix& books = run.model->bookEmbeddings();
        const std::vector<std::int32_t> rows{3, 7, 11, 20};
        const std::vector<float> ratings{5.0f, 4.0f, 1.0f, 3.0f};
        FoldInConfig foldIn;
        foldIn.implicit = ImplicitFoldIn{config.als.confidence, config.als.regularization};
        const auto reader = foldInReader(*run.model, rows, ratings, foldIn);
        const std::vector<float> weights(rows.size(), config.als.confidence.alpha);
        const Eigen::VectorXf expected = exactImplicitRow(
            regularizedGram(books, config.als.regularization), books, rows, weights);
        const Eigen::VectorXf got = reader->userEmbeddings().row(0).transpose();
        QVERIFY((got - expected).norm() <= 1e-5f * std::max(1.0f, expected.norm()));
        QVERIFY(expected.norm() > 0.0f);
        // Through the recommender: the new reader's list leaves their books out.
        const Recommender recommender(*run.model, run.metadata, library);
        std::vector<std::pair<std::int32_t, float>> rated;
        for (std::size_t i = 0; i < rows.size(); ++i)
            rated.emplace_back(run.metadata.bookRawIds[static_cast<std::size_t>(rows[i])],
                               ratings[i]);
        const RecommendResult result = recommender.forNewReader(rated);
        QCOMPARE(result.items.size(), std::size_t{10});
        for (const Recommendation& r : result.items)
            for (const auto& [bookId, stars] : rated)
                QVERIFY(r.book.id != bookId);
    }

    void optionsAreValidated_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("message");
        QTest::newRow("alpha below 0") << "alpha"
                                       << "alpha must be";
        QTest::newRow("no cg steps") << "cg-steps"
                                     << "cg-steps must be";
        QTest::newRow("to-read weight below 0") << "to-read-weight"
                                                << "to-read-weight must be";
        QTest::newRow("lambda below 0") << "l2"
                                        << "l2 must be";
        QTest::newRow("biases") << "biases"
                                << "without biases";
        QTest::newRow("neural") << "neural"
                                << "without biases";
    }
    void optionsAreValidated() {
        QFETCH(QString, setting);
        QFETCH(QString, message);
        ExperimentConfig config = findPreset("ials")->config;
        validateExperimentConfig(config); // the preset itself is fine
        if (setting == QLatin1String("biases"))
            config.model.biases = true;
        else if (setting == QLatin1String("neural"))
            config.model.kind = ModelKind::Neural;
        else
            option(CliCommand::Train, setting.toStdString()).set(config, -1.0);
        try {
            validateExperimentConfig(config);
            QFAIL("the setting was accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
        }
    }

    void optionsReachTheAlsSettings() {
        ExperimentConfig config = findPreset("ials")->config;
        option(CliCommand::Train, "epochs").set(config, 7);
        option(CliCommand::Train, "l2").set(config, 3.5);
        option(CliCommand::Train, "threads").set(config, 1);
        option(CliCommand::Train, "alpha").set(config, 12);
        option(CliCommand::Train, "to-read-weight").set(config, 0.25);
        option(CliCommand::Train, "min-rating").set(config, 4);
        option(CliCommand::Train, "cg-steps").set(config, 5);
        QCOMPARE(config.als.iterations, 7);
        QCOMPARE(config.als.regularization, 3.5f);
        QCOMPARE(config.als.threads, 1);
        QCOMPARE(config.als.confidence.alpha, 12.0f);
        QCOMPARE(config.als.confidence.toReadWeight, 0.25f);
        QCOMPARE(config.als.confidence.minRating, 4.0f);
        QCOMPARE(config.als.cgSteps, 5);
        QVERIFY(option(CliCommand::Train, "alpha").ranged());
    }
};

QTEST_GUILESS_MAIN(TestImplicitAls)
#include "tst_implicitals.moc"
