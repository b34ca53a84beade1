#include "train/ImplicitAls.h"

#include "train/EpochDriver.h"
#include "util/BlockRounds.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace shelfscope {

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

namespace {

/// Readers whose observed terms the objective sums as one partial; the partials are added in
/// order, so any thread count gives the same objective.
constexpr std::int32_t kObjectiveRows = 128;
/// The threads share a unit's rows in this many blocks, claimed one at a time. A unit ends
/// when its last block does, so small blocks keep a thread from idling there, and from waiting
/// long for a helper the machine has preempted in the middle of one.
constexpr std::int32_t kBlocksPerUnit = 128;
/// The most work a unit holds, counted in observed pairs: each conjugate-gradient pass costs a
/// row 4d flops per pair and 2d^2 for its product with the Gram, so a row counts as its pairs
/// plus d / 2. About 20 ms of one core at d = 64 (goodbooks-10k: 10 reader units and 5 book
/// units an iteration), so a cancel is seen within about 10 ms on two free cores. Smaller units
/// would add rounds, each a hand-over between the threads.
constexpr std::int64_t kUnitCost = std::int64_t{1} << 18;

/// Rows [begin, end) of one side, solved as one unit of the epoch driver.
struct RowRange {
    bool books = false;
    std::int32_t begin = 0;
    std::int32_t end = 0;
};

/// Implicit ALS for the epoch driver: an epoch is an iteration, its units are ranges of reader
/// rows (solved against the fixed book factors), then ranges of book rows (against the new
/// reader factors). A unit's rows go to the threads in blocks; each row's solve reads only the
/// other side, so the result does not depend on the thread count or the blocks. The objective
/// is known only when both halves are solved: assess computes it (outside the epoch's time),
/// and the units report no loss but a non-finite one if a solved row is not finite.
class AlsIterations final : public EpochWork {
public:
    AlsIterations(Model& model, const ImplicitSignals& observed, const ImplicitAlsConfig& config)
        : users_(model.parameters()[0].values), books_(model.parameters()[1].values),
          config_(config),
          byUser_(groupByRow(model.userRows(), observed.users, observed.books, observed.weights)),
          byBook_(groupByRow(model.bookRows(), observed.books, observed.users, observed.weights)),
          workspaces_(static_cast<std::size_t>(config.threads), CgWorkspace(users_.cols())),
          rounds_(config.threads, kBlocksPerUnit,
                  [this](std::int32_t block, int worker) { runBlock(block, worker); }) {
        addUnits(false, byUser_);
        addUnits(true, byBook_);
    }

    std::int64_t beginEpoch(int /*epoch*/) override {
        if (!bookGramCurrent_)
            bookGram_ = regularizedGram(books_, 0.0f);
        solveGram_ = bookGram_;
        solveGram_.diagonal().array() += config_.regularization;
        return static_cast<std::int64_t>(units_.size());
    }

    void runUnit(std::int64_t unit, double& lossSum, double& lossCount) override {
        range_ = units_[static_cast<std::size_t>(unit)];
        if (range_.books && range_.begin == 0) { // every reader row is solved: the book half
            userGram_ = regularizedGram(users_, 0.0f);
            solveGram_ = userGram_;
            solveGram_.diagonal().array() += config_.regularization;
            bookGramCurrent_ = false;
        }
        task_ = Task::Solve;
        rounds_.run();
        const Matrix& solved = range_.books ? books_ : users_;
        lossSum = solved.middleRows(range_.begin, range_.end - range_.begin).allFinite()
                      ? 0.0
                      : std::numeric_limits<double>::quiet_NaN();
        lossCount = 0.0;
    }

    /// An iteration visits every observed pair twice, once from each side: half a pair each.
    std::int64_t itemsIn(std::int64_t units) const override {
        return pairsBefore_[static_cast<std::size_t>(units)] / 2;
    }

    /// The iteration's loss: the objective per observed pair.
    void assess(EpochReport& report) override {
        bookGram_ = regularizedGram(books_, 0.0f); // the next iteration's too
        bookGramCurrent_ = true;
        partials_.assign(
            static_cast<std::size_t>((byUser_.rowCount() + kObjectiveRows - 1) / kObjectiveRows),
            0.0);
        task_ = Task::Objective;
        rounds_.run();
        double observed = 0.0;
        for (double partial : partials_)
            observed += partial;
        report.trainLoss = objectiveFromGrams(users_, books_, userGram_, bookGram_, observed,
                                              config_.regularization) /
                           static_cast<double>(byUser_.cols.size());
    }

private:
    enum class Task { Solve, Objective };

    void addUnits(bool books, const SparseRows& rows) {
        const std::int64_t gramCost = users_.cols() / 2;
        std::int32_t begin = 0;
        std::int64_t cost = 0;
        const auto close = [&](std::int32_t end) {
            units_.push_back({books, begin, end});
            pairsBefore_.push_back(pairsBefore_.back() + rows.start[static_cast<std::size_t>(end)] -
                                   rows.start[static_cast<std::size_t>(begin)]);
            begin = end;
            cost = 0;
        };
        for (std::int32_t r = 0; r < rows.rowCount(); ++r) {
            const std::int64_t rowCost =
                static_cast<std::int64_t>(rows.colsOf(r).size()) + gramCost;
            if (r > begin && cost + rowCost > kUnitCost)
                close(r);
            cost += rowCost;
        }
        if (rows.rowCount() > begin)
            close(rows.rowCount());
    }

    void runBlock(std::int32_t block, int worker) {
        if (task_ == Task::Objective) { // a block takes its share of the partials, in one round
            const std::size_t count = partials_.size();
            const std::size_t perBlock = (count + kBlocksPerUnit - 1) / kBlocksPerUnit;
            const std::size_t first = std::min(count, static_cast<std::size_t>(block) * perBlock);
            for (std::size_t partial = first; partial < std::min(count, first + perBlock);
                 ++partial) {
                const auto begin = static_cast<std::int32_t>(partial) * kObjectiveRows;
                partials_[partial] =
                    observedTerm(users_, books_, byUser_, begin,
                                 std::min(byUser_.rowCount(), begin + kObjectiveRows));
            }
            return;
        }
        const std::int32_t perBlock =
            (range_.end - range_.begin + kBlocksPerUnit - 1) / kBlocksPerUnit;
        const std::int32_t begin = std::min(range_.end, range_.begin + block * perBlock);
        const std::int32_t end = std::min(range_.end, begin + perBlock);
        Matrix& solved = range_.books ? books_ : users_;
        const Matrix& fixed = range_.books ? users_ : books_;
        const SparseRows& rows = range_.books ? byBook_ : byUser_;
        CgWorkspace& workspace = workspaces_[static_cast<std::size_t>(worker)];
        for (std::int32_t r = begin; r < end; ++r)
            conjugateGradientRow(solveGram_, fixed, rows.colsOf(r), rows.weightsOf(r),
                                 config_.cgSteps, solved.row(r).data(), workspace);
    }

    Matrix& users_;
    Matrix& books_;
    const ImplicitAlsConfig& config_;
    const SparseRows byUser_;
    const SparseRows byBook_;
    std::vector<RowRange> units_;
    std::vector<std::int64_t> pairsBefore_{0}; ///< observed pairs of the units before each
    Gram bookGram_;                            ///< Y^T Y
    bool bookGramCurrent_ = false;             ///< bookGram_ is of the current book factors
    Gram userGram_;                            ///< X^T X, once the reader half is solved
    Gram solveGram_;                           ///< the fixed side's Gram + lambda I
    std::vector<CgWorkspace> workspaces_;      ///< one per thread
    // What the blocks of a round read: set on the training thread before the round runs.
    Task task_ = Task::Solve;
    RowRange range_;
    std::vector<double> partials_;
    BlockRounds rounds_; ///< last: its helpers stop before the members they read go
};

} // namespace

TrainResult trainImplicitAls(Model& model, const ImplicitSignals& observed,
                             const ImplicitAlsConfig& config, const TrainCallbacks& callbacks,
                             const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (model.kind() != ModelKind::Dot || model.parameters().size() != 2)
        throw std::invalid_argument("implicit ALS trains a dot model without biases");
    validateImplicitAlsConfig(config);
    if (observed.size() == 0)
        throw std::invalid_argument("there are no implicit signals to train on");
    AlsIterations work(model, observed, config);
    EpochLoop loop;
    loop.epochs = config.iterations;
    loop.pollEvery = 1; // a unit is a millisecond or two
    loop.divergenceAdvice = "Try a larger regularization.";
    return runEpochs(model, work, loop, callbacks, cancel);
}

} // namespace shelfscope
