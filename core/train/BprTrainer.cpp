#include "train/BprTrainer.h"

#include "train/EpochDriver.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

namespace {

/// Positives per unit of the epoch driver: the cancel flag and the clock are read between
/// units (4,096 updates take about a millisecond).
constexpr std::size_t kUnit = 4096;

/// BPR's epochs: every training row once as a positive, in a seeded order, against one sampled
/// book the reader has not rated.
class BprEpochs final : public EpochWork {
    struct Positive {
        std::int32_t user;
        std::int32_t book;
    };

public:
    BprEpochs(Model& model, const RatingRows& train, const BprConfig& config)
        : train_(train), users_(model.parameters()[0].values), books_(model.parameters()[1].values),
          bookBias_(model.parameters()[3].values), lr_(config.learningRate), l2_(config.l2),
          random_(config.seed), difference_(users_.cols()) {
        groupRatedBooks(model.userRows());
        findCandidates(model.bookRows());
        positives_.resize(train.size());
        for (std::size_t row = 0; row < train.size(); ++row)
            positives_[row] = {train.users[row], train.books[row]};
    }

    // The pairs themselves are shuffled, not indices into the rows: the updates then read them in
    // order, where an index array sent each step to two random places in the rows (two cache
    // misses a step once the rows outgrow the cache: 25M ratings are 200 MB of them).
    std::int64_t beginEpoch(int /*epoch*/) override {
        for (std::size_t i = positives_.size(); i > 1; --i)
            std::swap(positives_[i - 1], positives_[static_cast<std::size_t>(random_.below(i))]);
        return static_cast<std::int64_t>((positives_.size() + kUnit - 1) / kUnit);
    }

    void runUnit(std::int64_t unit, double& lossSum, double& lossCount) override {
        const std::size_t begin = static_cast<std::size_t>(unit) * kUnit;
        const std::size_t end = std::min(positives_.size(), begin + kUnit);
        for (std::size_t step = begin; step < end; ++step)
            lossSum += update(positives_[step]);
        lossCount = static_cast<double>(end - begin);
    }

    std::int64_t itemsIn(std::int64_t units) const override {
        return std::min(static_cast<std::int64_t>(positives_.size()),
                        units * static_cast<std::int64_t>(kUnit));
    }

private:
    /// Each reader's rated books, sorted, to reject negatives the reader did rate.
    void groupRatedBooks(std::int32_t userRows) {
        start_.assign(static_cast<std::size_t>(userRows) + 1, 0);
        for (std::int32_t u : train_.users)
            ++start_[static_cast<std::size_t>(u) + 1];
        std::partial_sum(start_.begin(), start_.end(), start_.begin());
        rated_.resize(train_.size());
        std::vector<std::int64_t> next(start_.begin(), start_.end() - 1);
        for (std::size_t i = 0; i < train_.size(); ++i)
            rated_[static_cast<std::size_t>(next[static_cast<std::size_t>(train_.users[i])]++)] =
                train_.books[i];
        for (std::size_t u = 0; u + 1 < start_.size(); ++u)
            std::sort(rated_.begin() + start_[u], rated_.begin() + start_[u + 1]);
    }

    /// Books that exist (raw-id tables have rows no book maps to: never sample those).
    void findCandidates(std::int32_t bookRows) {
        std::vector<std::uint8_t> present(static_cast<std::size_t>(bookRows), 0);
        for (std::int32_t b : train_.books)
            present[static_cast<std::size_t>(b)] = 1;
        for (std::int32_t b = 0; b < bookRows; ++b)
            if (present[static_cast<std::size_t>(b)])
                candidates_.push_back(b);
    }

    bool hasRated(std::int32_t u, std::int32_t b) const {
        const auto first = rated_.begin() + start_[static_cast<std::size_t>(u)];
        const auto last = rated_.begin() + start_[static_cast<std::size_t>(u) + 1];
        return std::binary_search(first, last, b);
    }

    /// One SGD update with a (reader, book) training pair as the positive; returns its loss,
    /// -log sigma.
    double update(const Positive& positive) {
        const std::int32_t u = positive.user;
        const std::int32_t i = positive.book;
        std::int32_t j = i;
        for (int attempt = 0; attempt < 16 && (j == i || hasRated(u, j)); ++attempt)
            j = candidates_[static_cast<std::size_t>(random_.below(candidates_.size()))];
        if (j == i || hasRated(u, j))
            return 0.0; // a reader who rated nearly everything: no negative to learn from
        difference_ = books_.row(i).transpose() - books_.row(j).transpose();
        const float x = bookBias_(i, 0) - bookBias_(j, 0) + users_.row(u).dot(difference_);
        // d/dx of log sigma(x) is sigma(-x).
        const float g = 1.0f / (1.0f + std::exp(x));
        const double loss = x > 0 ? std::log1p(std::exp(-x)) : -x + std::log1p(std::exp(x));
        const Eigen::RowVectorXf userRow = users_.row(u);
        users_.row(u) += lr_ * (g * difference_.transpose() - l2_ * userRow);
        books_.row(i) += lr_ * (g * userRow - l2_ * books_.row(i));
        books_.row(j) += lr_ * (-g * userRow - l2_ * books_.row(j));
        bookBias_(i, 0) += lr_ * (g - l2_ * bookBias_(i, 0));
        bookBias_(j, 0) += lr_ * (-g - l2_ * bookBias_(j, 0));
        return loss;
    }

    const RatingRows& train_;
    Matrix& users_;
    Matrix& books_;
    Matrix& bookBias_;
    float lr_;
    float l2_;
    Random random_;
    Eigen::VectorXf difference_;
    std::vector<std::int64_t> start_;
    std::vector<std::int32_t> rated_;
    std::vector<std::int32_t> candidates_;
    std::vector<Positive> positives_; ///< the training pairs, in this epoch's order
};

} // namespace

TrainResult trainBpr(Model& model, const TrainingData& data, const BprConfig& config,
                     const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (model.kind() != ModelKind::Dot || model.parameters().size() != 4)
        throw std::invalid_argument("BPR trains a dot model with biases");
    if (config.epochs < 1 || !(config.learningRate > 0.0f) || !(config.l2 >= 0.0f))
        throw std::invalid_argument("BPR needs epochs >= 1, a learning rate above 0, l2 >= 0");
    if (data.train.size() == 0)
        throw std::invalid_argument("there are no training ratings");
    BprEpochs work(model, data.train, config);
    EpochLoop loop;
    loop.epochs = config.epochs;
    loop.pollEvery = 1;
    return runEpochs(model, work, loop, callbacks, cancel);
}

} // namespace shelfscope
