#include "maps/BookEmbeddings.h"

#include <stdexcept>

namespace shelfscope {

std::string noEmbeddingsMessage(const Model& model) {
    return std::string("an ") + modelKindName(model.kind()) +
           " model has no book embeddings: maps and embedding exports need a dot or neural model "
           "(item-item models such as EASE and item-kNN score books by item-item weights, which "
           "give their similar books)";
}

BookEmbeddings bookEmbeddingsOf(const Model& model, const std::vector<std::int32_t>& rowRawIds) {
    if (!model.hasEmbeddings())
        throw std::invalid_argument(noEmbeddingsMessage(model));
    const Matrix& table = model.bookEmbeddings();
    if (rowRawIds.size() != static_cast<std::size_t>(table.rows()))
        throw std::invalid_argument("the book id map has " + std::to_string(rowRawIds.size()) +
                                    " rows, the model's book table " +
                                    std::to_string(table.rows()));
    std::vector<Eigen::Index> rows;
    BookEmbeddings books;
    for (std::size_t r = 0; r < rowRawIds.size(); ++r)
        if (rowRawIds[r] != 0) {
            rows.push_back(static_cast<Eigen::Index>(r));
            books.bookIds.push_back(rowRawIds[r]);
        }
    books.rows.resize(static_cast<Eigen::Index>(rows.size()), table.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        books.rows.row(static_cast<Eigen::Index>(i)) = table.row(rows[i]);
    return books;
}

} // namespace shelfscope
