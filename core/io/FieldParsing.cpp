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

namespace {

/// Length of the well-formed UTF-8 sequence at text[i] (Unicode's table 3-7: no overlong forms,
/// surrogates or code points past U+10FFFF), or 0 when the bytes there are not one.
std::size_t sequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned lead = byte(0);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned low = 0x80; // the second byte's range; later bytes are always 0x80..0xBF
    unsigned high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(1) < low || byte(1) > high)
        return 0;
    for (std::size_t k = 2; k < length; ++k)
        if ((byte(k) & 0xC0) != 0x80)
            return 0;
    return length;
}

} // namespace

bool isValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

std::string replaceInvalidUtf8(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD, one per byte that starts no valid sequence
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
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
