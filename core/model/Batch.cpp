#include "model/Batch.h"

namespace shelfscope {

void collectDistinctRows(std::span<const std::int32_t> ids, std::vector<std::int32_t>& distinct,
                         std::vector<std::int32_t>& slot, std::vector<std::int32_t>& stamp) {
    distinct.clear();
    slot.resize(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        std::int32_t& mark = stamp[static_cast<std::size_t>(ids[i])];
        if (mark < 0) {
            mark = static_cast<std::int32_t>(distinct.size());
            distinct.push_back(ids[i]);
        }
        slot[i] = mark;
    }
    for (std::int32_t id : distinct)
        stamp[static_cast<std::size_t>(id)] = -1;
}

void collectBatchRows(const Batch& batch, BatchRows& rows, std::vector<std::int32_t>& userStamp,
                      std::vector<std::int32_t>& bookStamp) {
    collectDistinctRows(batch.users, rows.users, rows.userSlot, userStamp);
    collectDistinctRows(batch.books, rows.books, rows.bookSlot, bookStamp);
}

} // namespace shelfscope
