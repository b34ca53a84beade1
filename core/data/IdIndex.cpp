#include "data/IdIndex.h"

#include <algorithm>

namespace shelfscope {

namespace {

// A flat table costs 4 bytes per possible id; allow it while it stays within a small multiple
// of the memory the ids themselves need.
bool denseTableFits(std::int64_t maxId, std::size_t idCount) {
    return maxId <= static_cast<std::int64_t>(8 * idCount + 4096);
}

} // namespace

IdIndex IdIndex::fromRawIds(std::span<const std::int32_t> rawIds) {
    IdIndex index;
    std::int32_t maxId = 0;
    for (std::int32_t id : rawIds)
        maxId = std::max(maxId, id);
    if (denseTableFits(maxId, rawIds.size())) {
        std::vector<std::uint8_t> seen(static_cast<std::size_t>(maxId) + 1, 0);
        for (std::int32_t id : rawIds)
            seen[static_cast<std::size_t>(id)] = 1;
        // 64-bit: an int32 counter could not pass a largest id of 2^31 - 1.
        for (std::int64_t id = 0; id <= maxId; ++id)
            if (seen[static_cast<std::size_t>(id)] != 0)
                index.rawIds_.push_back(static_cast<std::int32_t>(id));
    } else {
        index.rawIds_.assign(rawIds.begin(), rawIds.end());
        std::sort(index.rawIds_.begin(), index.rawIds_.end());
        index.rawIds_.erase(std::unique(index.rawIds_.begin(), index.rawIds_.end()),
                            index.rawIds_.end());
    }
    index.buildLookup();
    return index;
}

void IdIndex::buildLookup() {
    denseLookup_.clear();
    sparseLookup_.clear();
    if (rawIds_.empty())
        return;
    if (denseTableFits(rawIds_.back(), rawIds_.size())) {
        denseLookup_.assign(static_cast<std::size_t>(rawIds_.back()) + 1, -1);
        for (std::size_t i = 0; i < rawIds_.size(); ++i)
            denseLookup_[static_cast<std::size_t>(rawIds_[i])] = static_cast<std::int32_t>(i);
    } else {
        sparseLookup_.reserve(rawIds_.size());
        for (std::size_t i = 0; i < rawIds_.size(); ++i)
            sparseLookup_.emplace(rawIds_[i], static_cast<std::int32_t>(i));
    }
}

std::optional<std::int32_t> IdIndex::sparseIndexOf(std::int32_t rawId) const {
    const auto found = sparseLookup_.find(rawId);
    if (found == sparseLookup_.end())
        return std::nullopt;
    return found->second;
}

std::size_t IdIndex::lookupBytes() const {
    // A node of libstdc++'s unordered_map: next pointer, key, value and cached nothing (int keys).
    constexpr std::size_t kNodeBytes = sizeof(void*) + 2 * sizeof(std::int32_t);
    return denseLookup_.capacity() * sizeof(std::int32_t) +
           sparseLookup_.bucket_count() * sizeof(void*) + sparseLookup_.size() * kNodeBytes;
}

void IdIndex::toIndicesInPlace(std::span<std::int32_t> ids) const {
    if (!denseLookup_.empty()) {
        for (std::int32_t& id : ids)
            id = denseLookup_[static_cast<std::size_t>(id)];
        return;
    }
    for (std::int32_t& id : ids)
        id = sparseLookup_.at(id);
}

} // namespace shelfscope
