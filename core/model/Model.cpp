#include "model/Model.h"

#include "config/OptionTable.h"
#include "model/DotModel.h"
#include "model/Initialisation.h"
#include "model/NeuralModel.h"

#include <stdexcept>
#include <string>

namespace shelfscope {

const char* modelKindName(ModelKind kind) {
    switch (kind) {
    case ModelKind::Dot:
        return "dot";
    case ModelKind::Neural:
        return "neural";
    case ModelKind::Ease:
        return "ease";
    case ModelKind::ItemKnn:
        return "item-knn";
    }
    return "?";
}

std::optional<ModelKind> modelKindNamed(std::string_view name) {
    for (ModelKind kind : {ModelKind::Dot, ModelKind::Neural, ModelKind::Ease, ModelKind::ItemKnn})
        if (name == modelKindName(kind))
            return kind;
    return std::nullopt;
}

void validateModelConfig(const ModelConfig& config) {
    // The ranges are the command-line options' (config/OptionTable.h), so every program agrees.
    requireInRange(option(CliCommand::Train, "dim"), config.dim);
    if (config.kind == ModelKind::Neural) {
        if (config.hidden.size() > 16)
            throw std::invalid_argument("at most 16 hidden layers");
        const OptionDef& hidden = option(CliCommand::Train, "hidden");
        for (int width : config.hidden)
            if (!inRange(hidden, width))
                throw std::invalid_argument("hidden layer widths must be " + rangeText(hidden) +
                                            ", got " + std::to_string(width));
    }
    requireInRange(option(CliCommand::Train, "kernel-l2"), config.kernelL2);
    requireInRange(option(CliCommand::Train, "lambda"), config.easeLambda);
    requireInRange(option(CliCommand::Train, "neighbours"), config.knnNeighbours);
    requireInRange(option(CliCommand::Train, "shrink"), config.knnShrink);
    requireInRange(option(CliCommand::Train, "init-scale"), config.embeddingInitScale);
}

std::size_t Model::parameterCount() const {
    std::size_t count = 0;
    for (const Parameter& parameter : parameters_)
        count += static_cast<std::size_t>(parameter.values.size());
    return count;
}

void Model::predictBatch(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                         std::span<float> out) const {
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = predict(users[i], books[i]);
}

void Model::scoreAllBooksFor(std::span<const std::int32_t> users, Matrix& out) const {
    out.resize(static_cast<Eigen::Index>(users.size()), bookRows());
    for (std::size_t u = 0; u < users.size(); ++u)
        scoreAllBooks(users[u], {out.row(static_cast<Eigen::Index>(u)).data(),
                                 static_cast<std::size_t>(bookRows())});
}

const Matrix& Model::embeddingTable(std::size_t index) const {
    if (!hasEmbeddings())
        throw std::logic_error(std::string("an ") + modelKindName(kind()) +
                               " model has no embeddings");
    return parameters_[index].values;
}

std::unique_ptr<ModelWorkspace> Model::createWorkspace() const {
    return std::make_unique<ModelWorkspace>();
}

void Model::addEmbeddingTables(std::int32_t userRows, std::int32_t bookRows, Random& random) {
    parameters_.push_back({"user_embedding", ParameterAxis::User, Matrix(userRows, config_.dim)});
    parameters_.push_back({"book_embedding", ParameterAxis::Book, Matrix(bookRows, config_.dim)});
    fillUniform(parameters_[0].values, config_.embeddingInitScale, random);
    fillUniform(parameters_[1].values, config_.embeddingInitScale, random);
}

void Model::addBiasTables(std::int32_t userRows, std::int32_t bookRows) {
    parameters_.push_back({"user_bias", ParameterAxis::User, Matrix::Zero(userRows, 1)});
    parameters_.push_back({"book_bias", ParameterAxis::Book, Matrix::Zero(bookRows, 1)});
}

void Model::shapeGradients(const BatchRows& rows, Gradients& gradients) const {
    gradients.perParameter.resize(parameters_.size());
    for (std::size_t p = 0; p < parameters_.size(); ++p) {
        const Parameter& parameter = parameters_[p];
        const Eigen::Index height =
            parameter.axis == ParameterAxis::User   ? static_cast<Eigen::Index>(rows.users.size())
            : parameter.axis == ParameterAxis::Book ? static_cast<Eigen::Index>(rows.books.size())
                                                    : parameter.values.rows();
        gradients.perParameter[p].setZero(height, parameter.values.cols());
    }
}

std::unique_ptr<Model> createModel(const ModelConfig& config, std::int32_t userRows,
                                   std::int32_t bookRows, std::uint64_t seed) {
    validateModelConfig(config);
    if (!hasEmbeddingTables(config.kind))
        throw std::invalid_argument(std::string("an ") + modelKindName(config.kind) +
                                    " model is fitted to data (fitItemItem), not initialised");
    if (userRows < 1 || bookRows < 1)
        throw std::invalid_argument("a model needs at least one user and one book");
    if (config.kind == ModelKind::Dot)
        return std::make_unique<DotModel>(config, userRows, bookRows, seed);
    return std::make_unique<NeuralModel>(config, userRows, bookRows, seed);
}

} // namespace shelfscope
