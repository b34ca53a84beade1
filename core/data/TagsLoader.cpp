#include "data/TagsLoader.h"

#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/RecordFields.h"

#include <unordered_map>

namespace shelfscope {

TagTable loadTags(const TagsLoadConfig& config) {
    CsvReader reader(config.path);
    const CsvHeader header = CsvHeader::read(reader, "tag_id,tag_name");
    const std::size_t idColumn = header.require("tag_id");
    const std::size_t nameColumn = header.require("tag_name");
    std::vector<std::int32_t> ids;
    std::vector<std::string> names;
    std::unordered_map<std::int32_t, std::size_t> lineById;
    std::unordered_map<std::string, std::size_t> lineByName;
    // Rows are about 20 bytes (goodbooks-10k: 21 plain, 7 compressed): no rehashing on the way.
    const auto rowsHint =
        static_cast<std::size_t>(reader.fileSize() / (reader.compressed() ? 6 : 18));
    lineById.reserve(rowsHint);
    lineByName.reserve(rowsHint);
    const auto fail = [&](std::size_t column, const std::string& problem) {
        throw DataError({reader.path(), reader.line(), column + 1, header.name(column)}, problem,
                        quoteForMessage(reader.field(column)));
    };
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        const std::int32_t id = readNonNegativeId(reader, idColumn, "tag_id");
        std::string name(reader.field(nameColumn));
        if (name.empty())
            fail(nameColumn, "the tag name is empty");
        if (const auto [first, fresh] = lineById.emplace(id, reader.line()); !fresh)
            fail(idColumn,
                 "duplicate tag id (first seen on line " + std::to_string(first->second) + ")");
        if (const auto [first, fresh] = lineByName.emplace(name, reader.line()); !fresh)
            fail(nameColumn,
                 "duplicate tag name (first seen on line " + std::to_string(first->second) + ")");
        ids.push_back(id);
        names.push_back(std::move(name));
    });
    if (ids.empty())
        throw DataError({config.path}, "the file has a header but no tags");
    return TagTable(ids, std::move(names));
}

} // namespace shelfscope
