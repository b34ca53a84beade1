#include "train/ImplicitAls.h"

#include "util/ComputeThread.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

/// Rows per block: a block of 128 reader rows takes about a millisecond at d = 64, so a cancel
/// is seen within milliseconds and blocks are small enough to share evenly.
constexpr std::int32_t kBlockRows = 128;

std::int32_t blockCount(std::int32_t rows) {
    return (rows + kBlockRows - 1) / kBlockRows;
}

/// Runs work(block) for every block of `rows` rows on `threads` threads (the caller's among
/// them), each block once; `between` runs on the caller's thread after each of its blocks.
/// Returns false when cancelled (blocks already started are finished).
bool forEachBlock(std::int32_t rows, int threads, const std::atomic<bool>& cancel,
                  const std::function<void(std::int32_t begin, std::int32_t end)>& work,
                  const std::function<void()>& between) {
    const std::int32_t blocks = blockCount(rows);
    std::atomic<std::int32_t> next{0};
    std::atomic<bool> stopped{false};
    const auto run = [&](bool caller) {
        for (;;) {
            if (cancel.load(std::memory_order_relaxed)) {
                stopped.store(true);
                return;
            }
            const std::int32_t block = next.fetch_add(1);
            if (block >= blocks)
                return;
            const std::int32_t begin = block * kBlockRows;
            work(begin, std::min(rows, begin + kBlockRows));
            if (caller && between)
                between();
        }
    };
    std::vector<std::thread> helpers;
    const int extra = std::max(0, std::min(threads, static_cast<int>(blocks)) - 1);
    for (int t = 0; t < extra; ++t)
        helpers.push_back(startComputeThread([&run] { run(false); }));
    run(true);
    for (std::thread& helper : helpers)
        helper.join();
    return !stopped.load();
}

} // namespace

void validateImplicitAlsConfig(const ImplicitAlsConfig& c) {
    if (c.iterations < 1)
        throw std::invalid_argument("implicit ALS needs at least one iteration");
    // Lambda 0 is allowed: the solves stay defined (conjugate gradient stops on a direction
    // of zero curvature, the direct solve zeroes a null pivot), as the option's range says.
    if (!(c.regularization >= 0.0f) || !std::isfinite(c.regularization))
        throw std::invalid_argument("implicit ALS needs a regularization of 0 or more");
    if (!(c.confidence.alpha >= 0.0f) || !std::isfinite(c.confidence.alpha))
        throw std::invalid_argument("implicit ALS needs alpha >= 0");
    if (!(c.confidence.toReadWeight >= 0.0f) || !std::isfinite(c.confidence.toReadWeight))
        throw std::invalid_argument("implicit ALS needs a to-read weight >= 0");
    if (!std::isfinite(c.confidence.minRating))
        throw std::invalid_argument("implicit ALS needs a finite minimum rating");
    if (c.cgSteps < 1)
        throw std::invalid_argument("implicit ALS needs at least one conjugate-gradient step");
    if (c.threads < 1)
        throw std::invalid_argument("implicit ALS needs at least one thread");
}

ImplicitSignals implicitSignals(const RatingRows& train, const ImplicitConfidence& confidence,
                                std::span<const std::int32_t> toReadUsers,
                                std::span<const std::int32_t> toReadBooks) {
    if (toReadUsers.size() != toReadBooks.size())
        throw std::invalid_argument("one book per to-read reader is needed");
    ImplicitSignals observed;
    const bool toRead = confidence.toReadWeight > 0.0f;
    const std::size_t capacity = train.size() + (toRead ? toReadUsers.size() : 0);
    observed.users.reserve(capacity);
    observed.books.reserve(capacity);
    observed.weights.reserve(capacity);
    for (std::size_t i = 0; i < train.size(); ++i)
        if (train.ratings[i] >= confidence.minRating) {
            observed.users.push_back(train.users[i]);
            observed.books.push_back(train.books[i]);
            observed.weights.push_back(confidence.alpha);
        }
    if (toRead)
        for (std::size_t i = 0; i < toReadUsers.size(); ++i) {
            observed.users.push_back(toReadUsers[i]);
            observed.books.push_back(toReadBooks[i]);
            observed.weights.push_back(confidence.toReadWeight);
        }
    return observed;
}

namespace {

/// The observed pairs' part of the objective for readers [begin, end): for each pair,
/// (1 + w)(1 - s)^2 replaces the s^2 that the Gram term counted for it.
double observedTerm(const Matrix& users, const Matrix& books, const SparseRows& byUser,
                    std::int32_t begin, std::int32_t end) {
    double sum = 0.0;
    for (std::int32_t u = begin; u < end; ++u) {
        const auto cols = byUser.colsOf(u);
        const auto weights = byUser.weightsOf(u);
        for (std::size_t k = 0; k < cols.size(); ++k) {
            const double s = users.row(u).dot(books.row(cols[k]));
            sum += (1.0 + weights[k]) * (1.0 - s) * (1.0 - s) - s * s;
        }
    }
    return sum;
}

double objectiveFromGrams(const Matrix& users, const Matrix& books, const Gram& userGram,
                          const Gram& bookGram, double observed, float regularization) {
    const double unobserved = userGram.cast<double>().cwiseProduct(bookGram.cast<double>()).sum();
    const double penalty =
        static_cast<double>(regularization) *
        (users.cast<double>().squaredNorm() + books.cast<double>().squaredNorm());
    return unobserved + observed + penalty;
}

} // namespace

double implicitObjective(const Matrix& users, const Matrix& books, const SparseRows& byUser,
                         float regularization) {
    return objectiveFromGrams(
        users, books, regularizedGram(users, 0.0f), regularizedGram(books, 0.0f),
        observedTerm(users, books, byUser, 0, byUser.rowCount()), regularization);
}

TrainResult trainImplicitAls(Model& model, const ImplicitSignals& observed,
                             const ImplicitAlsConfig& config, const TrainCallbacks& callbacks,
                             const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (model.kind() != ModelKind::Dot || model.parameters().size() != 2)
        throw std::invalid_argument("implicit ALS trains a dot model without biases");
    validateImplicitAlsConfig(config);
    if (observed.size() == 0)
        throw std::invalid_argument("there are no implicit signals to train on");
    Matrix& users = model.parameters()[0].values;
    Matrix& books = model.parameters()[1].values;
    const SparseRows byUser =
        groupByRow(model.userRows(), observed.users, observed.books, observed.weights);
    const SparseRows byBook =
        groupByRow(model.bookRows(), observed.books, observed.users, observed.weights);
    const std::int32_t userRows = model.userRows();
    const std::int32_t bookRows = model.bookRows();
    const std::int64_t blocksPerIteration = blockCount(userRows) + blockCount(bookRows);
    const auto pairs = static_cast<double>(byUser.cols.size());
    const float lambda = config.regularization;

    TrainResult result;
    const Clock::time_point trainingStart = Clock::now();
    Gram bookGram = regularizedGram(books, 0.0f); // Y^T Y of the current book factors
    // The starting point's objective: what the first iteration's progress reports show.
    double lastObjective =
        objectiveFromGrams(users, books, regularizedGram(users, 0.0f), bookGram,
                           observedTerm(users, books, byUser, 0, userRows), lambda);
    for (int iteration = 1; iteration <= config.iterations; ++iteration) {
        const Clock::time_point iterationStart = Clock::now();
        std::atomic<std::int64_t> blocksDone{0};
        Clock::time_point lastReport = iterationStart;
        const auto report = [&] {
            const Clock::time_point now = Clock::now();
            if (!callbacks.progress || secondsBetween(lastReport, now) < 0.05)
                return;
            lastReport = now;
            const auto done = blocksDone.load();
            const double elapsed = secondsBetween(iterationStart, now);
            const double fraction =
                static_cast<double>(done) / static_cast<double>(blocksPerIteration);
            TrainProgress progress;
            progress.epoch = iteration;
            progress.epochs = config.iterations;
            progress.batch = done;
            progress.batches = blocksPerIteration;
            progress.runningLoss = progress.recentLoss = lastObjective / pairs;
            progress.ratingsPerSecond = fraction * pairs / std::max(elapsed, 1e-9);
            progress.etaSeconds =
                fraction > 0.0
                    ? elapsed / fraction *
                          (static_cast<double>(config.iterations - iteration) + 1.0 - fraction)
                    : 0.0;
            callbacks.progress(progress);
        };
        const auto solveSide = [&](Matrix& solved, const Matrix& fixed, const Gram& gram,
                                   const SparseRows& rows) {
            return forEachBlock(
                solved.rows(), config.threads, cancel,
                [&](std::int32_t begin, std::int32_t end) {
                    CgWorkspace workspace(solved.cols());
                    for (std::int32_t r = begin; r < end; ++r)
                        conjugateGradientRow(gram, fixed, rows.colsOf(r), rows.weightsOf(r),
                                             config.cgSteps, solved.row(r).data(), workspace);
                    blocksDone.fetch_add(1);
                },
                report);
        };
        Gram gram = bookGram;
        gram.diagonal().array() += lambda;
        bool finished = solveSide(users, books, gram, byUser);
        Gram userGram = regularizedGram(users, 0.0f);
        if (finished) {
            gram = userGram;
            gram.diagonal().array() += lambda;
            finished = solveSide(books, users, gram, byBook);
        }
        if (!finished) {
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped in iteration " + std::to_string(iteration);
            break;
        }
        const double seconds = secondsBetween(iterationStart, Clock::now());
        // The objective, outside the iteration's time: blocks of readers add their observed
        // pairs' terms into their own slots, summed in order, so any thread count gives the same.
        bookGram = regularizedGram(books, 0.0f);
        std::vector<double> partial(static_cast<std::size_t>(blockCount(userRows)), 0.0);
        forEachBlock(userRows, config.threads, neverCancelled(),
                     [&](std::int32_t begin, std::int32_t end) {
                         partial[static_cast<std::size_t>(begin / kBlockRows)] =
                             observedTerm(users, books, byUser, begin, end);
                     },
                     {});
        double observed = 0.0;
        for (double p : partial)
            observed += p;
        lastObjective = objectiveFromGrams(users, books, userGram, bookGram, observed, lambda);
        EpochReport epoch;
        epoch.epoch = iteration;
        epoch.trainLoss = lastObjective / pairs;
        epoch.seconds = seconds;
        epoch.ratingsPerSecond = pairs / std::max(seconds, 1e-9);
        if (!std::isfinite(epoch.trainLoss)) {
            result.outcome = TrainOutcome::Diverged;
            result.message = "implicit ALS diverged in iteration " + std::to_string(iteration) +
                             "; try a larger regularization";
            break;
        }
        result.epochs.push_back(epoch);
        result.bestEpoch = iteration;
        if (callbacks.epochFinished)
            callbacks.epochFinished(epoch);
        if (callbacks.epochModel)
            callbacks.epochModel(iteration, model);
    }
    result.trainSeconds = secondsBetween(trainingStart, Clock::now());
    result.ratingsPerSecond =
        pairs * static_cast<double>(result.epochs.size()) / std::max(result.trainSeconds, 1e-9);
    return result;
}

} // namespace shelfscope
