#include "train/ImplicitTrainer.h"

#include "config/OptionTable.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

namespace {

enum : std::size_t { UserEmbedding, BookEmbedding, UserBias, BookBias };

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

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

/// What an epoch may have to give back: the weights it started from.
struct Snapshot {
    Matrix books, userBias, bookBias, users, implicit;
};

Snapshot take(const Model& model, const ImplicitFactors& factors) {
    const auto& p = model.parameters();
    return {p[BookEmbedding].values, p[UserBias].values, p[BookBias].values, factors.users,
            factors.implicit};
}

void putBack(const Snapshot& s, Model& model, ImplicitFactors& factors) {
    auto& p = model.parameters();
    p[BookEmbedding].values = s.books;
    p[UserBias].values = s.userBias;
    p[BookBias].values = s.bookBias;
    factors.users = s.users;
    factors.implicit = s.implicit;
}

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

    const ReaderRows byReader = groupByReader(train, model.userRows());
    std::vector<std::int32_t> readers;
    for (std::int32_t u = 0; u < model.userRows(); ++u)
        if (byReader.start[static_cast<std::size_t>(u) + 1] >
            byReader.start[static_cast<std::size_t>(u)])
            readers.push_back(u);
    ImplicitFactors factors = initialImplicitFactors(model);
    Random random(config.seed);
    std::vector<std::int32_t> rowOrder = byReader.rows;
    std::vector<std::int32_t> books;
    std::vector<float> ratings;
    std::vector<float> scratch;
    float learningRate = config.learningRate;
    const std::int64_t blocks = static_cast<std::int64_t>((readers.size() + 255) / 256);
    const auto ratingCount = static_cast<double>(train.size());

    TrainResult result;
    double trainingSeconds = 0.0;
    double bestValidation = std::numeric_limits<double>::infinity();
    Snapshot best;
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        const Snapshot before = take(model, factors);
        const Clock::time_point epochStart = Clock::now();
        for (std::size_t i = readers.size(); i > 1; --i)
            std::swap(readers[i - 1], readers[static_cast<std::size_t>(random.below(i))]);
        double squaredErrors = 0.0;
        double ratingsDone = 0.0;
        double reportedErrors = 0.0;
        double reportedRatings = 0.0;
        Clock::time_point lastReport = epochStart;
        for (std::size_t r = 0; r < readers.size(); ++r) {
            if ((r & 255) == 0 && r > 0) {
                if (cancel.load(std::memory_order_relaxed)) {
                    result.outcome = TrainOutcome::Cancelled;
                    result.message = "stopped in epoch " + std::to_string(epoch);
                    break;
                }
                const Clock::time_point now = Clock::now();
                if (callbacks.progress && secondsBetween(lastReport, now) >= 0.05) {
                    lastReport = now;
                    const double elapsed = secondsBetween(epochStart, now);
                    TrainProgress progress;
                    progress.epoch = epoch;
                    progress.epochs = config.epochs;
                    progress.batch = static_cast<std::int64_t>(r / 256);
                    progress.batches = blocks;
                    progress.runningLoss = squaredErrors / ratingsDone;
                    progress.recentLoss = (squaredErrors - reportedErrors) /
                                          std::max(ratingsDone - reportedRatings, 1.0);
                    reportedErrors = squaredErrors;
                    reportedRatings = ratingsDone;
                    progress.ratingsPerSecond = ratingsDone / std::max(elapsed, 1e-9);
                    progress.etaSeconds = elapsed / ratingsDone *
                                          (ratingCount * (config.epochs - epoch + 1) - ratingsDone);
                    callbacks.progress(progress);
                }
            }
            const std::int32_t u = readers[r];
            const auto first =
                static_cast<std::size_t>(byReader.start[static_cast<std::size_t>(u)]);
            const auto last =
                static_cast<std::size_t>(byReader.start[static_cast<std::size_t>(u) + 1]);
            for (std::size_t i = last - first; i > 1; --i)
                std::swap(rowOrder[first + i - 1],
                          rowOrder[first + static_cast<std::size_t>(random.below(i))]);
            books.clear();
            ratings.clear();
            for (std::size_t i = first; i < last; ++i) {
                books.push_back(train.books[static_cast<std::size_t>(rowOrder[i])]);
                ratings.push_back(train.ratings[static_cast<std::size_t>(rowOrder[i])]);
            }
            squaredErrors += implicitReaderStep(model, factors, u, books, ratings, sets.of(u),
                                                learningRate, config, scratch);
            ratingsDone += static_cast<double>(books.size());
        }
        const double seconds = secondsBetween(epochStart, Clock::now());
        trainingSeconds += seconds;
        if (result.outcome == TrainOutcome::Cancelled)
            break;
        if (!std::isfinite(squaredErrors)) {
            putBack(before, model, factors);
            result.outcome = TrainOutcome::Diverged;
            result.message = "training diverged in epoch " + std::to_string(epoch) +
                             " (a non-finite loss); the weights of epoch " +
                             std::to_string(epoch - 1) + " are kept; try a lower learning rate";
            break;
        }
        learningRate *= config.learningRateDecay;
        foldImplicitFactors(factors, sets, model);
        EpochReport report;
        report.epoch = epoch;
        report.trainLoss = squaredErrors / ratingCount;
        report.seconds = seconds;
        report.ratingsPerSecond = ratingCount / std::max(seconds, 1e-9);
        report.test = evaluateModel(model, data.test, config.clipPredictions, config.scale);
        if (data.validation.size() > 0)
            report.validation =
                evaluateModel(model, data.validation, config.clipPredictions, config.scale);
        result.epochs.push_back(report);
        if (callbacks.epochFinished)
            callbacks.epochFinished(report);
        if (callbacks.epochModel)
            callbacks.epochModel(epoch, model);
        if (config.earlyStopPatience == 0 || !report.validation) {
            result.bestEpoch = epoch;
            continue;
        }
        if (report.validation->rmse < bestValidation) {
            bestValidation = report.validation->rmse;
            result.bestEpoch = epoch;
            best = take(model, factors);
        } else if (epoch - result.bestEpoch >= config.earlyStopPatience) {
            putBack(best, model, factors);
            result.outcome = TrainOutcome::EarlyStopped;
            result.message = "validation RMSE last improved in epoch " +
                             std::to_string(result.bestEpoch) + "; its weights are kept";
            break;
        }
    }
    // Stopped or diverged: the model holds what was reached (the finished readers' steps, or
    // the last good epoch's weights), folded the same way.
    foldImplicitFactors(factors, sets, model);
    result.trainSeconds = trainingSeconds;
    result.ratingsPerSecond =
        ratingCount * static_cast<double>(result.epochs.size()) / std::max(trainingSeconds, 1e-9);
    result.test = evaluateModel(model, data.test, config.clipPredictions, config.scale);
    if (trained)
        *trained = std::move(factors);
    return result;
}

} // namespace shelfscope
