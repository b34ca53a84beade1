#pragma once

#include "io/DataError.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace shelfscope {

/// One row of factors as Spark's JSON writer prints them: {"id":7,"features":[0.1,-0.2]}.
struct FactorJsonRow {
    std::int32_t id = 0;
    std::vector<float> features;
};

/// Parses one JSON-lines record of Spark ALS's userFactors or itemFactors (an object with
/// exactly the keys "id", a positive 32-bit integer, and "features", an array of numbers; any
/// JSON whitespace). Throws DataError at `where` naming the problem: bad JSON, a missing,
/// repeated or unknown key, an id out of range, a feature that is no finite float.
FactorJsonRow parseFactorJsonLine(std::string_view line, const DataLocation& where);

} // namespace shelfscope
