#include "train/Trainer.h"

#include "model/PrefetchRows.h"
#include "train/FusedDotAdam.h"
#include "train/SettleAhead.h"
#include "util/Random.h"
#include "util/StepPool.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

std::unique_ptr<Optimizer> makeOptimizer(const TrainConfig& config) {
    if (config.optimizer == OptimizerKind::Sgd)
        return makeSgd(config.sgdLearningRate);
    return makeAdam(config.adam, config.adamRows);
}

std::vector<Matrix> snapshot(const Model& model) {
    std::vector<Matrix> values;
    for (const Parameter& p : model.parameters())
        values.push_back(p.values);
    return values;
}

void restore(Model& model, const std::vector<Matrix>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        model.parameters()[i].values = values[i];
}

/// Rough arithmetic of one training step, to decide whether to split it among threads.
double multiplyAddsPerStep(const Model& model, int batchSize) {
    double perItem = 4.0 * model.config().dim;
    if (model.kind() == ModelKind::Neural)
        for (const Parameter& p : model.parameters())
            if (p.axis == ParameterAxis::Dense)
                perItem += 3.0 * static_cast<double>(p.values.size()); // forward + two backward
    return perItem * batchSize;
}

/// [begin, end) of part `part` when `count` items are shared among `parts`.
std::pair<std::size_t, std::size_t> shareOf(std::size_t count, int part, int parts) {
    const std::size_t each =
        (count + static_cast<std::size_t>(parts) - 1) / static_cast<std::size_t>(parts);
    const std::size_t begin = std::min(count, each * static_cast<std::size_t>(part));
    return {begin, std::min(count, begin + each)};
}

/// Fisher-Yates, as std::swap(items[i - 1], items[random.below(i)]) for i = n down to 2. The
/// items are megabytes and each swap reaches a random place among them: drawing the indices a
/// few swaps ahead (in the same sequence) lets the memory fetch them meanwhile.
template <typename Item> void shuffle(std::vector<Item>& items, Random& random) {
    constexpr std::size_t kAhead = 16;
    std::array<std::size_t, kAhead> drawn{};
    const std::size_t n = items.size();
    const auto draw = [&](std::size_t i) {
        const auto j = static_cast<std::size_t>(random.below(i));
        __builtin_prefetch(&items[j]);
        drawn[i % kAhead] = j;
    };
    for (std::size_t i = n; i > 1 && i + kAhead > n; --i)
        draw(i);
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = drawn[i % kAhead];
        if (i > kAhead + 1)
            draw(i - kAhead);
        std::swap(items[i - 1], items[j]);
    }
}

/// Runs training steps. With more than one thread, each step's batch is split among the
/// threads: they settle their share of the rows, compute gradients for their share of the
/// items, then add up and apply their share of the parameters. The split is fixed, so a given
/// thread count always gives the same result.
class StepRunner {
public:
    StepRunner(Model& model, Optimizer& optimizer, const TrainingData& data,
               const TrainConfig& config)
        : model_(model), optimizer_(optimizer), config_(config),
          userStamp_(static_cast<std::size_t>(model.userRows()), -1),
          bookStamp_(static_cast<std::size_t>(model.bookRows()), -1) {
        // Handing half a step to another core costs microseconds and, on this project's
        // 2-core VMs, sometimes much more; measured, it pays from about a million
        // multiply-adds a step (tuned-nn: 1.5x) and loses below (notebook-nn, tuned-dot).
        const bool worthSplitting = multiplyAddsPerStep(model, config.batchSize) >= 1'000'000;
        const int threads = worthSplitting ? std::max(1, config.threads) : 1;
        if (threads == 1 && config.fusedDotAdam && config.optimizer == OptimizerKind::Adam &&
            config.adamRows == AdamRows::DenseEquivalent && FusedDotAdam::handles(model))
            fused_ = std::make_unique<FusedDotAdam>(model, config.adam, config.l2);
        else
            optimizer.attach(model.parameters());
        if (threads > 1)
            pool_ = std::make_unique<StepPool>(threads);
        // Steps too small to split still leave the second core a job: settling coming rows.
        else if (config.threads > 1 && (fused_ || optimizer.settlesRowsAhead())) {
            RowSettler* settler = fused_.get();
            if (!fused_) {
                rowSettler_ = std::make_unique<OptimizerRowSettler>(model.parameters(), optimizer);
                settler = rowSettler_.get();
            }
            settleAhead_ =
                std::make_unique<SettleAhead>(*settler, model.userRows(), model.bookRows());
        }
        parts_.resize(static_cast<std::size_t>(threads));
        // Dense parameters go whole to one thread each, largest first to the least loaded.
        std::vector<std::size_t> order(model.parameters().size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return model.parameters()[a].values.size() > model.parameters()[b].values.size();
        });
        std::vector<Eigen::Index> load(static_cast<std::size_t>(threads), 0);
        denseOwner_.assign(order.size(), 0);
        for (std::size_t p : order) {
            if (model.parameters()[p].axis != ParameterAxis::Dense)
                continue;
            const auto least =
                static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
            denseOwner_[p] = static_cast<int>(least);
            load[least] += model.parameters()[p].values.size();
        }
        for (Part& part : parts_)
            part.workspace = model.createWorkspace();
        epochRatings_.resize(data.train.size());
        for (std::size_t i = 0; i < epochRatings_.size(); ++i)
            epochRatings_[i] = {data.train.users[i], data.train.books[i], data.train.ratings[i]};
    }

    /// Shuffles the training ratings into the epoch's order and lays them out column by column
    /// for the steps. The ratings themselves are shuffled, one (user, book, rating) record per
    /// swap, not an index into the columns: a shuffled index would cost a random visit to each
    /// of the three columns per rating on top of the swap. The same swaps in the same order, so
    /// epoch e holds the ratings in the order a shuffled index would give.
    void beginEpoch(Random& shuffler) {
        shuffle(epochRatings_, shuffler);
        const std::size_t n = epochRatings_.size();
        users_.resize(n);
        books_.resize(n);
        ratings_.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            users_[i] = epochRatings_[i].user;
            books_[i] = epochRatings_[i].book;
            ratings_[i] = epochRatings_[i].rating;
        }
        if (settleAhead_)
            settleAhead_->beginEpoch(users_, books_, static_cast<std::size_t>(config_.batchSize),
                                     (fused_ ? fused_->steps() : optimizer_.step()) + 1);
    }

    /// The batch count of the epoch at which training can stop early, at least batchesDone:
    /// rows settled ahead for coming batches make those batches part of the run.
    std::int64_t stopSoon(std::int64_t batchesDone) {
        return settleAhead_ ? settleAhead_->stopSoon(batchesDone) : batchesDone;
    }

    /// Brings every row up to date and the model's weights with them (before evaluating,
    /// saving or copying them).
    void synchronize() {
        if (fused_)
            fused_->synchronize();
        else
            optimizer_.synchronize(model_.parameters());
    }

    /// Lets the helper finish before the weights are replaced.
    void quiesce() {
        if (settleAhead_)
            settleAhead_->quiesce();
    }

    /// Runs the step on the epoch's ratings [begin, begin + count). Returns false when the batch
    /// loss was not finite (training diverged).
    bool step(std::size_t begin, std::size_t count, double& objective) {
        const Batch batch{std::span(users_).subspan(begin, count),
                          std::span(books_).subspan(begin, count),
                          std::span(ratings_).subspan(begin, count)};
        if (settleAhead_)
            settleAhead_->beforeBatch(
                static_cast<std::int64_t>(begin / static_cast<std::size_t>(config_.batchSize)));
        prefetchRowsOfBatchAt(begin + count, count);
        if (fused_) {
            objective = fused_->step(batch);
            return std::isfinite(objective);
        }
        collectBatchRows(batch, rows_, userStamp_, bookStamp_);
        optimizer_.beginStep();
        if (!pool_)
            return sequentialStep(batch, objective);
        return parallelStep(batch, objective);
    }

private:
    struct Part {
        std::unique_ptr<ModelWorkspace> workspace;
        Gradients gradients;
        BatchRows rows;
        BatchLoss loss;
    };

    /// The embedding rows a step reads are scattered over tables of megabytes; asking for the
    /// next batch's rows while this one computes hides most of the memory latency.
    void prefetchRowsOfBatchAt(std::size_t begin, std::size_t count) const {
        if (begin >= users_.size())
            return;
        count = std::min(count, users_.size() - begin);
        if (fused_) {
            fused_->prefetchRows(ParameterAxis::User, std::span(users_).subspan(begin, count));
            fused_->prefetchRows(ParameterAxis::Book, std::span(books_).subspan(begin, count));
            return;
        }
        const std::vector<Parameter>& parameters = model_.parameters();
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            if (parameters[p].axis == ParameterAxis::Dense)
                continue;
            const auto ids = parameters[p].axis == ParameterAxis::User
                                 ? std::span(users_).subspan(begin, count)
                                 : std::span(books_).subspan(begin, count);
            const Matrix& values = parameters[p].values;
            prefetchTableRows(values, ids, static_cast<std::size_t>(values.cols()) * sizeof(float));
            optimizer_.prefetchRows(p, ids);
        }
    }

    std::span<const std::int32_t> rowsOf(const Parameter& p) const {
        return p.axis == ParameterAxis::User ? std::span<const std::int32_t>(rows_.users)
                                             : std::span<const std::int32_t>(rows_.books);
    }

    bool sequentialStep(const Batch& batch, double& objective) {
        std::vector<Parameter>& parameters = model_.parameters();
        for (std::size_t p = 0; p < parameters.size(); ++p)
            if (parameters[p].axis != ParameterAxis::Dense)
                optimizer_.prepareRows(p, parameters[p], rowsOf(parameters[p]));
        Part& part = parts_[0];
        part.loss =
            model_.computeGradients(batch, rows_, config_.l2, part.gradients, *part.workspace);
        objective = part.loss.objective;
        if (!std::isfinite(objective))
            return false;
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            if (parameters[p].axis == ParameterAxis::Dense)
                optimizer_.applyDense(p, parameters[p], part.gradients.perParameter[p]);
            else
                optimizer_.applyRows(p, parameters[p], rowsOf(parameters[p]),
                                     part.gradients.perParameter[p]);
        }
        return true;
    }

    bool parallelStep(const Batch& batch, double& objective) {
        std::vector<Parameter>& parameters = model_.parameters();
        const int threads = pool_->size();
        const auto prepareShare = [&](int t, int parts) {
            for (std::size_t p = 0; p < parameters.size(); ++p) {
                if (parameters[p].axis == ParameterAxis::Dense)
                    continue;
                const auto rows = rowsOf(parameters[p]);
                const auto [begin, end] = shareOf(rows.size(), t, parts);
                optimizer_.prepareRows(p, parameters[p], rows.subspan(begin, end - begin));
            }
        };
        // Settling a few rows costs less than a round trip to the helpers.
        if (rows_.users.size() + rows_.books.size() < 512)
            prepareShare(0, 1);
        else
            pool_->run([&](int t) { prepareShare(t, threads); });
        pool_->run([&](int t) {
            Part& part = parts_[static_cast<std::size_t>(t)];
            const auto [begin, end] = shareOf(batch.size(), t, threads);
            part.rows.users = rows_.users;
            part.rows.books = rows_.books;
            part.rows.userSlot.assign(rows_.userSlot.begin() + static_cast<long>(begin),
                                      rows_.userSlot.begin() + static_cast<long>(end));
            part.rows.bookSlot.assign(rows_.bookSlot.begin() + static_cast<long>(begin),
                                      rows_.bookSlot.begin() + static_cast<long>(end));
            Batch share{batch.users.subspan(begin, end - begin),
                        batch.books.subspan(begin, end - begin),
                        batch.ratings.subspan(begin, end - begin)};
            share.wholeBatchSize = batch.size();
            share.includeWeightPenalty = t == 0;
            part.loss = model_.computeGradients(share, part.rows, config_.l2, part.gradients,
                                                *part.workspace);
        });
        objective = 0.0;
        for (const Part& part : parts_)
            objective += part.loss.objective;
        if (!std::isfinite(objective))
            return false;
        pool_->run([&](int t) {
            Gradients& total = parts_[0].gradients;
            for (std::size_t p = 0; p < parameters.size(); ++p) {
                if (parameters[p].axis == ParameterAxis::Dense) {
                    if (denseOwner_[p] != t)
                        continue;
                    for (std::size_t k = 1; k < parts_.size(); ++k)
                        total.perParameter[p] += parts_[k].gradients.perParameter[p];
                    optimizer_.applyDense(p, parameters[p], total.perParameter[p]);
                    continue;
                }
                const auto rows = rowsOf(parameters[p]);
                const auto [begin, end] = shareOf(rows.size(), t, threads);
                const auto count = static_cast<Eigen::Index>(end - begin);
                auto block =
                    total.perParameter[p].middleRows(static_cast<Eigen::Index>(begin), count);
                for (std::size_t k = 1; k < parts_.size(); ++k)
                    block += parts_[k].gradients.perParameter[p].middleRows(
                        static_cast<Eigen::Index>(begin), count);
                optimizer_.applyRows(p, parameters[p], rows.subspan(begin, end - begin), block);
            }
        });
        return true;
    }

    Model& model_;
    Optimizer& optimizer_;
    const TrainConfig& config_;
    std::unique_ptr<StepPool> pool_;
    std::unique_ptr<FusedDotAdam> fused_;
    std::unique_ptr<RowSettler> rowSettler_;
    std::unique_ptr<SettleAhead> settleAhead_;
    std::vector<Part> parts_;
    std::vector<int> denseOwner_;
    std::vector<std::int32_t> userStamp_;
    std::vector<std::int32_t> bookStamp_;
    struct Rating {
        std::int32_t user;
        std::int32_t book;
        float rating;
    };
    std::vector<Rating> epochRatings_; // the training ratings in the current epoch's order
    std::vector<std::int32_t> users_;
    std::vector<std::int32_t> books_;
    std::vector<float> ratings_;
    BatchRows rows_;
};

} // namespace

const char* trainOutcomeName(TrainOutcome outcome) {
    switch (outcome) {
    case TrainOutcome::Finished:
        return "finished";
    case TrainOutcome::EarlyStopped:
        return "early-stopped";
    case TrainOutcome::Cancelled:
        return "stopped";
    case TrainOutcome::Diverged:
        return "diverged";
    }
    return "unknown";
}

void validateTrainConfig(const TrainConfig& config) {
    if (config.epochs < 1 || config.epochs > 10000)
        throw std::invalid_argument("epochs must be between 1 and 10000");
    if (config.batchSize < 1 || config.batchSize > 1'000'000)
        throw std::invalid_argument("the batch size must be between 1 and 1000000");
    if (!(config.l2 >= 0.0f && config.l2 <= 100.0f))
        throw std::invalid_argument("l2 must be between 0 and 100");
    if (config.threads < 1 || config.threads > 256)
        throw std::invalid_argument("threads must be between 1 and 256");
    if (config.earlyStopPatience < 0)
        throw std::invalid_argument("the early-stopping patience cannot be negative");
    if (config.optimizer == OptimizerKind::Sgd &&
        !(config.sgdLearningRate > 0.0f && config.sgdLearningRate <= 100.0f))
        throw std::invalid_argument("the learning rate must be above 0 and at most 100");
    if (config.optimizer == OptimizerKind::Adam &&
        !(config.adam.learningRate > 0.0f && config.adam.learningRate <= 100.0f))
        throw std::invalid_argument("the learning rate must be above 0 and at most 100");
}

ErrorMetrics evaluateModel(const Model& model, const RatingRows& rows, bool clip, RatingScale scale,
                           int threads) {
    std::vector<float> predictions(rows.size());
    const std::size_t parts = static_cast<std::size_t>(std::max(1, threads));
    const std::size_t chunk = (rows.size() + parts - 1) / parts;
    const auto predictRange = [&](std::size_t begin) {
        const std::size_t end = std::min(rows.size(), begin + chunk);
        if (begin >= end)
            return;
        model.predictBatch(std::span(rows.users).subspan(begin, end - begin),
                           std::span(rows.books).subspan(begin, end - begin),
                           std::span(predictions).subspan(begin, end - begin));
    };
    std::vector<std::thread> workers;
    for (std::size_t part = 1; part < parts; ++part)
        workers.emplace_back(predictRange, part * chunk);
    predictRange(0);
    for (std::thread& worker : workers)
        worker.join();
    return errorMetrics(predictions, rows.ratings, clip, scale);
}

TrainResult trainModel(Model& model, const TrainingData& data, const TrainConfig& config,
                       const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    validateTrainConfig(config);
    if (data.train.size() == 0)
        throw std::invalid_argument("there are no training ratings");
    if (config.earlyStopPatience > 0 && data.validation.size() == 0)
        throw std::invalid_argument("early stopping needs validation ratings");
    const std::unique_ptr<Optimizer> optimizer = makeOptimizer(config);
    StepRunner runner(model, *optimizer, data, config);

    TrainResult result;
    const std::size_t ratingCount = data.train.size();
    Random shuffler(config.shuffleSeed);
    const auto batchSize = static_cast<std::size_t>(config.batchSize);
    const auto batches = static_cast<std::int64_t>((ratingCount + batchSize - 1) / batchSize);
    std::vector<Matrix> lastGood = snapshot(model);
    std::vector<Matrix> best;
    double bestValidation = std::numeric_limits<double>::infinity();
    int epochsWithoutGain = 0;
    const auto started = Clock::now();
    double trainingSeconds = 0.0;

    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        const auto epochStart = Clock::now(); // the shuffle is part of the epoch's work
        runner.beginEpoch(shuffler);
        auto lastReport = epochStart;
        double objectiveSum = 0.0;
        std::int64_t batch = 0;
        std::int64_t stopAt = -1; // the batch count at which a cancelled epoch stops
        const auto stopCancelled = [&](std::int64_t done) {
            runner.synchronize();
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped in epoch " + std::to_string(epoch) + " at batch " +
                             std::to_string(done) + " of " + std::to_string(batches);
            result.bestEpoch = epoch - 1;
        };
        double reportedSum = 0.0;
        std::int64_t reportedBatches = 0;
        for (std::size_t start = 0; start < ratingCount; start += batchSize) {
            double objective = 0.0;
            const std::size_t count = std::min(batchSize, ratingCount - start);
            if (!runner.step(start, count, objective)) {
                runner.quiesce();
                restore(model, lastGood);
                result.outcome = TrainOutcome::Diverged;
                result.message = "training diverged in epoch " + std::to_string(epoch) +
                                 ", batch " + std::to_string(batch + 1) + " (the loss became " +
                                 (std::isnan(objective) ? "NaN" : "infinite") +
                                 "); the weights from the end of epoch " +
                                 std::to_string(epoch - 1) +
                                 " were kept. Try a lower learning rate.";
                result.bestEpoch = epoch - 1;
                break;
            }
            objectiveSum += objective;
            ++batch;
            if (batch == stopAt) {
                stopCancelled(batch);
                break;
            }
            if ((batch & 63) == 0 || batch == batches) {
                const auto now = Clock::now();
                if (stopAt < 0 && cancel.load(std::memory_order_relaxed)) {
                    stopAt = runner.stopSoon(batch);
                    if (stopAt == batch) {
                        stopCancelled(batch);
                        break;
                    }
                }
                if (callbacks.progress &&
                    (secondsBetween(lastReport, now) >= 0.05 || batch == batches)) {
                    lastReport = now;
                    const double elapsed = secondsBetween(epochStart, now);
                    TrainProgress progress;
                    progress.epoch = epoch;
                    progress.epochs = config.epochs;
                    progress.batch = batch;
                    progress.batches = batches;
                    progress.runningLoss = objectiveSum / static_cast<double>(batch);
                    progress.recentLoss =
                        (objectiveSum - reportedSum) / static_cast<double>(batch - reportedBatches);
                    reportedSum = objectiveSum;
                    reportedBatches = batch;
                    progress.ratingsPerSecond =
                        static_cast<double>(
                            std::min(ratingCount, static_cast<std::size_t>(batch) * batchSize)) /
                        std::max(elapsed, 1e-9);
                    const double perBatch = elapsed / static_cast<double>(batch);
                    progress.etaSeconds =
                        perBatch *
                        static_cast<double>((batches - batch) + (config.epochs - epoch) * batches);
                    callbacks.progress(progress);
                }
            }
        }
        if (result.outcome != TrainOutcome::Finished)
            break;
        runner.quiesce();
        runner.synchronize();
        const double epochSeconds = secondsBetween(epochStart, Clock::now());
        if (cancel.load(std::memory_order_relaxed)) { // evaluating would delay the stop
            result.outcome = TrainOutcome::Cancelled;
            result.message = "stopped at the end of epoch " + std::to_string(epoch);
            result.bestEpoch = epoch;
            break;
        }
        trainingSeconds += epochSeconds;

        EpochReport report;
        report.epoch = epoch;
        report.trainLoss = objectiveSum / static_cast<double>(std::max<std::int64_t>(batch, 1));
        report.seconds = epochSeconds;
        report.ratingsPerSecond = static_cast<double>(ratingCount) / std::max(epochSeconds, 1e-9);
        report.test =
            evaluateModel(model, data.test, config.clipPredictions, config.scale, config.threads);
        if (data.validation.size() > 0)
            report.validation = evaluateModel(model, data.validation, config.clipPredictions,
                                              config.scale, config.threads);
        result.epochs.push_back(report);
        if (callbacks.epochFinished)
            callbacks.epochFinished(report);
        lastGood = snapshot(model);
        result.bestEpoch = epoch;

        if (config.earlyStopPatience > 0) {
            if (report.validation->rmse < bestValidation) {
                bestValidation = report.validation->rmse;
                best = lastGood;
                epochsWithoutGain = 0;
            } else if (++epochsWithoutGain >= config.earlyStopPatience) {
                result.outcome = TrainOutcome::EarlyStopped;
                break;
            }
        }
    }
    if (config.earlyStopPatience > 0 && !best.empty() && result.outcome != TrainOutcome::Diverged) {
        restore(model, best);
        for (const EpochReport& report : result.epochs)
            if (report.validation && report.validation->rmse == bestValidation)
                result.bestEpoch = report.epoch;
        if (result.outcome == TrainOutcome::EarlyStopped)
            result.message =
                "validation RMSE stopped improving; kept epoch " + std::to_string(result.bestEpoch);
    }
    result.trainSeconds =
        trainingSeconds > 0 ? trainingSeconds : secondsBetween(started, Clock::now());
    const double ratingsSeen =
        static_cast<double>(data.train.size()) * static_cast<double>(result.epochs.size());
    result.ratingsPerSecond = ratingsSeen / std::max(trainingSeconds, 1e-9);
    result.test =
        evaluateModel(model, data.test, config.clipPredictions, config.scale, config.threads);
    return result;
}

} // namespace shelfscope
