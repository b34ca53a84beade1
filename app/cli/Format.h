#pragma once

#include <cstdint>
#include <string>

namespace shelfscope::cli {

/// 981756 -> "981,756".
std::string groupDigits(std::int64_t value);
/// A number with a fixed count of decimals.
std::string fixed(double value, int decimals);
/// The same with a sign always: "+0.0123", "-0.0040" (a difference).
std::string signedFixed(double value, int decimals);

} // namespace shelfscope::cli
