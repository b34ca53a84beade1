#include "data/Deduplicate.h"

#include "data/RowsByUser.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

DuplicateReport dropEarlierDuplicates(RatingTable& table) {
    const std::size_t rows = table.size();
    const auto users = static_cast<std::size_t>(table.userCount());
    const auto books = static_cast<std::size_t>(table.bookCount());

    // Walk each user's rows from the last to the first: a book already seen for that user
    // marks an earlier duplicate.
    const RowsByUser byUser = groupRowsByUser(table);
    std::vector<std::uint8_t> drop(rows, 0);
    std::vector<std::int32_t> seenBy(books, -1);  // user who last claimed the book
    std::vector<std::int32_t> keptRow(books, -1); // that user's surviving row for it
    std::vector<std::int32_t> pairCountedBy(books, -1);
    std::vector<std::int32_t> conflictCountedBy(books, -1);
    DuplicateReport report;
    for (std::size_t u = 0; u < users; ++u) {
        const auto user = static_cast<std::int32_t>(u);
        const auto userRows = byUser.of(user);
        for (auto it = userRows.rbegin(); it != userRows.rend(); ++it) {
            const auto row = static_cast<std::size_t>(*it);
            const auto book = static_cast<std::size_t>(table.bookIndex[row]);
            if (seenBy[book] != user) {
                seenBy[book] = user;
                keptRow[book] = static_cast<std::int32_t>(row);
                continue;
            }
            drop[row] = 1;
            ++report.rowsDropped;
            if (pairCountedBy[book] != user) {
                pairCountedBy[book] = user;
                ++report.pairs;
            }
            const float kept = table.rating[static_cast<std::size_t>(keptRow[book])];
            if (table.rating[row] != kept && conflictCountedBy[book] != user) {
                conflictCountedBy[book] = user;
                ++report.conflictingPairs;
            }
        }
    }
    if (report.rowsDropped == 0)
        return report;

    std::size_t write = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        if (drop[r] != 0)
            continue;
        table.userIndex[write] = table.userIndex[r];
        table.bookIndex[write] = table.bookIndex[r];
        table.rating[write] = table.rating[r];
        ++write;
    }
    table.userIndex.resize(write);
    table.bookIndex.resize(write);
    table.rating.resize(write);
    return report;
}

} // namespace shelfscope
