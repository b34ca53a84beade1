#pragma once

#include "data/Dataset.h"
#include "train/TrainingData.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

/// (reader, book) pairs in a run's embedding-row space, such as the to-read list's: the one form
/// in which every objective that reads the to-read list takes it (implicit ALS as signals,
/// implicit-feedback MF as books standing for a reader).
struct ReaderBookRows {
    std::vector<std::int32_t> users;
    std::vector<std::int32_t> books;
    std::size_t size() const { return users.size(); }
};

/// The data set's to-read entries as rows of a run on `table` (the experiment's rating table,
/// which may be the raw file reread): matched through raw ids, so the two tables' dense indices
/// need not agree. Entries whose reader or book has no row in the run are left out; the others
/// keep the list's order.
ReaderBookRows toReadRows(const Dataset& dataset, const RatingTable& table, RowIndexing indexing);

} // namespace shelfscope
