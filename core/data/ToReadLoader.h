#pragma once

#include "data/IdIndex.h"

#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

/// Books readers have marked "to read", as dense (user, book) indices of the rating table.
struct ToReadList {
    std::vector<std::int32_t> userIndex;
    std::vector<std::int32_t> bookIndex;
    std::int64_t rowsRead = 0;
    /// Entries naming a user or book that has no ratings (kept out of the index lists).
    std::int64_t unmatched = 0;
    std::size_t size() const { return userIndex.size(); }
};

struct ToReadLoadConfig {
    std::string path; ///< to_read.csv or to_read.csv.gz
};

/// Reads to_read.csv (user_id,book_id) strictly, mapping ids through the rating table's indices.
ToReadList loadToRead(const ToReadLoadConfig& config, const IdIndex& users, const IdIndex& books);

} // namespace shelfscope
