#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shelfscope {

/// Outcome of reading an id field; the loaders turn each failure into its own message.
enum class IdParse { Ok, Empty, NotAnInteger, NotPositive, Negative, TooLarge };

/// Reads a positive decimal integer id (1 .. 2^31-1). Leading/trailing spaces are not allowed:
/// the data sets never have them, so their presence means a malformed file.
IdParse parsePositiveId(std::string_view text, std::int32_t& id);

/// Reads a non-negative decimal integer id (0 .. 2^31-1), as tags.csv numbers its tags from 0.
IdParse parseNonNegativeId(std::string_view text, std::int32_t& id);

/// Reads a finite decimal number ("4", "3.5", "-720.0", "9.78e+12"); nullopt for anything else,
/// including empty text, "nan" and "inf".
std::optional<double> parseFiniteNumber(std::string_view text);

/// Reads a non-negative decimal integer that fits in 64 bits.
std::optional<std::int64_t> parseCount(std::string_view text);

/// True when the bytes are well-formed UTF-8 (ASCII included).
bool isValidUtf8(std::string_view text);

/// The text with each byte that starts no well-formed UTF-8 sequence replaced by U+FFFD, so it
/// prints, serialises to JSON and converts to a QString the same way everywhere.
std::string replaceInvalidUtf8(std::string_view text);

/// Message fragment describing why an id failed to parse ("is not a positive integer", ...).
const char* describeIdProblem(IdParse problem);

} // namespace shelfscope
