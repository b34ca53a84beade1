#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// A mini-batch in model-row space.
struct Batch {
    std::span<const std::int32_t> users;
    std::span<const std::int32_t> books;
    std::span<const float> ratings;
    /// The objective is a mean over this many items; a batch split across threads keeps the
    /// whole batch's count here so the parts' gradients add up to the whole. 0: size().
    std::size_t wholeBatchSize = 0;
    /// Whether this part adds the per-batch weight penalty (only one part of a split batch does).
    bool includeWeightPenalty = true;
    std::size_t size() const { return ratings.size(); }
    float normalizer() const {
        return static_cast<float>(wholeBatchSize != 0 ? wholeBatchSize : ratings.size());
    }
};

/// The distinct users and books of a batch, and for each batch item where its row sits among
/// them: gradients are gathered per distinct row, as a sparse embedding update needs.
struct BatchRows {
    std::vector<std::int32_t> users;
    std::vector<std::int32_t> books;
    std::vector<std::int32_t> userSlot;
    std::vector<std::int32_t> bookSlot;
};

/// Finds the distinct ids among `ids` (in order of first appearance) and each id's slot among
/// them. `stamp` is scratch space sized to the table, filled with -1; it is left as it was found.
void collectDistinctRows(std::span<const std::int32_t> ids, std::vector<std::int32_t>& distinct,
                         std::vector<std::int32_t>& slot, std::vector<std::int32_t>& stamp);

/// Finds the distinct rows of a batch. `stamp` is scratch space sized to the larger table, filled
/// with -1 initially; it is left as it was found.
void collectBatchRows(const Batch& batch, BatchRows& rows, std::vector<std::int32_t>& userStamp,
                      std::vector<std::int32_t>& bookStamp);

} // namespace shelfscope
