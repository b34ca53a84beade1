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
    std::size_t size() const { return ratings.size(); }
};

/// The distinct users and books of a batch, and for each batch item where its row sits among
/// them: gradients are gathered per distinct row, as a sparse embedding update needs.
struct BatchRows {
    std::vector<std::int32_t> users;
    std::vector<std::int32_t> books;
    std::vector<std::int32_t> userSlot;
    std::vector<std::int32_t> bookSlot;
};

/// Finds the distinct rows of a batch. `stamp` is scratch space sized to the larger table, filled
/// with -1 initially; it is left as it was found.
void collectBatchRows(const Batch& batch, BatchRows& rows, std::vector<std::int32_t>& userStamp,
                      std::vector<std::int32_t>& bookStamp);

} // namespace shelfscope
