#include "train/BprTrainer.h"

#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

} // namespace

TrainResult trainBpr(Model& model, const TrainingData& data, const BprConfig& config,
                     const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (model.kind() != ModelKind::Dot || model.parameters().size() != 4)
        throw std::invalid_argument("BPR trains a dot model with biases");
    if (config.epochs < 1 || !(config.learningRate > 0.0f) || !(config.l2 >= 0.0f))
        throw std::invalid_argument("BPR needs epochs >= 1, a learning rate above 0, l2 >= 0");
    const RatingRows& train = data.train;
    if (train.size() == 0)
        throw std::invalid_argument("there are no training ratings");
    Matrix& users = model.parameters()[0].values;
    Matrix& books = model.parameters()[1].values;
    Matrix& bookBias = model.parameters()[3].values;
    const std::int32_t bookRows = model.bookRows();
    // Each reader's rated books, sorted, to reject negatives the reader did rate.
    std::vector<std::int64_t> start(static_cast<std::size_t>(model.userRows()) + 1, 0);
    for (std::int32_t u : train.users)
        ++start[static_cast<std::size_t>(u) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<std::int32_t> rated(train.size());
    {
        std::vector<std::int64_t> next(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < train.size(); ++i)
            rated[static_cast<std::size_t>(next[static_cast<std::size_t>(train.users[i])]++)] =
                train.books[i];
        for (std::size_t u = 0; u + 1 < start.size(); ++u)
            std::sort(rated.begin() + start[u], rated.begin() + start[u + 1]);
    }
    const auto hasRated = [&](std::int32_t u, std::int32_t b) {
        const auto first = rated.begin() + start[static_cast<std::size_t>(u)];
        const auto last = rated.begin() + start[static_cast<std::size_t>(u) + 1];
        return std::binary_search(first, last, b);
    };
    // Books that exist (raw-id tables have rows no book maps to: never sample those).
    std::vector<std::int32_t> candidates;
    {
        std::vector<std::uint8_t> present(static_cast<std::size_t>(bookRows), 0);
        for (std::int32_t b : train.books)
            present[static_cast<std::size_t>(b)] = 1;
        for (std::int32_t b = 0; b < bookRows; ++b)
            if (present[static_cast<std::size_t>(b)])
                candidates.push_back(b);
    }
    Random random(config.seed);
    std::vector<std::size_t> order(train.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const float lr = config.learningRate;
    const float l2 = config.l2;
    const Eigen::Index dim = users.cols();
    Eigen::VectorXf difference(dim);
    TrainResult result;
    const Clock::time_point trainingStart = Clock::now();
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        const Clock::time_point epochStart = Clock::now();
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[static_cast<std::size_t>(random.below(i))]);
        double lossSum = 0.0;
        Clock::time_point lastReport = epochStart;
        for (std::size_t step = 0; step < order.size(); ++step) {
            if ((step & 4095) == 0) {
                if (cancel.load(std::memory_order_relaxed)) {
                    result.outcome = TrainOutcome::Cancelled;
                    result.message = "stopped in epoch " + std::to_string(epoch);
                    break;
                }
                const Clock::time_point now = Clock::now();
                if (callbacks.progress && step > 0 && secondsBetween(lastReport, now) >= 0.05) {
                    lastReport = now;
                    const double elapsed = secondsBetween(epochStart, now);
                    TrainProgress progress;
                    progress.epoch = epoch;
                    progress.epochs = config.epochs;
                    progress.batch = static_cast<std::int64_t>(step / 4096);
                    progress.batches = static_cast<std::int64_t>((order.size() + 4095) / 4096);
                    progress.runningLoss = progress.recentLoss =
                        lossSum / static_cast<double>(step);
                    progress.ratingsPerSecond = static_cast<double>(step) / elapsed;
                    progress.etaSeconds =
                        elapsed / static_cast<double>(step) *
                        static_cast<double>(order.size() * static_cast<std::size_t>(config.epochs) -
                                            order.size() * static_cast<std::size_t>(epoch - 1) -
                                            step);
                    callbacks.progress(progress);
                }
            }
            const std::size_t row = order[step];
            const std::int32_t u = train.users[row];
            const std::int32_t i = train.books[row];
            std::int32_t j = i;
            for (int attempt = 0; attempt < 16 && (j == i || hasRated(u, j)); ++attempt)
                j = candidates[static_cast<std::size_t>(random.below(candidates.size()))];
            if (j == i || hasRated(u, j))
                continue; // a reader who rated nearly everything: no negative to learn from
            difference = books.row(i).transpose() - books.row(j).transpose();
            const float x = bookBias(i, 0) - bookBias(j, 0) + users.row(u).dot(difference);
            // d/dx of log sigma(x) is sigma(-x).
            const float g = 1.0f / (1.0f + std::exp(x));
            lossSum += x > 0 ? std::log1p(std::exp(-x)) : -x + std::log1p(std::exp(x));
            const Eigen::RowVectorXf userRow = users.row(u);
            users.row(u) += lr * (g * difference.transpose() - l2 * userRow);
            books.row(i) += lr * (g * userRow - l2 * books.row(i));
            books.row(j) += lr * (-g * userRow - l2 * books.row(j));
            bookBias(i, 0) += lr * (g - l2 * bookBias(i, 0));
            bookBias(j, 0) += lr * (-g - l2 * bookBias(j, 0));
        }
        if (result.outcome != TrainOutcome::Finished)
            break;
        EpochReport report;
        report.epoch = epoch;
        report.trainLoss = lossSum / static_cast<double>(order.size());
        report.seconds = secondsBetween(epochStart, Clock::now());
        report.ratingsPerSecond =
            static_cast<double>(order.size()) / std::max(report.seconds, 1e-9);
        if (!std::isfinite(report.trainLoss)) {
            result.outcome = TrainOutcome::Diverged;
            result.message = "BPR training diverged in epoch " + std::to_string(epoch) +
                             "; try a lower learning rate";
            break;
        }
        result.epochs.push_back(report);
        result.bestEpoch = epoch;
        if (callbacks.epochFinished)
            callbacks.epochFinished(report);
        if (callbacks.epochModel)
            callbacks.epochModel(epoch, model);
    }
    result.trainSeconds = secondsBetween(trainingStart, Clock::now());
    result.ratingsPerSecond = static_cast<double>(order.size()) * result.epochs.size() /
                              std::max(result.trainSeconds, 1e-9);
    return result;
}

} // namespace shelfscope
