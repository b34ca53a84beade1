#include "model/DotModel.h"

#include "model/DotTerms.h"
#include "model/Initialisation.h"

namespace shelfscope {

namespace {
enum : std::size_t { UserEmbedding, BookEmbedding, UserBias, BookBias };
}

DotModel::DotModel(const ModelConfig& config, std::int32_t userRows, std::int32_t bookRows,
                   std::uint64_t seed)
    : Model(config) {
    Random random(seed);
    addEmbeddingTables(userRows, bookRows, random);
    if (config.biases)
        addBiasTables(userRows, bookRows);
}

float DotModel::predict(std::int32_t user, std::int32_t book) const {
    float value = globalOffset_ + userEmbeddings().row(user).dot(bookEmbeddings().row(book));
    if (hasBiases())
        value += parameters_[UserBias].values(user, 0) + parameters_[BookBias].values(book, 0);
    return value;
}

void DotModel::scoreAllBooks(std::int32_t user, std::span<float> out) const {
    Eigen::Map<Eigen::VectorXf> scores(out.data(), static_cast<Eigen::Index>(out.size()));
    scores.noalias() = bookEmbeddings() * userEmbeddings().row(user).transpose();
    float offset = globalOffset_;
    if (hasBiases()) {
        offset += parameters_[UserBias].values(user, 0);
        scores += parameters_[BookBias].values.col(0);
    }
    scores.array() += offset;
}

void DotModel::scoreAllBooksFor(std::span<const std::int32_t> users, Matrix& out) const {
    Matrix gathered(static_cast<Eigen::Index>(users.size()), userEmbeddings().cols());
    for (std::size_t u = 0; u < users.size(); ++u)
        gathered.row(static_cast<Eigen::Index>(u)) = userEmbeddings().row(users[u]);
    out.noalias() = gathered * bookEmbeddings().transpose();
    out.array() += globalOffset_;
    if (hasBiases()) {
        out.rowwise() += parameters_[BookBias].values.col(0).transpose();
        for (std::size_t u = 0; u < users.size(); ++u)
            out.row(static_cast<Eigen::Index>(u)).array() +=
                parameters_[UserBias].values(users[u], 0);
    }
}

BatchLoss DotModel::computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                                     Gradients& gradients, ModelWorkspace& /*workspace*/) const {
    shapeGradients(rows, gradients);
    const Matrix& users = userEmbeddings();
    const Matrix& books = bookEmbeddings();
    Matrix& userGrad = gradients.perParameter[UserEmbedding];
    Matrix& bookGrad = gradients.perParameter[BookEmbedding];
    const bool biased = hasBiases();
    const auto dim = static_cast<std::size_t>(users.cols());
    const float n = batch.normalizer();
    const float decay = 2.0f * l2 / n;
    BatchLoss loss;
    double penalty = 0.0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::int32_t u = batch.users[i];
        const std::int32_t b = batch.books[i];
        const auto us = rows.userSlot[i];
        const auto bs = rows.bookSlot[i];
        const float* userRow = users.row(u).data();
        const float* bookRow = books.row(b).data();
        float prediction = globalOffset_ + dotterms::dot(userRow, bookRow, dim);
        float userBias = 0.0f;
        float bookBias = 0.0f;
        if (biased) {
            userBias = parameters_[UserBias].values(u, 0);
            bookBias = parameters_[BookBias].values(b, 0);
            prediction += userBias + bookBias;
        }
        const float error = prediction - batch.ratings[i];
        loss.sumSquaredError += static_cast<double>(error) * error;
        const float scale = 2.0f * error / n;
        dotterms::addGradient(userGrad.row(us).data(), bookRow, userRow, scale, decay, dim);
        dotterms::addGradient(bookGrad.row(bs).data(), userRow, bookRow, scale, decay, dim);
        if (l2 != 0.0f)
            penalty += static_cast<double>(l2) / n *
                       (dotterms::squaredNorm(userRow, dim) + dotterms::squaredNorm(bookRow, dim) +
                        userBias * userBias + bookBias * bookBias);
        if (biased) {
            gradients.perParameter[UserBias](us, 0) += scale + decay * userBias;
            gradients.perParameter[BookBias](bs, 0) += scale + decay * bookBias;
        }
    }
    loss.objective = loss.sumSquaredError / n + penalty;
    return loss;
}

} // namespace shelfscope
