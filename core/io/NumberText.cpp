#include "io/NumberText.h"

#include <charconv>
#include <system_error>

namespace shelfscope {

namespace {

template <typename Number> std::string textOf(Number value) {
    char digits[64];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    return error == std::errc{} ? std::string(digits, end) : std::string("nan");
}

} // namespace

std::string shortestText(double value) {
    return textOf(value);
}

std::string shortestText(float value) {
    return textOf(value);
}

} // namespace shelfscope
