#pragma once

// Short constructors for the entries of the option table (OptionTable.cpp and its parts).

#include "config/OptionTable.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace shelfscope::options {

/// Seeds fit the GUI's spin boxes (int) and every generator's seed type.
inline constexpr double kSeedMax = std::numeric_limits<std::int32_t>::max();
inline constexpr double kIdMax = std::numeric_limits<std::int32_t>::max();

constexpr unsigned bits(CliCommand command) {
    return static_cast<unsigned>(command);
}
constexpr unsigned operator|(CliCommand a, CliCommand b) {
    return bits(a) | bits(b);
}
constexpr unsigned operator|(unsigned a, CliCommand b) {
    return a | bits(b);
}

/// The commands that open a saved model (--model FILE, --data DIR optional).
inline constexpr unsigned kModelCommands = CliCommand::Export | CliCommand::Evaluate |
                                           CliCommand::Map | CliCommand::Recommend |
                                           CliCommand::Similar;

/// The readers compare evaluates unless told otherwise: the sample docs/RANKING.md reports.
inline constexpr std::int64_t kCompareReaders = 5000;

inline OptionDef flag(std::string name, unsigned commands, std::string help) {
    OptionDef o;
    o.name = std::move(name);
    o.type = OptionType::Flag;
    o.commands = commands;
    o.help = std::move(help);
    return o;
}

inline OptionDef integer(std::string name, unsigned commands, std::string valueName, double min,
                         double max, std::string defaultText, std::string help) {
    OptionDef o = flag(std::move(name), commands, std::move(help));
    o.type = OptionType::Integer;
    o.valueName = std::move(valueName);
    o.min = min;
    o.max = max;
    o.defaultText = std::move(defaultText);
    return o;
}

inline OptionDef number(std::string name, unsigned commands, std::string valueName, double min,
                        double max, int decimals, std::string defaultText, std::string help) {
    OptionDef o = integer(std::move(name), commands, std::move(valueName), min, max,
                          std::move(defaultText), std::move(help));
    o.type = OptionType::Number;
    o.decimals = decimals;
    return o;
}

inline OptionDef seed(std::string name, unsigned commands, std::string defaultText,
                      std::string help) {
    OptionDef o = integer(std::move(name), commands, "N", 0, kSeedMax, std::move(defaultText),
                          std::move(help));
    o.type = OptionType::Seed;
    return o;
}

inline OptionDef choice(std::string name, unsigned commands, std::string valueName,
                        std::vector<std::string> choices, std::string defaultText,
                        std::string help) {
    OptionDef o = flag(std::move(name), commands, std::move(help));
    o.type = OptionType::Choice;
    o.valueName = std::move(valueName);
    o.choices = std::move(choices);
    o.defaultText = std::move(defaultText);
    return o;
}

inline OptionDef valueOption(std::string name, unsigned commands, OptionType type,
                             std::string valueName, bool required, std::string help) {
    OptionDef o = flag(std::move(name), commands, std::move(help));
    o.type = type;
    o.valueName = std::move(valueName);
    o.required = required;
    return o;
}

/// The option with the GUI's step for its box (OptionDef::step).
inline OptionDef stepping(OptionDef o, double step) {
    o.step = step;
    return o;
}

/// Train's options (with their place in an ExperimentConfig), then every other command's.
std::vector<OptionDef> trainOptions();
std::vector<OptionDef> otherOptions();

} // namespace shelfscope::options
