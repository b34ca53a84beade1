#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace shelfscope::cli {

/// 981756 -> "981,756".
std::string groupDigits(std::int64_t value);
/// A number with a fixed count of decimals.
std::string fixed(double value, int decimals);
/// The same with a sign always: "+0.0123", "-0.0040" (a difference).
std::string signedFixed(double value, int decimals);
/// A book as a list names it: "Title (Authors, 1997)", "Title (Authors)", "Title (1997)", or the
/// title alone ("Book #3") when books.csv gives neither authors nor year.
std::string bookHeading(const std::string& title, const std::string& authors,
                        const std::optional<int>& year = std::nullopt);

} // namespace shelfscope::cli
