#include "recommend/FoldIn.h"

#include "model/ItemItemModel.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace shelfscope {

namespace {

/// Index of the user bias parameter, or -1 when the model has none.
int userBiasIndex(const Model& model) {
    const auto& parameters = model.parameters();
    for (std::size_t p = 2; p < parameters.size(); ++p)
        if (parameters[p].axis == ParameterAxis::User)
            return static_cast<int>(p);
    return -1;
}

/// A model with one (zeroed) user row and everything else copied from `model`.
std::unique_ptr<Model> oneReaderCopy(const Model& model) {
    // One book row to start with (initialising a full-size table only to overwrite it costs
    // milliseconds); the tables are then replaced by copies of the model's.
    std::unique_ptr<Model> reader = createModel(model.config(), 1, 1, 0);
    auto& target = reader->parameters();
    const auto& source = model.parameters();
    for (std::size_t p = 0; p < source.size(); ++p)
        target[p].values = source[p].axis == ParameterAxis::User
                               ? Matrix::Zero(1, source[p].values.cols())
                               : source[p].values;
    reader->setGlobalOffset(model.globalOffset());
    return reader;
}

void solveDotInClosedForm(Model& reader, std::span<const std::int32_t> books,
                          std::span<const float> ratings, float l2) {
    const Matrix& bookTable = reader.bookEmbeddings();
    const int biasIndex = userBiasIndex(reader);
    const Eigen::Index dim = bookTable.cols();
    const Eigen::Index width = dim + (biasIndex >= 0 ? 1 : 0);
    // Rows [book vector, 1] against targets rating - offset - book bias.
    Eigen::MatrixXd x(static_cast<Eigen::Index>(books.size()), width);
    Eigen::VectorXd y(static_cast<Eigen::Index>(books.size()));
    const Matrix* bookBias = nullptr;
    for (std::size_t p = 2; p < reader.parameters().size(); ++p)
        if (reader.parameters()[p].axis == ParameterAxis::Book)
            bookBias = &reader.parameters()[p].values;
    for (std::size_t i = 0; i < books.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        x.row(row).head(dim) = bookTable.row(books[i]).cast<double>();
        if (biasIndex >= 0)
            x(row, dim) = 1.0;
        y(row) = ratings[i] - reader.globalOffset() - (bookBias ? (*bookBias)(books[i], 0) : 0.0f);
    }
    Eigen::MatrixXd gram = x.transpose() * x;
    gram.diagonal().array() += l2;
    const Eigen::VectorXd w = gram.ldlt().solve(x.transpose() * y);
    reader.parameters()[0].values.row(0) = w.head(dim).transpose().cast<float>();
    if (biasIndex >= 0)
        reader.parameters()[static_cast<std::size_t>(biasIndex)].values(0, 0) =
            static_cast<float>(w(dim));
}

/// Full-batch Adam on the user-side parameters only, from their current values; the book side
/// never moves. Returns the final objective.
double fitByGradientSteps(Model& reader, std::span<const std::int32_t> books,
                          std::span<const float> ratings, const FoldInConfig& config) {
    const std::vector<std::int32_t> users(books.size(), 0);
    Batch batch{users, books, ratings};
    BatchRows rows;
    std::vector<std::int32_t> userStamp(1, -1);
    std::vector<std::int32_t> bookStamp(static_cast<std::size_t>(reader.bookRows()), -1);
    collectBatchRows(batch, rows, userStamp, bookStamp);
    Gradients gradients;
    const std::unique_ptr<ModelWorkspace> workspace = reader.createWorkspace();
    auto& parameters = reader.parameters();
    std::vector<Matrix> m(parameters.size());
    std::vector<Matrix> v(parameters.size());
    constexpr float beta1 = 0.9f;
    constexpr float beta2 = 0.999f;
    // l2 / B per item in the model's objective: scale so the penalty is l2 on the vector.
    const float l2 = config.l2 / static_cast<float>(books.size());
    double checkpoint = std::numeric_limits<double>::infinity();
    for (int step = 1; step <= config.steps; ++step) {
        const double objective =
            reader.computeGradients(batch, rows, l2, gradients, *workspace).objective;
        // Converged: less than 0.01% better than 25 steps ago.
        if (step % 25 == 0) {
            if (objective > checkpoint * (1.0 - 1e-4))
                break;
            checkpoint = objective;
        }
        const float correction1 = 1.0f - std::pow(beta1, static_cast<float>(step));
        const float correction2 = 1.0f - std::pow(beta2, static_cast<float>(step));
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            if (parameters[p].axis != ParameterAxis::User)
                continue;
            const Matrix& g = gradients.perParameter[p];
            if (m[p].size() == 0) {
                m[p] = Matrix::Zero(g.rows(), g.cols());
                v[p] = Matrix::Zero(g.rows(), g.cols());
            }
            m[p] = beta1 * m[p] + (1.0f - beta1) * g;
            v[p] = beta2 * v[p] + (1.0f - beta2) * g.cwiseAbs2();
            parameters[p].values.array() -= config.learningRate * (m[p].array() / correction1) /
                                            ((v[p].array() / correction2).sqrt() + 1e-7f);
        }
    }
    return reader.computeGradients(batch, rows, l2, gradients, *workspace).objective;
}

/// Root mean square of each column of the known readers' vectors: the scale of a random start.
Eigen::RowVectorXf columnSpread(const Matrix& users) {
    return (users.colwise().squaredNorm() /
            static_cast<float>(std::max<Eigen::Index>(1, users.rows())))
        .cwiseSqrt();
}

void fitNeural(const Model& model, Model& reader, std::span<const std::int32_t> books,
               std::span<const float> ratings, const FoldInConfig& config) {
    const Eigen::RowVectorXf spread = columnSpread(model.userEmbeddings());
    Random random(config.seed);
    std::vector<Matrix> best;
    double bestObjective = std::numeric_limits<double>::infinity();
    for (int start = 0; start <= std::max(0, config.restarts); ++start) {
        for (Parameter& p : reader.parameters())
            if (p.axis == ParameterAxis::User)
                p.values.setZero();
        if (start > 0)
            for (Eigen::Index c = 0; c < spread.size(); ++c)
                reader.parameters()[0].values(0, c) =
                    spread(c) * static_cast<float>(random.uniform(-1.7320508, 1.7320508));
        const double objective = fitByGradientSteps(reader, books, ratings, config);
        if (objective < bestObjective) {
            bestObjective = objective;
            best.clear();
            for (const Parameter& p : reader.parameters())
                if (p.axis == ParameterAxis::User)
                    best.push_back(p.values);
        }
    }
    std::size_t next = 0;
    for (Parameter& p : reader.parameters())
        if (p.axis == ParameterAxis::User)
            p.values = best[next++];
}

/// BPR on the reader's vector alone: liked books above sampled others, disliked ones below.
void fitRankingReader(Model& reader, std::span<const std::int32_t> books,
                      std::span<const float> ratings, const FoldInConfig& config) {
    const Matrix& bookTable = reader.bookEmbeddings();
    const Matrix* bookBias = nullptr;
    for (std::size_t p = 2; p < reader.parameters().size(); ++p)
        if (reader.parameters()[p].axis == ParameterAxis::Book)
            bookBias = &reader.parameters()[p].values;
    const auto bias = [&](std::int32_t b) { return bookBias ? (*bookBias)(b, 0) : 0.0f; };
    std::vector<std::int32_t> rated(books.begin(), books.end());
    std::sort(rated.begin(), rated.end());
    // Pairs (above, below): a liked book above a sampled one, a sampled one above a disliked.
    std::vector<std::pair<std::int32_t, bool>> anchors; // book, liked
    for (std::size_t i = 0; i < books.size(); ++i) {
        if (ratings[i] >= config.likedRating)
            anchors.emplace_back(books[i], true);
        else if (ratings[i] <= config.dislikedRating)
            anchors.emplace_back(books[i], false);
    }
    auto user = reader.parameters()[0].values.row(0);
    user.setZero();
    if (anchors.empty())
        return; // only middling ratings: nothing to rank by
    Random random(config.seed);
    const float lr = config.learningRate;
    const float l2 = config.l2 / static_cast<float>(books.size());
    Eigen::RowVectorXf difference(bookTable.cols());
    for (int epoch = 0; epoch < config.rankingEpochs; ++epoch)
        for (const auto& [book, liked] : anchors)
            for (int n = 0; n < config.negativesPerBook; ++n) {
                const auto other = static_cast<std::int32_t>(
                    random.below(static_cast<std::uint64_t>(reader.bookRows())));
                if (std::binary_search(rated.begin(), rated.end(), other))
                    continue;
                const std::int32_t above = liked ? book : other;
                const std::int32_t below = liked ? other : book;
                difference = bookTable.row(above) - bookTable.row(below);
                const float x = bias(above) - bias(below) + user.dot(difference);
                const float g = 1.0f / (1.0f + std::exp(x)); // d/dx log sigma(x)
                user += lr * (g * difference - l2 * user);
            }
}

/// One exact ALS solve of the reader's row against the frozen book factors.
void fitImplicitReader(Model& reader, std::span<const std::int32_t> books,
                       std::span<const float> ratings, const ImplicitFoldIn& settings) {
    RatingRows rated; // the new reader is row 0
    rated.users.assign(books.size(), 0);
    rated.books.assign(books.begin(), books.end());
    rated.ratings.assign(ratings.begin(), ratings.end());
    const ImplicitSignals signals = implicitSignals(rated, settings.confidence);
    const SparseRows row = groupByRow(1, signals.users, signals.books, signals.weights);
    const Matrix& bookTable = reader.bookEmbeddings();
    reader.parameters()[0].values.row(0) =
        exactImplicitRow(regularizedGram(bookTable, settings.regularization), bookTable,
                         row.colsOf(0), row.weightsOf(0))
            .transpose();
}

} // namespace

std::unique_ptr<Model> foldInReader(const Model& model, std::span<const std::int32_t> bookRows,
                                    std::span<const float> ratings, const FoldInConfig& config) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (bookRows.empty())
        throw std::invalid_argument("a new reader needs at least one rated book");
    if (bookRows.size() != ratings.size())
        throw std::invalid_argument("one rating per book is needed");
    for (std::int32_t row : bookRows)
        if (row < 0 || row >= model.bookRows())
            throw std::invalid_argument("book row " + std::to_string(row) + " is not in the model");
    if (const auto* itemItem = dynamic_cast<const ItemItemModel*>(&model)) {
        // Nothing to fit: the new reader is scored as x W, x the books they rated (any rating,
        // as every training rating counted as read).
        auto read = std::make_shared<ReaderBooks>();
        read->books.assign(bookRows.begin(), bookRows.end());
        std::sort(read->books.begin(), read->books.end());
        read->books.erase(std::unique(read->books.begin(), read->books.end()), read->books.end());
        read->offsets = {0, static_cast<std::int64_t>(read->books.size())};
        return itemItem->withReaders(std::move(read));
    }
    std::unique_ptr<Model> reader = oneReaderCopy(model);
    if (config.implicit) {
        if (model.kind() != ModelKind::Dot || model.parameters().size() != 2)
            throw std::invalid_argument("implicit-ALS fold-in needs a dot model without biases");
        fitImplicitReader(*reader, bookRows, ratings, *config.implicit);
    } else if (config.ranking) {
        if (model.kind() != ModelKind::Dot)
            throw std::invalid_argument("ranking fold-in needs a dot model");
        fitRankingReader(*reader, bookRows, ratings, config);
    } else if (model.kind() == ModelKind::Dot)
        solveDotInClosedForm(*reader, bookRows, ratings, config.l2);
    else
        fitNeural(model, *reader, bookRows, ratings, config);
    return reader;
}

} // namespace shelfscope
