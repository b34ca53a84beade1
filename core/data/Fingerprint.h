#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <string>

namespace shelfscope {

/// Identifies a data set's id space and catalogue: users, books, and each book's title. Loading
/// with or without duplicate rows gives the same fingerprint; another data set does not.
std::uint64_t datasetFingerprint(const Dataset& dataset);

std::string fingerprintText(std::uint64_t fingerprint);

} // namespace shelfscope
