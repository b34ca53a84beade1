#pragma once

#include "io/CsvReader.h"

#include <cstdint>
#include <string_view>

namespace shelfscope {

/// Reads the current record's field as a positive id, or throws DataError naming file, line,
/// column and text.
std::int32_t readPositiveId(const CsvReader& reader, std::size_t column, std::string_view name);

/// The same for ids that may be 0 (tags.csv's tag_id).
std::int32_t readNonNegativeId(const CsvReader& reader, std::size_t column, std::string_view name);

} // namespace shelfscope
