#include "data/RowsByUser.h"

namespace shelfscope {

RowsByUser groupRowsByUser(const RatingTable& table) {
    const auto users = static_cast<std::size_t>(table.userCount());
    RowsByUser grouped;
    grouped.start.assign(users + 1, 0);
    for (std::int32_t u : table.userIndex)
        ++grouped.start[static_cast<std::size_t>(u) + 1];
    for (std::size_t u = 0; u < users; ++u)
        grouped.start[u + 1] += grouped.start[u];
    grouped.rows.resize(table.size());
    std::vector<std::int32_t> next(grouped.start.begin(), grouped.start.end() - 1);
    for (std::size_t r = 0; r < table.size(); ++r) {
        auto& slot = next[static_cast<std::size_t>(table.userIndex[r])];
        grouped.rows[static_cast<std::size_t>(slot++)] = static_cast<std::int32_t>(r);
    }
    return grouped;
}

} // namespace shelfscope
