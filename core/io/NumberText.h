#pragma once

#include <string>

namespace shelfscope {

/// The shortest decimal text that reads back as the very same number, always with a dot
/// (std::to_chars ignores the C locale, which a Qt program sets from the environment: under
/// de_DE.UTF-8, printf, std::to_string and strtod use a decimal comma).
std::string shortestText(double value);
/// As shortestText(double), for a float's own shortest text ("0.1", not "0.10000000149").
std::string shortestText(float value);

} // namespace shelfscope
