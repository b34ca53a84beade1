#pragma once

#include "data/BookCatalog.h"
#include "model/Model.h"

#include <string>
#include <vector>

namespace shelfscope {

/// Writes the book embeddings for TensorBoard's Embedding Projector: `vectors.tsv` (one row per
/// book, tab-separated) and `metadata.tsv` (title, author, year, average rating and book_id, with
/// a header; book_id last so the Projector labels points by title), both atomically. Rows with
/// no book (raw id 0) are left out. `import` reads the pair back by book_id.
void exportProjector(const Model& model, const std::vector<std::int32_t>& bookRawIds,
                     const BookCatalog& catalog, const std::string& folder);

/// Writes book_id,title,authors,year,average_rating,e0,...,e{d-1} as CSV, atomically.
void exportEmbeddingsCsv(const Model& model, const std::vector<std::int32_t>& bookRawIds,
                         const BookCatalog& catalog, const std::string& path);

/// Writes the user embeddings for the Projector: `vectors.tsv` and `metadata.tsv` holding each
/// row's user id (one column, so no header: the Projector's rule), atomically. Rows with no user
/// (raw id 0) are left out.
void exportUserProjector(const Model& model, const std::vector<std::int32_t>& userRawIds,
                         const std::string& folder);

/// Writes user_id,e0,...,e{d-1} as CSV, atomically.
void exportUserEmbeddingsCsv(const Model& model, const std::vector<std::int32_t>& userRawIds,
                             const std::string& path);

} // namespace shelfscope
