#include "config/OptionTable.h"
#include "demo/DemoGenerator.h"
#include "model/ModelFile.h"
#include "recommend/Recommender.h"
#include "train/Experiment.h"
#include "train/ImplicitSets.h"
#include "train/ImplicitTrainer.h"
#include "train/Presets.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace shelfscope;

namespace {

enum : std::size_t { BookEmbedding = 1, UserBias = 2, BookBias = 3 };

const Dataset& demoLibrary() {
    static const Dataset dataset = [] {
        DemoConfig config;
        config.users = 600;
        config.books = 200;
        config.ratings = 30000;
        config.genres = 6;
        config.seed = 5;
        config.toReadPerUser = 6.0;
        return generateDemoLibrary(config).dataset;
    }();
    return dataset;
}

/// tuned-implicit shrunk for the demo library: the split, model and objective it ships with.
ExperimentConfig smallImplicit() {
    ExperimentConfig config = findPreset("tuned-implicit")->config;
    config.keepDuplicates = false;
    config.split = SplitKind::Random;
    config.model.dim = 8;
    config.train.batchSize = 64;
    config.train.adam.learningRate = 0.003f;
    config.train.l2 = 0.05f;
    config.implicit.warmStartEpochs = 6;
    config.implicit.epochs = 4;
    return config;
}

RatingRows rows(std::vector<std::int32_t> users, std::vector<std::int32_t> books) {
    RatingRows r;
    r.ratings.assign(users.size(), 4.0f);
    r.users = std::move(users);
    r.books = std::move(books);
    return r;
}

/// The reader's part of the documented objective, in double: 1/2 sum e^2 + lambda/2 sum over
/// the reader's ratings of (|p|^2 + |q_i|^2 + sum_{j in N} |y_j|^2) + lambdaBias/2 sum (b_u^2 +
/// b_i^2). Parameters as doubles: p (d), q (books x d), y (books x d), bu, bi (books).
struct Tiny {
    int dim = 3;
    double offset = 3.5;
    std::vector<double> p, q, y, bi;
    double bu = 0.0;
    std::vector<std::int32_t> books;
    std::vector<float> ratings;
    std::vector<std::int32_t> set;
    double l2 = 0.05, biasL2 = 0.03;

    double loss() const {
        const auto d = static_cast<std::size_t>(dim);
        std::vector<double> z(p);
        const double norm = set.empty() ? 0.0 : 1.0 / std::sqrt(double(set.size()));
        for (std::int32_t j : set)
            for (std::size_t t = 0; t < d; ++t)
                z[t] += norm * y[static_cast<std::size_t>(j) * d + t];
        double value = 0.0;
        for (std::size_t k = 0; k < books.size(); ++k) {
            const auto i = static_cast<std::size_t>(books[k]);
            double prediction = offset + bu + bi[i];
            for (std::size_t t = 0; t < d; ++t)
                prediction += q[i * d + t] * z[t];
            const double e = ratings[k] - prediction;
            value += 0.5 * e * e;
            double penalty = 0.0;
            for (std::size_t t = 0; t < d; ++t)
                penalty += p[t] * p[t] + q[i * d + t] * q[i * d + t];
            for (std::int32_t j : set)
                for (std::size_t t = 0; t < d; ++t)
                    penalty += y[static_cast<std::size_t>(j) * d + t] *
                               y[static_cast<std::size_t>(j) * d + t];
            value += 0.5 * l2 * penalty + 0.5 * biasL2 * (bu * bu + bi[i] * bi[i]);
        }
        return value;
    }
};

/// A one-reader model over five books with seeded weights, as floats and as the Tiny doubles.
struct TinyProblem {
    std::unique_ptr<Model> model;
    ImplicitFactors factors;
    Tiny tiny;
};

TinyProblem tinyProblem(std::vector<std::int32_t> set) {
    ModelConfig config;
    config.dim = 3;
    config.biases = true;
    config.embeddingInitScale = 0.8f;
    TinyProblem problem;
    problem.model = createModel(config, 1, 5, 11);
    problem.model->setGlobalOffset(3.5f);
    Random random(3);
    for (int b = 0; b < 5; ++b)
        problem.model->parameters()[BookBias].values(b, 0) = float(random.uniform() - 0.5);
    problem.model->parameters()[UserBias].values(0, 0) = 0.2f;
    problem.factors = initialImplicitFactors(*problem.model);
    for (Eigen::Index i = 0; i < problem.factors.implicit.size(); ++i)
        problem.factors.implicit.data()[i] = float(random.uniform() - 0.5);
    Tiny& t = problem.tiny;
    const Model& m = *problem.model;
    for (int k = 0; k < 3; ++k)
        t.p.push_back(problem.factors.users(0, k));
    for (int b = 0; b < 5; ++b) {
        for (int k = 0; k < 3; ++k) {
            t.q.push_back(m.bookEmbeddings()(b, k));
            t.y.push_back(problem.factors.implicit(b, k));
        }
        t.bi.push_back(m.parameters()[BookBias].values(b, 0));
    }
    t.bu = m.parameters()[UserBias].values(0, 0);
    t.books = {0, 2, 3};
    t.ratings = {5.0f, 2.0f, 4.0f};
    t.set = std::move(set);
    return problem;
}

/// Central finite difference of the loss along one double parameter.
template <typename Access> double numericGradient(const Tiny& tiny, Access access) {
    const double h = 1e-5;
    Tiny plus = tiny, minus = tiny;
    access(plus) += h;
    access(minus) -= h;
    return (plus.loss() - minus.loss()) / (2 * h);
}

} // namespace

class TestImplicit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readerStepFollowsTheGradient_data() {
        QTest::addColumn<std::vector<std::int32_t>>("set");
        QTest::newRow("rated books") << std::vector<std::int32_t>{0, 2, 3};
        QTest::newRow("rated and to-read books") << std::vector<std::int32_t>{0, 1, 2, 3, 4};
        QTest::newRow("to-read books only") << std::vector<std::int32_t>{1, 4};
    }

    // A reader step of a small learning rate moves every parameter by -lr times the gradient of
    // the reader's objective (to first order), checked against central finite differences.
    void readerStepFollowsTheGradient() {
        QFETCH(std::vector<std::int32_t>, set);
        TinyProblem problem = tinyProblem(set);
        const Tiny& tiny = problem.tiny;
        ImplicitConfig config;
        config.l2 = float(tiny.l2);
        config.biasL2 = float(tiny.biasL2);
        const float lr = 1e-3f;
        const Matrix qBefore = problem.model->bookEmbeddings();
        const Matrix biasBefore = problem.model->parameters()[BookBias].values;
        const float userBiasBefore = problem.model->parameters()[UserBias].values(0, 0);
        const ImplicitFactors before = problem.factors;
        std::vector<float> scratch;
        implicitReaderStep(*problem.model, problem.factors, 0, tiny.books, tiny.ratings, set, lr,
                           config, scratch);
        const auto check = [&](double moved, double gradient, const char* what) {
            const double step = -moved / lr;
            QVERIFY2(std::abs(step - gradient) <= 5e-3 * std::max(1.0, std::abs(gradient)),
                     qPrintable(QStringLiteral("%1: step/-lr %2, finite differences %3")
                                    .arg(QString::fromLatin1(what))
                                    .arg(step)
                                    .arg(gradient)));
        };
        for (std::size_t k = 0; k < 3; ++k) {
            check(problem.factors.users(0, Eigen::Index(k)) - before.users(0, Eigen::Index(k)),
                  numericGradient(tiny, [k](Tiny& t) -> double& { return t.p[k]; }), "p");
            for (std::size_t b = 0; b < 5; ++b) {
                const auto row = Eigen::Index(b), col = Eigen::Index(k);
                check(problem.model->bookEmbeddings()(row, col) - qBefore(row, col),
                      numericGradient(tiny, [b, k](Tiny& t) -> double& { return t.q[b * 3 + k]; }),
                      "q");
                check(problem.factors.implicit(row, col) - before.implicit(row, col),
                      numericGradient(tiny, [b, k](Tiny& t) -> double& { return t.y[b * 3 + k]; }),
                      "y");
            }
        }
        for (std::size_t b = 0; b < 5; ++b)
            check(problem.model->parameters()[BookBias].values(Eigen::Index(b), 0) -
                      biasBefore(Eigen::Index(b), 0),
                  numericGradient(tiny, [b](Tiny& t) -> double& { return t.bi[b]; }), "b_i");
        check(problem.model->parameters()[UserBias].values(0, 0) - userBiasBefore,
              numericGradient(tiny, [](Tiny& t) -> double& { return t.bu; }), "b_u");
        // Books outside N(u) keep their y, and the y of N(u) moved.
        for (int b = 0; b < 5; ++b) {
            const bool inSet = std::find(set.begin(), set.end(), b) != set.end();
            QCOMPARE(problem.factors.implicit.row(b) != before.implicit.row(b), inSet);
        }
    }

    // With N(u) empty the step is biased matrix factorisation's SGD step, y untouched, and the
    // folded user vectors are p itself.
    void anEmptySetIsBiasedMatrixFactorisation() {
        TinyProblem problem = tinyProblem({});
        ImplicitConfig config;
        config.l2 = 0.05f;
        config.biasL2 = 0.03f;
        const float lr = 0.05f;
        // The reference: plain biased MF SGD, rating by rating.
        std::vector<float> p(3), q(15), bi(5);
        for (int k = 0; k < 3; ++k)
            p[std::size_t(k)] = problem.factors.users(0, k);
        for (int b = 0; b < 5; ++b) {
            for (int k = 0; k < 3; ++k)
                q[std::size_t(b * 3 + k)] = problem.model->bookEmbeddings()(b, k);
            bi[std::size_t(b)] = problem.model->parameters()[BookBias].values(b, 0);
        }
        float bu = problem.model->parameters()[UserBias].values(0, 0);
        for (std::size_t r = 0; r < problem.tiny.books.size(); ++r) {
            const auto b = std::size_t(problem.tiny.books[r]);
            double prediction = 3.5 + bu + bi[b];
            for (std::size_t k = 0; k < 3; ++k)
                prediction += double(q[b * 3 + k]) * p[k];
            const auto e = float(problem.tiny.ratings[r] - prediction);
            bu += lr * (e - config.biasL2 * bu);
            bi[b] += lr * (e - config.biasL2 * bi[b]);
            for (std::size_t k = 0; k < 3; ++k) {
                const float qk = q[b * 3 + k];
                q[b * 3 + k] += lr * (e * p[k] - config.l2 * qk);
                p[k] += lr * (e * qk - config.l2 * p[k]);
            }
        }
        const Matrix implicitBefore = problem.factors.implicit;
        std::vector<float> scratch;
        implicitReaderStep(*problem.model, problem.factors, 0, problem.tiny.books,
                           problem.tiny.ratings, {}, lr, config, scratch);
        const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-5; };
        for (int k = 0; k < 3; ++k) {
            QVERIFY(near(problem.factors.users(0, k), p[std::size_t(k)]));
            for (int b = 0; b < 5; ++b)
                QVERIFY(near(problem.model->bookEmbeddings()(b, k), q[std::size_t(b * 3 + k)]));
        }
        for (int b = 0; b < 5; ++b)
            QVERIFY(near(problem.model->parameters()[BookBias].values(b, 0), bi[std::size_t(b)]));
        QVERIFY(near(problem.model->parameters()[UserBias].values(0, 0), bu));
        QCOMPARE(problem.factors.implicit, implicitBefore);
        ImplicitSets empty;
        empty.start = {0, 0};
        foldImplicitFactors(problem.factors, empty, *problem.model);
        QCOMPARE(problem.model->userEmbeddings(), problem.factors.users);
    }

    void implicitSetsFollowTheSettings_data() {
        QTest::addColumn<bool>("rated");
        QTest::addColumn<bool>("toRead");
        QTest::addColumn<std::vector<std::int32_t>>("reader0");
        QTest::addColumn<std::vector<std::int32_t>>("reader1");
        QTest::addColumn<std::vector<std::int32_t>>("reader2");
        // Reader 0 rated books 1 and 2 (book 2 twice) in training, holds out 3 (test) and 5
        // (validation), wants 1, 3, 4, 5. Reader 1 rated 0, wants 0. Reader 2 wants 2 only.
        using V = std::vector<std::int32_t>;
        QTest::newRow("rated and to-read") << true << true << V{1, 2, 4} << V{0} << V{2};
        QTest::newRow("rated") << true << false << V{1, 2} << V{0} << V{};
        QTest::newRow("to-read") << false << true << V{1, 4} << V{0} << V{2};
        QTest::newRow("none") << false << false << V{} << V{} << V{};
    }

    // N(u) is the union asked for, sorted and without repeats, and never a held-out book.
    void implicitSetsFollowTheSettings() {
        QFETCH(bool, rated);
        QFETCH(bool, toRead);
        TrainingData data;
        data.userRows = 3;
        data.bookRows = 6;
        data.train = rows({0, 0, 1, 0}, {2, 1, 0, 2});
        data.test = rows({0}, {3});
        data.validation = rows({0}, {5});
        ReaderBookRows list;
        list.users = {0, 0, 0, 0, 1, 2};
        list.books = {4, 3, 1, 5, 0, 2};
        const ImplicitSets sets = buildImplicitSets(data, list, {rated, toRead});
        const auto setOf = [&](std::int32_t u) {
            const auto span = sets.of(u);
            return std::vector<std::int32_t>(span.begin(), span.end());
        };
        QTEST(setOf(0), "reader0");
        QTEST(setOf(1), "reader1");
        QTEST(setOf(2), "reader2");
        list.books[0] = 6; // no such book
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, buildImplicitSets(data, list, {}));
    }

    // The one to-read input (the data set's list as the run's rows, through raw ids) reaches
    // both objectives that read it: it changes what each learns, and each of them set not to
    // read it ignores it.
    void toReadEntriesReachBothObjectives_data() {
        QTest::addColumn<int>("objective");
        QTest::newRow("tuned-implicit") << static_cast<int>(TrainObjective::ImplicitRatings);
        QTest::newRow("ials") << static_cast<int>(TrainObjective::ImplicitAls);
    }
    void toReadEntriesReachBothObjectives() {
        QFETCH(int, objective);
        const Dataset& dataset = demoLibrary();
        ExperimentConfig config = smallImplicit();
        if (static_cast<TrainObjective>(objective) == TrainObjective::ImplicitAls) {
            config = findPreset("ials")->config;
            config.model.dim = 8;
            config.als.iterations = 3;
            config.als.confidence.toReadWeight = 1.0f;
        }
        QCOMPARE(config.objective, static_cast<TrainObjective>(objective));
        QVERIFY(experimentReadsToRead(config));
        const ReaderBookRows list = experimentToRead(dataset, dataset.ratings, config);
        QCOMPARE(list.size(), dataset.toRead.size());
        for (std::size_t i = 0; i < list.size(); i += 97) // dense indexing: rows are indices
            QCOMPARE(list.books[i], dataset.toRead.bookIndex[i]);
        const ExperimentResult with =
            runExperiment(dataset.ratings, config, {}, neverCancelled(), list);
        const ExperimentResult without = runExperiment(dataset.ratings, config);
        QVERIFY(with.model->userEmbeddings() != without.model->userEmbeddings());
        if (config.objective == TrainObjective::ImplicitAls)
            config.als.confidence.toReadWeight = 0.0f;
        else
            config.implicit.sets.toRead = false;
        QVERIFY(!experimentReadsToRead(config));
        QCOMPARE(experimentToRead(dataset, dataset.ratings, config).size(), std::size_t{0});
        const ExperimentResult ignored =
            runExperiment(dataset.ratings, config, {}, neverCancelled(), list);
        QCOMPARE(ignored.model->userEmbeddings(), without.model->userEmbeddings());
    }

    // The dot model left behind predicts what the implicit-feedback model does, for every
    // reader and book; it learns more than the biases; the same seed gives the same model.
    void theFoldedModelPredictsAsTrained() {
        const Dataset& dataset = demoLibrary();
        const ExperimentConfig config = smallImplicit();
        const RatingTable& table = dataset.ratings;
        const TrainingData data =
            prepareTrainingData(table, experimentSplit(table, config), config.data);
        const ImplicitSets sets =
            buildImplicitSets(data, experimentToRead(dataset, table, config), config.implicit.sets);
        std::unique_ptr<Model> model =
            createModel(config.model, data.userRows, data.bookRows, config.initSeed);
        model->setGlobalOffset(3.5f);
        ImplicitFactors factors;
        const TrainResult result =
            trainImplicit(*model, data, sets, config.implicit, {}, neverCancelled(), &factors);
        QCOMPARE(result.outcome, TrainOutcome::Finished);
        QCOMPARE(int(result.epochs.size()), config.implicit.epochs);
        QVERIFY(result.epochs.back().trainLoss < result.epochs.front().trainLoss);
        QCOMPARE(model->kind(), ModelKind::Dot);
        const auto& p = model->parameters();
        const auto d = model->bookEmbeddings().cols();
        double worst = 0.0;
        std::vector<float> scores(static_cast<std::size_t>(data.bookRows));
        for (std::int32_t u = 0; u < data.userRows; u += 7) {
            const auto set = sets.of(u);
            model->scoreAllBooks(u, scores);
            for (std::int32_t i = 0; i < data.bookRows; ++i) {
                double prediction = 3.5 + p[UserBias].values(u, 0) + p[BookBias].values(i, 0);
                for (Eigen::Index t = 0; t < d; ++t) {
                    double implicitSum = 0.0;
                    for (std::int32_t j : set)
                        implicitSum += factors.implicit(j, t);
                    const double z =
                        factors.users(u, t) +
                        (set.empty() ? 0.0 : implicitSum / std::sqrt(double(set.size())));
                    prediction += double(model->bookEmbeddings()(i, t)) * z;
                }
                worst = std::max(worst, std::abs(model->predict(u, i) - prediction));
                worst = std::max(worst, std::abs(scores[std::size_t(i)] - prediction));
            }
        }
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
        // The reported test error is the folded model's.
        QCOMPARE(result.test.rmse, evaluateModel(*model, data.test, config.implicit.clipPredictions,
                                                 config.implicit.scale)
                                       .rmse);
        std::unique_ptr<Model> again =
            createModel(config.model, data.userRows, data.bookRows, config.initSeed);
        again->setGlobalOffset(3.5f);
        trainImplicit(*again, data, sets, config.implicit);
        for (std::size_t k = 0; k < p.size(); ++k)
            QCOMPARE(again->parameters()[k].values, p[k].values);
        ImplicitConfig reseeded = config.implicit;
        reseeded.seed = 43;
        std::unique_ptr<Model> other =
            createModel(config.model, data.userRows, data.bookRows, config.initSeed);
        other->setGlobalOffset(3.5f);
        trainImplicit(*other, data, sets, reseeded);
        QVERIFY(other->userEmbeddings() != model->userEmbeddings());
    }

    // Trained through the experiment, it beats the bias baseline, and saves and reloads as the
    // same model: the file says what it is, and it recommends with stars.
    void savesAndReloadsAsTheSameModel() {
        const Dataset& dataset = demoLibrary();
        const ExperimentConfig config = smallImplicit();
        const ExperimentResult trained =
            runExperiment(dataset.ratings, config, {}, neverCancelled(),
                          experimentToRead(dataset, dataset.ratings, config));
        QVERIFY2(trained.training.test.rmse < trained.biasBaseline.rmse - 0.02,
                 qPrintable(QStringLiteral("model %1, bias baseline %2")
                                .arg(trained.training.test.rmse)
                                .arg(trained.biasBaseline.rmse)));
        const ModelMetadata metadata = describeModel(dataset, config, trained, "tuned-implicit");
        QCOMPARE(metadata.notes.at("objective"), std::string("implicit-ratings"));
        QCOMPARE(metadata.notes.at("implicit_books"), std::string("rated-and-to-read"));
        QVERIFY(predictsRatings(metadata)); // the protocol reports its RMSE and MAE
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("implicit.ssm")).toStdString();
        saveModel(path, *trained.model, metadata);
        const SavedModel loaded = loadModel(path);
        QCOMPARE(loaded.model->kind(), ModelKind::Dot);
        QCOMPARE(loaded.metadata.preset, std::string("tuned-implicit"));
        const ExperimentConfig reread = experimentOf(loaded.metadata);
        QCOMPARE(reread.objective, TrainObjective::ImplicitRatings);
        QCOMPARE(reread.split, config.split);
        std::vector<float> before(std::size_t(trained.model->bookRows()));
        std::vector<float> after(before.size());
        for (std::int32_t u = 0; u < trained.model->userRows(); u += 11) {
            trained.model->scoreAllBooks(u, before);
            loaded.model->scoreAllBooks(u, after);
            QCOMPARE(after, before);
        }
        const Recommender recommender(*loaded.model, loaded.metadata, dataset);
        QVERIFY(!recommender.ranksBooks());
        const std::int32_t reader = dataset.ratings.users.rawId(0);
        const RecommendResult list = recommender.forReader(reader);
        QVERIFY(!list.items.empty());
        QVERIFY(!recommender.forNewReader({{dataset.ratings.books.rawId(0), 5.0f}}).items.empty());
    }

    void cancellingKeepsWhatWasReached_data() {
        QTest::addColumn<int>("cancelAfterEpoch");
        QTest::newRow("before the first epoch") << 0;
        QTest::newRow("in the warm start") << 2;
        QTest::newRow("in the implicit epochs") << 8;
    }

    // A cancel is seen within the epoch (every 256 readers of the implicit epochs, every few
    // batches of the warm start): the epochs finished are kept and the model holds the weights
    // reached, folded.
    void cancellingKeepsWhatWasReached() {
        QFETCH(int, cancelAfterEpoch);
        const Dataset& dataset = demoLibrary();
        ExperimentConfig config = smallImplicit();
        config.implicit.epochs = 20;
        QVERIFY(cancelAfterEpoch < config.implicit.warmStartEpochs + config.implicit.epochs);
        std::atomic<bool> cancel{cancelAfterEpoch == 0};
        TrainCallbacks callbacks;
        callbacks.epochFinished = [&](const EpochReport& report) {
            if (report.epoch == cancelAfterEpoch)
                cancel = true;
        };
        const ExperimentResult result =
            runExperiment(dataset.ratings, config, callbacks, cancel,
                          experimentToRead(dataset, dataset.ratings, config));
        QCOMPARE(result.training.outcome, TrainOutcome::Cancelled);
        QCOMPARE(int(result.training.epochs.size()), cancelAfterEpoch);
        QVERIFY(std::isfinite(result.training.test.rmse));
        QVERIFY(result.model->userEmbeddings().allFinite());
    }

    // The preset asks for what the trainer needs, and its options read and write its settings.
    void thePresetAndItsOptions() {
        const Preset* preset = findPreset("tuned-implicit");
        QVERIFY(preset);
        QCOMPARE(preset->config.objective, TrainObjective::ImplicitRatings);
        QCOMPARE(preset->config.model.kind, ModelKind::Dot);
        QVERIFY(preset->config.model.biases);
        QVERIFY(preset->config.implicit.sets.rated && preset->config.implicit.sets.toRead);
        QCOMPARE(presets().back().name, std::string("tuned-implicit"));
        validateExperimentConfig(preset->config);
        ExperimentConfig config = preset->config;
        const OptionDef& books = option(CliCommand::Train, "implicit-books");
        books.set(config, 2.0); // to-read
        QVERIFY(!config.implicit.sets.rated && config.implicit.sets.toRead);
        QCOMPARE(books.get(config), 2.0);
        option(CliCommand::Train, "epochs").set(config, 3);
        QCOMPARE(config.implicit.epochs, 3);
        QCOMPARE(config.train.epochs, preset->config.train.epochs);
        option(CliCommand::Train, "lr").set(config, 0.01);
        QCOMPARE(config.implicit.learningRate, 0.01f);
        config.implicit.learningRateDecay = 2.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateExperimentConfig(config));
        // A model the objective cannot train is refused with the settings, before any data.
        config = preset->config;
        config.model.biases = false;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateExperimentConfig(config));
        config = preset->config;
        config.model.kind = ModelKind::Neural;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateExperimentConfig(config));
    }
};

QTEST_GUILESS_MAIN(TestImplicit)
#include "tst_implicit.moc"
