#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace shelfscope {

/// Two-way map between the raw ids of a data file and dense indices 0..size-1.
/// Indices follow ascending raw id, so they do not depend on the order of rows in the file.
class IdIndex {
public:
    IdIndex() = default;
    /// Builds the index of the distinct ids in rawIds (any order, repeats allowed).
    static IdIndex fromRawIds(std::span<const std::int32_t> rawIds);

    std::int32_t size() const { return static_cast<std::int32_t>(rawIds_.size()); }
    /// Dense index of a raw id, or nullopt when the id is unknown. Inline: loaders ask it per row.
    std::optional<std::int32_t> indexOf(std::int32_t rawId) const {
        if (!denseLookup_.empty()) {
            if (rawId < 0 || static_cast<std::size_t>(rawId) >= denseLookup_.size())
                return std::nullopt;
            const std::int32_t index = denseLookup_[static_cast<std::size_t>(rawId)];
            if (index < 0)
                return std::nullopt;
            return index;
        }
        return sparseIndexOf(rawId);
    }
    std::int32_t rawId(std::int32_t index) const {
        return rawIds_[static_cast<std::size_t>(index)];
    }
    const std::vector<std::int32_t>& rawIds() const { return rawIds_; }
    std::int32_t maxRawId() const { return rawIds_.empty() ? 0 : rawIds_.back(); }
    /// Bytes the raw id -> index lookup holds (a hash map's nodes estimated): a flat table is used
    /// only while it stays within a small multiple of the ids' own size, so this grows with the
    /// number of ids, never with the largest one.
    std::size_t lookupBytes() const;

    /// Rewrites raw ids to their indices in place; every id must be known.
    void toIndicesInPlace(std::span<std::int32_t> ids) const;

    bool operator==(const IdIndex& other) const { return rawIds_ == other.rawIds_; }

private:
    void buildLookup();
    std::optional<std::int32_t> sparseIndexOf(std::int32_t rawId) const;

    std::vector<std::int32_t> rawIds_; // ascending
    // Raw ids are usually compact (1..N): a flat table is then fastest. Sparse ids (e.g.
    // Goodreads ids up to 3e7 for 1e4 books) fall back to a hash map.
    std::vector<std::int32_t> denseLookup_;
    std::unordered_map<std::int32_t, std::int32_t> sparseLookup_;
};

} // namespace shelfscope
