#pragma once

#include "model/Parameter.h"

#include <cstdint>
#include <span>

namespace shelfscope {

/// Asks the cache for the first `rowBytes` bytes of these rows of a table (their first and last
/// cache line: rows of the tables here span one or two). Only a speed matter: a step's rows lie
/// scattered over tables of megabytes, and asking a batch ahead hides most of the wait.
inline void prefetchTableRows(const Matrix& table, std::span<const std::int32_t> rows,
                              std::size_t rowBytes) {
    for (const std::int32_t row : rows) {
        const char* bytes = reinterpret_cast<const char*>(table.row(row).data());
        __builtin_prefetch(bytes);
        __builtin_prefetch(bytes + rowBytes - 1);
    }
}

} // namespace shelfscope
