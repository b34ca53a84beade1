#include "data/TagTable.h"

#include "data/GenreShelves.h"

namespace shelfscope {

TagTable::TagTable(const std::vector<std::int32_t>& ids, std::vector<std::string> names)
    : ids_(IdIndex::fromRawIds(ids)) {
    names_.resize(names.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        names_[at(*ids_.indexOf(ids[i]))] = std::move(names[i]);
    for (const std::string& name : names_) {
        genre_.push_back(genreOfShelf(name));
        descriptive_.push_back(isNonDescriptiveShelf(name) ? 0 : 1);
    }
}

} // namespace shelfscope
