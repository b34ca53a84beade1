#pragma once

#include "model/Model.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

/// The embedding of every book a model has a row for: what a map of the books is drawn from.
struct BookEmbeddings {
    std::vector<std::int32_t> bookIds; ///< the book of each row, ascending
    Matrix rows;                       ///< one row per book, the model's embedding size wide
};

/// The rows of the model's book table that belong to a book, with their ids: `rowRawIds` names
/// the book of each table row, 0 for rows no book has (a table indexed by raw id has them).
/// Throws std::invalid_argument when the id map and the table differ in length.
/// Why a model without embeddings (EASE, item-kNN) cannot be mapped or exported as vectors.
std::string noEmbeddingsMessage(const Model& model);

/// Throws std::invalid_argument (noEmbeddingsMessage) for a model without embeddings.
BookEmbeddings bookEmbeddingsOf(const Model& model, const std::vector<std::int32_t>& rowRawIds);

} // namespace shelfscope
