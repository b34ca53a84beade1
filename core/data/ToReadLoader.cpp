#include "data/ToReadLoader.h"

#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/RecordFields.h"

namespace shelfscope {

ToReadList loadToRead(const ToReadLoadConfig& config, const IdIndex& users, const IdIndex& books) {
    CsvReader reader(config.path);
    const CsvHeader header = CsvHeader::read(reader, "user_id,book_id");
    const std::size_t userColumn = header.require("user_id");
    const std::size_t bookColumn = header.require("book_id");
    ToReadList list;
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        const std::int32_t userId = readPositiveId(reader, userColumn, "user_id");
        const std::int32_t bookId = readPositiveId(reader, bookColumn, "book_id");
        ++list.rowsRead;
        const auto user = users.indexOf(userId);
        const auto book = books.indexOf(bookId);
        if (!user || !book) {
            ++list.unmatched;
            return;
        }
        list.userIndex.push_back(*user);
        list.bookIndex.push_back(*book);
    });
    return list;
}

} // namespace shelfscope
