#include "io/RecordFields.h"

#include "io/DataError.h"
#include "io/FieldParsing.h"

namespace shelfscope {

namespace {

template <IdParse (*parse)(std::string_view, std::int32_t&)>
std::int32_t readId(const CsvReader& reader, std::size_t column, std::string_view name) {
    std::int32_t id = 0;
    const IdParse status = parse(reader.field(column), id);
    if (status != IdParse::Ok)
        throw DataError({reader.path(), reader.line(), column + 1, std::string(name)},
                        describeIdProblem(status), quoteForMessage(reader.field(column)));
    return id;
}

} // namespace

std::int32_t readPositiveId(const CsvReader& reader, std::size_t column, std::string_view name) {
    return readId<parsePositiveId>(reader, column, name);
}

std::int32_t readNonNegativeId(const CsvReader& reader, std::size_t column, std::string_view name) {
    return readId<parseNonNegativeId>(reader, column, name);
}

} // namespace shelfscope
