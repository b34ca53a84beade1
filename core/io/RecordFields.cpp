#include "io/RecordFields.h"

#include "io/DataError.h"
#include "io/FieldParsing.h"

namespace shelfscope {

std::int32_t readPositiveId(const CsvReader& reader, std::size_t column, std::string_view name) {
    std::int32_t id = 0;
    const IdParse status = parsePositiveId(reader.field(column), id);
    if (status != IdParse::Ok)
        throw DataError({reader.path(), reader.line(), column + 1, std::string(name)},
                        describeIdProblem(status), quoteForMessage(reader.field(column)));
    return id;
}

} // namespace shelfscope
