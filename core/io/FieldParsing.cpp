#include "io/FieldParsing.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace shelfscope {

namespace {

template <bool allowZero> IdParse parseId(std::string_view text, std::int32_t& id) {
    if (text.empty())
        return IdParse::Empty;
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        i = 1;
        if (text.size() == 1)
            return IdParse::NotAnInteger;
    }
    std::uint64_t value = 0;
    for (; i < text.size(); ++i) {
        const unsigned digit = static_cast<unsigned char>(text[i]) - '0';
        if (digit > 9)
            return IdParse::NotAnInteger;
        value = value * 10 + digit;
        if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max()))
            return negative ? (allowZero ? IdParse::Negative : IdParse::NotPositive)
                            : IdParse::TooLarge;
    }
    if constexpr (allowZero) {
        if (negative && value > 0)
            return IdParse::Negative;
    } else if (negative || value == 0) {
        return IdParse::NotPositive;
    }
    id = static_cast<std::int32_t>(value);
    return IdParse::Ok;
}

} // namespace

IdParse parsePositiveId(std::string_view text, std::int32_t& id) {
    return parseId<false>(text, id);
}

IdParse parseNonNegativeId(std::string_view text, std::int32_t& id) {
    return parseId<true>(text, id);
}

std::optional<double> parseFiniteNumber(std::string_view text) {
    if (text.size() == 1) { // the common case in ratings files: one digit
        const unsigned digit = static_cast<unsigned char>(text[0]) - '0';
        if (digit <= 9)
            return static_cast<double>(digit);
        return std::nullopt;
    }
    if (text.empty())
        return std::nullopt;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (*first == '+')
        ++first;
    double value = 0;
    const auto [end, error] = std::from_chars(first, last, value, std::chars_format::general);
    if (error != std::errc{} || end != last || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parseCount(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

bool isValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        if (lead < 0x80)
            length = 1;
        else if (lead >= 0xC2 && lead <= 0xDF)
            length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF)
            length = 3;
        else if (lead >= 0xF0 && lead <= 0xF4)
            length = 4;
        else
            return false;
        if (i + length > text.size())
            return false;
        for (std::size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return false;
        i += length;
    }
    return true;
}

const char* describeIdProblem(IdParse problem) {
    switch (problem) {
    case IdParse::Ok:
        return "valid id";
    case IdParse::Empty:
        return "id is empty";
    case IdParse::NotAnInteger:
        return "id is not a whole number";
    case IdParse::NotPositive:
        return "id must be a positive integer (1 or more)";
    case IdParse::Negative:
        return "id must not be negative (0 or more)";
    case IdParse::TooLarge:
        return "id is too large (the limit is 2147483647)";
    }
    return "invalid id";
}

} // namespace shelfscope
