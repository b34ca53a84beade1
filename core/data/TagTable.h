#pragma once

#include "data/IdIndex.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shelfscope {

/// The shelf names of tags.csv, by tag id, with what the genre list says about each name
/// (worked out once per name, not once per book).
class TagTable {
public:
    TagTable() = default;
    /// Builds the table from parallel lists; ids must be distinct and not negative.
    TagTable(const std::vector<std::int32_t>& ids, std::vector<std::string> names);

    std::int32_t size() const { return ids_.size(); }
    /// Dense index (0..size-1, ascending tag id) of a tag id, or nullopt when unknown.
    std::optional<std::int32_t> indexOf(std::int32_t tagId) const { return ids_.indexOf(tagId); }
    std::int32_t id(std::int32_t index) const { return ids_.rawId(index); }
    const std::string& name(std::int32_t index) const { return names_[at(index)]; }
    /// Index in genreList() of the genre the shelf stands for, or -1.
    int genre(std::int32_t index) const { return genre_[at(index)]; }
    /// False for shelves about the reader (to-read, owned, ...; see isNonDescriptiveShelf).
    bool descriptive(std::int32_t index) const { return descriptive_[at(index)] != 0; }

private:
    static std::size_t at(std::int32_t index) { return static_cast<std::size_t>(index); }

    IdIndex ids_;
    std::vector<std::string> names_; // by index
    std::vector<int> genre_;
    std::vector<std::uint8_t> descriptive_;
};

} // namespace shelfscope
