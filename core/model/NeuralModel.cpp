#include "model/NeuralModel.h"

#include "model/Initialisation.h"
#include "model/SmallGemm.h"

#include <algorithm>

namespace shelfscope {

struct NeuralModel::Workspace : ModelWorkspace {
    Matrix input;                    // items x 2d
    std::vector<Matrix> activations; // per hidden layer, after relu (> 0 where it passes on)
    Matrix output;                   // items x 1
    Matrix delta;
    Matrix nextDelta;
    Matrix outputDelta; // d(objective)/d(prediction), kept for the bias gradients
    Matrix kernelTransposed;
};

NeuralModel::NeuralModel(const ModelConfig& config, std::int32_t userRows, std::int32_t bookRows,
                         std::uint64_t seed)
    : Model(config) {
    Random random(seed);
    addEmbeddingTables(userRows, bookRows, random);
    Eigen::Index width = inputWidth();
    std::vector<int> widths = config.hidden;
    widths.push_back(1);
    for (std::size_t layer = 0; layer < widths.size(); ++layer) {
        const bool last = layer + 1 == widths.size();
        const std::string name = last ? "output" : "dense" + std::to_string(layer);
        Matrix kernelValues(width, widths[layer]);
        fillGlorotUniform(kernelValues, random);
        parameters_.push_back({name + "_kernel", ParameterAxis::Dense, std::move(kernelValues)});
        parameters_.push_back(
            {name + "_bias", ParameterAxis::Dense, Matrix::Zero(1, widths[layer])});
        width = widths[layer];
    }
    if (config.biases)
        addBiasTables(userRows, bookRows);
}

template <typename Row>
void NeuralModel::fillInput(Row&& row, std::int32_t user, std::int32_t book) const {
    const Eigen::Index d = config_.dim;
    row.head(d) = userEmbeddings().row(user);
    row.segment(d, d) = bookEmbeddings().row(book);
    if (config_.productFeatures)
        row.tail(d) = userEmbeddings().row(user).cwiseProduct(bookEmbeddings().row(book));
}

float NeuralModel::directTerms(std::int32_t user, std::int32_t book) const {
    float value = 0.0f;
    if (config_.biases)
        value += parameters_[userBiasIndex()].values(user, 0) +
                 parameters_[userBiasIndex() + 1].values(book, 0);
    if (config_.dotTerm)
        value += userEmbeddings().row(user).dot(bookEmbeddings().row(book));
    return value;
}

std::unique_ptr<ModelWorkspace> NeuralModel::createWorkspace() const {
    auto ws = std::make_unique<Workspace>();
    ws->activations.resize(config_.hidden.size());
    return ws;
}

void NeuralModel::forward(Workspace& ws) const {
    const Matrix* in = &ws.input;
    for (std::size_t layer = 0; layer + 1 < layerCount(); ++layer) {
        multiplyInto(*in, kernel(layer), bias(layer), ws.activations[layer], Activation::Relu);
        in = &ws.activations[layer];
    }
    ws.output.noalias() = *in * kernel(layerCount() - 1);
    ws.output.array() += bias(layerCount() - 1)(0, 0) + globalOffset_;
}

float NeuralModel::predict(std::int32_t user, std::int32_t book) const {
    float out = 0.0f;
    predictBatch(std::span(&user, 1), std::span(&book, 1), std::span(&out, 1));
    return out;
}

void NeuralModel::predictBatch(std::span<const std::int32_t> users,
                               std::span<const std::int32_t> books, std::span<float> out) const {
    Workspace ws;
    ws.activations.resize(config_.hidden.size());
    constexpr std::size_t kChunk = 1024;
    for (std::size_t start = 0; start < out.size(); start += kChunk) {
        const std::size_t count = std::min(kChunk, out.size() - start);
        ws.input.resize(static_cast<Eigen::Index>(count), inputWidth());
        for (std::size_t i = 0; i < count; ++i)
            fillInput(ws.input.row(static_cast<Eigen::Index>(i)), users[start + i],
                      books[start + i]);
        forward(ws);
        if (config_.biases || config_.dotTerm)
            for (std::size_t i = 0; i < count; ++i)
                ws.output(static_cast<Eigen::Index>(i), 0) +=
                    directTerms(users[start + i], books[start + i]);
        std::copy(ws.output.data(), ws.output.data() + count,
                  out.begin() + static_cast<long>(start));
    }
}

void NeuralModel::scoreAllBooks(std::int32_t user, std::span<float> out) const {
    std::vector<std::int32_t> users(out.size(), user);
    std::vector<std::int32_t> books(out.size());
    for (std::size_t b = 0; b < books.size(); ++b)
        books[b] = static_cast<std::int32_t>(b);
    predictBatch(users, books, out);
}

BatchLoss NeuralModel::computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                                        Gradients& gradients, ModelWorkspace& workspace) const {
    auto& ws = static_cast<Workspace&>(workspace);
    shapeGradients(rows, gradients);
    const Eigen::Index d = config_.dim;
    const auto n = static_cast<Eigen::Index>(batch.size());
    ws.input.resize(n, inputWidth());
    for (Eigen::Index i = 0; i < n; ++i)
        fillInput(ws.input.row(i), batch.users[static_cast<std::size_t>(i)],
                  batch.books[static_cast<std::size_t>(i)]);
    forward(ws);
    if (config_.biases || config_.dotTerm)
        for (Eigen::Index i = 0; i < n; ++i)
            ws.output(i, 0) += directTerms(batch.users[static_cast<std::size_t>(i)],
                                           batch.books[static_cast<std::size_t>(i)]);

    BatchLoss loss;
    ws.delta.resize(n, 1);
    const float normalizer = batch.normalizer();
    const float scale = 2.0f / normalizer;
    for (Eigen::Index i = 0; i < n; ++i) {
        const float error = ws.output(i, 0) - batch.ratings[static_cast<std::size_t>(i)];
        loss.sumSquaredError += static_cast<double>(error) * error;
        ws.delta(i, 0) = scale * error;
    }
    ws.outputDelta = ws.delta;
    // Back through the layers: delta holds d(objective)/d(layer output) before the activation.
    for (std::size_t layer = layerCount(); layer-- > 0;) {
        const Matrix& in = layer == 0 ? ws.input : ws.activations[layer - 1];
        multiplyTransposedInto(in, ws.delta, gradients.perParameter[2 + 2 * layer]);
        columnSumsInto(ws.delta, gradients.perParameter[3 + 2 * layer]);
        // Back through the relu below: its output is positive exactly where it passed on.
        multiplyByTransposedInto(ws.delta, kernel(layer), ws.kernelTransposed, ws.nextDelta,
                                 layer > 0 ? &ws.activations[layer - 1] : nullptr);
        std::swap(ws.delta, ws.nextDelta);
    }
    // ws.delta is now d(objective)/d(input): scatter it onto the distinct embedding rows.
    Matrix& userGrad = gradients.perParameter[0];
    Matrix& bookGrad = gradients.perParameter[1];
    const float decay = 2.0f * l2 / normalizer;
    double penalty = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto item = static_cast<std::size_t>(i);
        const auto user = batch.users[item];
        const auto book = batch.books[item];
        auto userRow = userGrad.row(rows.userSlot[item]);
        auto bookRow = bookGrad.row(rows.bookSlot[item]);
        userRow += ws.delta.row(i).head(d);
        bookRow += ws.delta.row(i).segment(d, d);
        if (config_.productFeatures) {
            userRow += ws.delta.row(i).tail(d).cwiseProduct(bookEmbeddings().row(book));
            bookRow += ws.delta.row(i).tail(d).cwiseProduct(userEmbeddings().row(user));
        }
        if (config_.dotTerm) {
            userRow += ws.outputDelta(i, 0) * bookEmbeddings().row(book);
            bookRow += ws.outputDelta(i, 0) * userEmbeddings().row(user);
        }
        float biasSquares = 0.0f;
        if (config_.biases) {
            const float userBias = parameters_[userBiasIndex()].values(user, 0);
            const float bookBias = parameters_[userBiasIndex() + 1].values(book, 0);
            gradients.perParameter[userBiasIndex()](rows.userSlot[item], 0) +=
                ws.outputDelta(i, 0) + decay * userBias;
            gradients.perParameter[userBiasIndex() + 1](rows.bookSlot[item], 0) +=
                ws.outputDelta(i, 0) + decay * bookBias;
            biasSquares = userBias * userBias + bookBias * bookBias;
        }
        if (l2 != 0.0f) {
            userRow += decay * userEmbeddings().row(user);
            bookRow += decay * bookEmbeddings().row(book);
            penalty += static_cast<double>(l2) / normalizer *
                       (userEmbeddings().row(user).squaredNorm() +
                        bookEmbeddings().row(book).squaredNorm() + biasSquares);
        }
    }
    if (config_.kernelL2 != 0.0f && batch.includeWeightPenalty) {
        for (std::size_t layer = 0; layer < layerCount(); ++layer) {
            const Matrix& weights = kernel(layer);
            gradients.perParameter[2 + 2 * layer] += (2.0f * config_.kernelL2) * weights;
            penalty += static_cast<double>(config_.kernelL2) * weights.squaredNorm();
        }
    }
    loss.objective = loss.sumSquaredError / normalizer + penalty;
    return loss;
}

} // namespace shelfscope
