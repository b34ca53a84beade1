#pragma once

#include "data/BookCatalog.h"
#include "model/Model.h"

#include <string>
#include <vector>

namespace shelfscope {

/// Writes the book embeddings for TensorBoard's Embedding Projector: `vectors.tsv` (one row per
/// book, tab-separated) and `metadata.tsv` (title, author, year, average rating, with a header),
/// both atomically. Rows with no book (raw id 0) are left out.
void exportProjector(const Model& model, const std::vector<std::int32_t>& bookRawIds,
                     const BookCatalog& catalog, const std::string& folder);

/// Writes book_id,title,authors,year,average_rating,e0,...,e{d-1} as CSV, atomically.
void exportEmbeddingsCsv(const Model& model, const std::vector<std::int32_t>& bookRawIds,
                         const BookCatalog& catalog, const std::string& path);

} // namespace shelfscope
