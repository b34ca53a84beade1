#include "train/ToReadRows.h"

namespace shelfscope {

namespace {

std::int32_t rowOf(const IdIndex& index, std::int32_t rawId, RowIndexing indexing) {
    if (indexing == RowIndexing::RawIds)
        return index.indexOf(rawId) ? rawId : -1;
    return index.indexOf(rawId).value_or(-1);
}

} // namespace

ReaderBookRows toReadRows(const Dataset& dataset, const RatingTable& table, RowIndexing indexing) {
    ReaderBookRows rows;
    const ToReadList& list = dataset.toRead;
    rows.users.reserve(list.size());
    rows.books.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::int32_t user =
            rowOf(table.users, dataset.ratings.users.rawId(list.userIndex[i]), indexing);
        const std::int32_t book =
            rowOf(table.books, dataset.ratings.books.rawId(list.bookIndex[i]), indexing);
        if (user < 0 || book < 0)
            continue;
        rows.users.push_back(user);
        rows.books.push_back(book);
    }
    return rows;
}

} // namespace shelfscope
