#include "train/GenericSteps.h"

#include "model/PrefetchRows.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace shelfscope {

namespace {

/// [begin, end) of part `part` when `count` items are shared among `parts`.
std::pair<std::size_t, std::size_t> shareOf(std::size_t count, int part, int parts) {
    const std::size_t each =
        (count + static_cast<std::size_t>(parts) - 1) / static_cast<std::size_t>(parts);
    const std::size_t begin = std::min(count, each * static_cast<std::size_t>(part));
    return {begin, std::min(count, begin + each)};
}

} // namespace

GenericSteps::GenericSteps(Model& model, std::unique_ptr<Optimizer> optimizer, float l2,
                           int threads)
    : model_(model), optimizer_(std::move(optimizer)), lazyRows_(optimizer_->lazyRows()), l2_(l2),
      userStamp_(static_cast<std::size_t>(model.userRows()), -1),
      bookStamp_(static_cast<std::size_t>(model.bookRows()), -1) {
    optimizer_->attach(model.parameters());
    threads = std::max(1, threads);
    if (threads > 1)
        pool_ = std::make_unique<StepPool>(threads);
    else if (lazyRows_)
        rowSettler_ = std::make_unique<OptimizerRowSettler>(model.parameters(), *lazyRows_);
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
}

GenericSteps::~GenericSteps() = default;

double GenericSteps::step(std::int64_t /*index*/, const Batch& batch) {
    collectBatchRows(batch, rows_, userStamp_, bookStamp_);
    optimizer_->beginStep();
    return pool_ ? parallelStep(batch) : sequentialStep(batch);
}

void GenericSteps::prefetch(const Batch& batch) const {
    const std::vector<Parameter>& parameters = model_.parameters();
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        if (parameters[p].axis == ParameterAxis::Dense)
            continue;
        const auto ids = parameters[p].axis == ParameterAxis::User ? batch.users : batch.books;
        const Matrix& values = parameters[p].values;
        prefetchTableRows(values, ids, static_cast<std::size_t>(values.cols()) * sizeof(float));
        if (lazyRows_)
            lazyRows_->prefetchRows(p, ids);
    }
}

void GenericSteps::synchronize() {
    if (lazyRows_)
        lazyRows_->synchronize(model_.parameters());
}

std::span<const std::int32_t> GenericSteps::rowsOf(const Parameter& p) const {
    return p.axis == ParameterAxis::User ? std::span<const std::int32_t>(rows_.users)
                                         : std::span<const std::int32_t>(rows_.books);
}

void GenericSteps::prepareRows(int part, int parts) {
    if (!lazyRows_)
        return;
    std::vector<Parameter>& parameters = model_.parameters();
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        if (parameters[p].axis == ParameterAxis::Dense)
            continue;
        const auto rows = rowsOf(parameters[p]);
        const auto [begin, end] = shareOf(rows.size(), part, parts);
        lazyRows_->prepareRows(p, parameters[p], rows.subspan(begin, end - begin));
    }
}

double GenericSteps::sequentialStep(const Batch& batch) {
    std::vector<Parameter>& parameters = model_.parameters();
    prepareRows(0, 1);
    Part& part = parts_[0];
    part.loss = model_.computeGradients(batch, rows_, l2_, part.gradients, *part.workspace);
    if (!std::isfinite(part.loss.objective))
        return part.loss.objective;
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        if (parameters[p].axis == ParameterAxis::Dense)
            optimizer_->applyDense(p, parameters[p], part.gradients.perParameter[p]);
        else
            optimizer_->applyRows(p, parameters[p], rowsOf(parameters[p]),
                                  part.gradients.perParameter[p]);
    }
    return part.loss.objective;
}

double GenericSteps::parallelStep(const Batch& batch) {
    std::vector<Parameter>& parameters = model_.parameters();
    const int threads = pool_->size();
    // Settling a few rows costs less than a round trip to the helpers.
    if (rows_.users.size() + rows_.books.size() < 512)
        prepareRows(0, 1);
    else
        pool_->run([&](int t) { prepareRows(t, threads); });
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
        part.loss = model_.computeGradients(share, part.rows, l2_, part.gradients, *part.workspace);
    });
    double objective = 0.0;
    for (const Part& part : parts_)
        objective += part.loss.objective;
    if (!std::isfinite(objective))
        return objective;
    pool_->run([&](int t) {
        Gradients& total = parts_[0].gradients;
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            if (parameters[p].axis == ParameterAxis::Dense) {
                if (denseOwner_[p] != t)
                    continue;
                for (std::size_t k = 1; k < parts_.size(); ++k)
                    total.perParameter[p] += parts_[k].gradients.perParameter[p];
                optimizer_->applyDense(p, parameters[p], total.perParameter[p]);
                continue;
            }
            const auto rows = rowsOf(parameters[p]);
            const auto [begin, end] = shareOf(rows.size(), t, threads);
            const auto count = static_cast<Eigen::Index>(end - begin);
            auto block = total.perParameter[p].middleRows(static_cast<Eigen::Index>(begin), count);
            for (std::size_t k = 1; k < parts_.size(); ++k)
                block += parts_[k].gradients.perParameter[p].middleRows(
                    static_cast<Eigen::Index>(begin), count);
            optimizer_->applyRows(p, parameters[p], rows.subspan(begin, end - begin), block);
        }
    });
    return objective;
}

} // namespace shelfscope
