#pragma once

#include "data/TagTable.h"

#include <string>

namespace shelfscope {

struct TagsLoadConfig {
    std::string path; ///< tags.csv or tags.csv.gz
};

/// Reads tags.csv (tag_id,tag_name) strictly: ids are whole numbers from 0, each id and each name
/// once, names not empty. Throws DataError naming file, line, column and text.
TagTable loadTags(const TagsLoadConfig& config);

} // namespace shelfscope
