#pragma once

#include "data/RatingTable.h"

#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// Row numbers of a rating table grouped by user, each user's rows in ascending order
/// (compressed sparse rows: user u owns rows[start[u] .. start[u+1])).
struct RowsByUser {
    std::vector<std::int32_t> start;
    std::vector<std::int32_t> rows;

    std::span<const std::int32_t> of(std::int32_t user) const {
        const auto u = static_cast<std::size_t>(user);
        return {rows.data() + start[u], static_cast<std::size_t>(start[u + 1] - start[u])};
    }
    std::span<std::int32_t> of(std::int32_t user) {
        const auto u = static_cast<std::size_t>(user);
        return {rows.data() + start[u], static_cast<std::size_t>(start[u + 1] - start[u])};
    }
};

/// Groups rows by user with a stable counting sort: O(rows + users).
RowsByUser groupRowsByUser(const RatingTable& table);

} // namespace shelfscope
