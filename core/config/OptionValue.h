#pragma once

// Reading and checking an option's value as typed, against its entry in the option table: the
// one check behind shelfscope-cli's parser and the app's own command line.

#include "config/OptionTable.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// The whole number that all of `text` spells ("42", "-1"); nullopt for anything else.
std::optional<std::int64_t> parseWholeText(std::string_view text);
/// The decimal number that all of `text` spells ("0.1", "1e-6"); nullopt for anything else.
std::optional<double> parseNumberText(std::string_view text);
/// "a, b or c".
std::string choiceList(const std::vector<std::string>& choices);
/// "12,32," -> {"12", "32", ""}: the items of a List option's value.
std::vector<std::string> splitCommas(const std::string& text);

/// Why `value` does not suit `option`, in the words shelfscope-cli uses ("--epochs must be
/// between 1 and 10000, got 20000"); empty when it suits. `typedName` names the option as the
/// user typed it when a program calls it otherwise (the app's --reader for recommend's --user);
/// empty: the table's name.
std::string optionValueProblem(const OptionDef& option, const std::string& value,
                               std::string_view typedName = {});

} // namespace shelfscope
