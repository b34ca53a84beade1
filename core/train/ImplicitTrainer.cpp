#include "train/ImplicitTrainer.h"

#include "config/OptionTable.h"
#include "train/EpochDriver.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

namespace {

enum : std::size_t { UserEmbedding, BookEmbedding, UserBias, BookBias };

/// Every reader's training rows (compressed rows, as RowsByUser).
struct ReaderRows {
    std::vector<std::int64_t> start;
    std::vector<std::int32_t> rows;
};

ReaderRows groupByReader(const RatingRows& train, std::int32_t userRows) {
    ReaderRows grouped;
    grouped.start.assign(static_cast<std::size_t>(userRows) + 1, 0);
    for (std::int32_t u : train.users)
        ++grouped.start[static_cast<std::size_t>(u) + 1];
    std::partial_sum(grouped.start.begin(), grouped.start.end(), grouped.start.begin());
    grouped.rows.resize(train.size());
    std::vector<std::int64_t> next(grouped.start.begin(), grouped.start.end() - 1);
    for (std::size_t i = 0; i < train.size(); ++i)
        grouped.rows[static_cast<std::size_t>(next[static_cast<std::size_t>(train.users[i])]++)] =
            static_cast<std::int32_t>(i);
    return grouped;
}

/// The implicit model's epochs for the epoch driver: a unit is one reader (their ratings in a
/// shuffled order, then their y_j), readers in a shuffled order; each epoch's end folds p and
/// y into the model, so the driver's snapshots, reports and early stopping see the folded
/// model.
class ImplicitEpochs final : public EpochWork {
public:
    ImplicitEpochs(Model& model, const TrainingData& data, const ImplicitSets& sets,
                   const ImplicitConfig& config)
        : model_(model), data_(data), sets_(sets), config_(config),
          byReader_(groupByReader(data.train, model.userRows())), rowOrder_(byReader_.rows),
          factors_(initialImplicitFactors(model)), random_(config.seed) {
        for (std::int32_t u = 0; u < model.userRows(); ++u)
            if (byReader_.start[static_cast<std::size_t>(u) + 1] >
                byReader_.start[static_cast<std::size_t>(u)])
                readers_.push_back(u);
        ratingsBefore_.resize(readers_.size() + 1);
    }

    std::int64_t beginEpoch(int epoch) override {
        learningRate_ = config_.learningRate *
                        static_cast<float>(std::pow(double(config_.learningRateDecay), epoch - 1));
        for (std::size_t i = readers_.size(); i > 1; --i)
            std::swap(readers_[i - 1], readers_[static_cast<std::size_t>(random_.below(i))]);
        ratingsBefore_[0] = 0;
        for (std::size_t r = 0; r < readers_.size(); ++r)
            ratingsBefore_[r + 1] = ratingsBefore_[r] + ratingsOf(readers_[r]);
        return static_cast<std::int64_t>(readers_.size());
    }

    void runUnit(std::int64_t unit, double& lossSum, double& lossCount) override {
        const std::int32_t u = readers_[static_cast<std::size_t>(unit)];
        const auto first = static_cast<std::size_t>(byReader_.start[static_cast<std::size_t>(u)]);
        const auto count = static_cast<std::size_t>(ratingsOf(u));
        for (std::size_t i = count; i > 1; --i)
            std::swap(rowOrder_[first + i - 1],
                      rowOrder_[first + static_cast<std::size_t>(random_.below(i))]);
        books_.clear();
        ratings_.clear();
        for (std::size_t i = first; i < first + count; ++i) {
            const auto row = static_cast<std::size_t>(rowOrder_[i]);
            books_.push_back(data_.train.books[row]);
            ratings_.push_back(data_.train.ratings[row]);
        }
        lossSum = implicitReaderStep(model_, factors_, u, books_, ratings_, sets_.of(u),
                                     learningRate_, config_, scratch_);
        lossCount = static_cast<double>(count);
    }

    std::int64_t itemsIn(std::int64_t units) const override {
        return ratingsBefore_[static_cast<std::size_t>(units)];
    }

    void finishEpoch() override { foldImplicitFactors(factors_, sets_, model_); }

    void assess(EpochReport& report) override {
        report.test = evaluateModel(model_, data_.test, config_.clipPredictions, config_.scale);
        if (data_.validation.size() > 0)
            report.validation =
                evaluateModel(model_, data_.validation, config_.clipPredictions, config_.scale);
    }

    ImplicitFactors& factors() { return factors_; }

private:
    std::int64_t ratingsOf(std::int32_t u) const {
        return byReader_.start[static_cast<std::size_t>(u) + 1] -
               byReader_.start[static_cast<std::size_t>(u)];
    }

    Model& model_;
    const TrainingData& data_;
    const ImplicitSets& sets_;
    const ImplicitConfig& config_;
    ReaderRows byReader_;
    std::vector<std::int32_t> rowOrder_;
    ImplicitFactors factors_;
    Random random_;
    std::vector<std::int32_t> readers_;
    std::vector<std::int64_t> ratingsBefore_;
    float learningRate_ = 0.0f;
    std::vector<std::int32_t> books_;
    std::vector<float> ratings_;
    std::vector<float> scratch_;
};

} // namespace

void validateImplicitConfig(const ImplicitConfig& config) {
    requireInRange(option(CliCommand::Train, "epochs"), config.epochs);
    requireInRange(option(CliCommand::Train, "lr"), config.learningRate);
    requireInRange(option(CliCommand::Train, "lr-decay"), config.learningRateDecay);
    requireInRange(option(CliCommand::Train, "l2"), config.l2);
    requireInRange(option(CliCommand::Train, "bias-l2"), config.biasL2);
}

void effectiveUserVector(const ImplicitFactors& factors, std::span<const std::int32_t> implicitSet,
                         std::span<float> out) {
    const auto dim = static_cast<std::size_t>(factors.users.cols());
    std::fill(out.begin(), out.end(), 0.0f);
    for (std::int32_t j : implicitSet) {
        const float* y = factors.implicit.row(j).data();
        for (std::size_t t = 0; t < dim; ++t)
            out[t] += y[t];
    }
    const float norm =
        implicitSet.empty() ? 0.0f : 1.0f / std::sqrt(static_cast<float>(implicitSet.size()));
    for (std::size_t t = 0; t < dim; ++t)
        out[t] *= norm;
}

void foldImplicitFactors(const ImplicitFactors& factors, const ImplicitSets& sets, Model& model) {
    Matrix& users = model.parameters()[UserEmbedding].values;
    const auto dim = static_cast<std::size_t>(users.cols());
    std::vector<float> implicitSum(dim);
    for (Eigen::Index u = 0; u < users.rows(); ++u) {
        effectiveUserVector(factors, sets.of(static_cast<std::int32_t>(u)), implicitSum);
        const float* p = factors.users.row(u).data();
        float* folded = users.row(u).data();
        // p + s in the order the reader step adds them, so both predict the same floats.
        for (std::size_t t = 0; t < dim; ++t)
            folded[t] = p[t] + implicitSum[t];
    }
}

ImplicitFactors initialImplicitFactors(const Model& model) {
    ImplicitFactors factors;
    factors.users = model.userEmbeddings();
    factors.implicit = Matrix::Zero(model.bookRows(), model.bookEmbeddings().cols());
    return factors;
}

double implicitReaderStep(Model& model, ImplicitFactors& factors, std::int32_t user,
                          std::span<const std::int32_t> books, std::span<const float> ratings,
                          std::span<const std::int32_t> implicitSet, float learningRate,
                          const ImplicitConfig& config, std::vector<float>& scratch) {
    auto& parameters = model.parameters();
    Matrix& bookTable = parameters[BookEmbedding].values;
    float& userBias = parameters[UserBias].values(user, 0);
    Matrix& bookBias = parameters[BookBias].values;
    const auto dim = static_cast<std::size_t>(bookTable.cols());
    scratch.resize(2 * dim);
    const std::span<float> implicitSum(scratch.data(), dim);
    float* gradient = scratch.data() + dim; // sum of e q_i over the reader's ratings
    effectiveUserVector(factors, implicitSet, implicitSum);
    std::fill(gradient, gradient + dim, 0.0f);
    float* p = factors.users.row(user).data();
    const float lr = learningRate;
    const float l2 = config.l2;
    const float biasL2 = config.biasL2;
    double squaredErrors = 0.0;
    for (std::size_t k = 0; k < books.size(); ++k) {
        const std::int32_t b = books[k];
        float* q = bookTable.row(b).data();
        float dot = 0.0f;
        for (std::size_t t = 0; t < dim; ++t)
            dot += q[t] * (p[t] + implicitSum[t]);
        float& bias = bookBias(b, 0);
        const float error = ratings[k] - (model.globalOffset() + dot + userBias + bias);
        squaredErrors += static_cast<double>(error) * error;
        userBias += lr * (error - biasL2 * userBias);
        bias += lr * (error - biasL2 * bias);
        for (std::size_t t = 0; t < dim; ++t) {
            const float qt = q[t];
            q[t] += lr * (error * (p[t] + implicitSum[t]) - l2 * qt);
            p[t] += lr * (error * qt - l2 * p[t]);
            gradient[t] += error * qt;
        }
    }
    if (implicitSet.empty() || books.empty())
        return squaredErrors;
    // Each rating would decay every y_j by (1 - lr lambda) and add lr e norm q_i: applied once
    // per reader, so an epoch costs about as much as one of plain matrix factorisation.
    const float norm = 1.0f / std::sqrt(static_cast<float>(implicitSet.size()));
    const auto decay =
        static_cast<float>(std::pow(1.0 - static_cast<double>(lr) * l2, double(books.size())));
    const float step = lr * norm;
    for (std::int32_t j : implicitSet) {
        float* y = factors.implicit.row(j).data();
        for (std::size_t t = 0; t < dim; ++t)
            y[t] = decay * y[t] + step * gradient[t];
    }
    return squaredErrors;
}

TrainResult trainImplicit(Model& model, const TrainingData& data, const ImplicitSets& sets,
                          const ImplicitConfig& config, const TrainCallbacks& callbacks,
                          const std::atomic<bool>& cancel, ImplicitFactors* trained) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    validateImplicitConfig(config);
    if (model.kind() != ModelKind::Dot || model.parameters().size() != 4)
        throw std::invalid_argument("implicit-feedback training needs a dot model with biases");
    if (sets.start.size() != static_cast<std::size_t>(model.userRows()) + 1)
        throw std::invalid_argument("the implicit sets do not match the model's readers");
    const RatingRows& train = data.train;
    if (train.size() == 0)
        throw std::invalid_argument("there are no training ratings");

    ImplicitEpochs work(model, data, sets, config);
    EpochLoop loop;
    loop.epochs = config.epochs;
    loop.earlyStopPatience = config.earlyStopPatience;
    loop.pollEvery = 256; // readers: a few milliseconds at d = 128
    TrainResult result = runEpochs(model, work, loop, callbacks, cancel);
    result.test = evaluateModel(model, data.test, config.clipPredictions, config.scale);
    if (trained)
        *trained = std::move(work.factors());
    return result;
}

} // namespace shelfscope
