#include "train/StepRunner.h"

#include "model/PrefetchRows.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace shelfscope {

namespace {

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

/// Fisher-Yates on the three columns in step, as swapping row i - 1 with row random.below(i)
/// for i = n down to 2. In place, so no second copy of the training rows (at 25M ratings a
/// copy is 240 MB). The columns are megabytes and each swap reaches a random place in them:
/// drawing the indices a few swaps ahead (in the same sequence) lets the memory fetch them
/// meanwhile.
void shuffleRows(std::vector<std::int32_t>& users, std::vector<std::int32_t>& books,
                 std::vector<float>& ratings, Random& random) {
    constexpr std::size_t kAhead = 16;
    std::array<std::size_t, kAhead> drawn{};
    const std::size_t n = ratings.size();
    const auto draw = [&](std::size_t i) {
        const auto j = static_cast<std::size_t>(random.below(i));
        __builtin_prefetch(&users[j]);
        __builtin_prefetch(&books[j]);
        __builtin_prefetch(&ratings[j]);
        drawn[i % kAhead] = j;
    };
    for (std::size_t i = n; i > 1 && i + kAhead > n; --i)
        draw(i);
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = drawn[i % kAhead];
        if (i > kAhead + 1)
            draw(i - kAhead);
        std::swap(users[i - 1], users[j]);
        std::swap(books[i - 1], books[j]);
        std::swap(ratings[i - 1], ratings[j]);
    }
}

} // namespace

StepRunner::StepRunner(Model& model, Optimizer& optimizer, const TrainingData& data,
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
        settleAhead_ = std::make_unique<SettleAhead>(*settler, model.userRows(), model.bookRows());
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
    users_ = data.train.users;
    books_ = data.train.books;
    ratings_ = data.train.ratings;
}

void StepRunner::beginEpoch(Random& shuffler) {
    shuffleRows(users_, books_, ratings_, shuffler);
    if (settleAhead_)
        settleAhead_->beginEpoch(users_, books_, static_cast<std::size_t>(config_.batchSize),
                                 (fused_ ? fused_->steps() : optimizer_.step()) + 1);
}

std::int64_t StepRunner::stopSoon(std::int64_t batchesDone) {
    return settleAhead_ ? settleAhead_->stopSoon(batchesDone) : batchesDone;
}

void StepRunner::synchronize() {
    if (fused_)
        fused_->synchronize();
    else
        optimizer_.synchronize(model_.parameters());
}

void StepRunner::quiesce() {
    if (settleAhead_)
        settleAhead_->quiesce();
}

bool StepRunner::step(std::size_t begin, std::size_t count, double& objective) {
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

void StepRunner::prefetchRowsOfBatchAt(std::size_t begin, std::size_t count) const {
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

std::span<const std::int32_t> StepRunner::rowsOf(const Parameter& p) const {
    return p.axis == ParameterAxis::User ? std::span<const std::int32_t>(rows_.users)
                                         : std::span<const std::int32_t>(rows_.books);
}

bool StepRunner::sequentialStep(const Batch& batch, double& objective) {
    std::vector<Parameter>& parameters = model_.parameters();
    for (std::size_t p = 0; p < parameters.size(); ++p)
        if (parameters[p].axis != ParameterAxis::Dense)
            optimizer_.prepareRows(p, parameters[p], rowsOf(parameters[p]));
    Part& part = parts_[0];
    part.loss = model_.computeGradients(batch, rows_, config_.l2, part.gradients, *part.workspace);
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

bool StepRunner::parallelStep(const Batch& batch, double& objective) {
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
        part.loss =
            model_.computeGradients(share, part.rows, config_.l2, part.gradients, *part.workspace);
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
            auto block = total.perParameter[p].middleRows(static_cast<Eigen::Index>(begin), count);
            for (std::size_t k = 1; k < parts_.size(); ++k)
                block += parts_[k].gradients.perParameter[p].middleRows(
                    static_cast<Eigen::Index>(begin), count);
            optimizer_.applyRows(p, parameters[p], rows.subspan(begin, end - begin), block);
        }
    });
    return true;
}

} // namespace shelfscope
