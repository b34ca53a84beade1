#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

struct ExperimentConfig;

/// The commands of shelfscope-cli. Bits, so one option definition can serve several.
enum class CliCommand : unsigned {
    Info = 1u << 0,
    Generate = 1u << 1,
    Train = 1u << 2,
    Export = 1u << 3,
    Evaluate = 1u << 4,
    Map = 1u << 5,
    Recommend = 1u << 6,
    Similar = 1u << 7,
    Import = 1u << 8,
    Compare = 1u << 9,
};

struct CommandDef {
    CliCommand command;
    std::string name;    ///< as typed: "train"
    std::string summary; ///< one sentence for the usage text and the man page
};

/// Every command, in the order the usage text lists them.
const std::vector<CommandDef>& commandTable();
/// nullptr when there is no command of that name.
const CommandDef* findCommand(std::string_view name);

enum class OptionType {
    Flag,    ///< no value
    Integer, ///< a whole number in [min, max]
    Number,  ///< a decimal number in [min, max]
    Seed,    ///< a whole number in [min, max] that seeds a random generator
    Choice,  ///< one of `choices`
    List,    ///< comma-separated whole numbers, each in [min, max]
    Text,    ///< free text
    Path,    ///< a file or folder
};

/// One command-line option: the single definition that the CLI's parser, its usage text and
/// man page, core's validation and the GUI's input ranges all read.
struct OptionDef {
    std::string name; ///< without the leading dashes
    OptionType type = OptionType::Flag;
    unsigned commands = 0; ///< CliCommand bits of the commands that accept it
    std::string valueName; ///< in usage: N, X, DIR, FILE, ...
    double min = 0.0;      ///< Integer, Number, Seed, List (each element)
    double max = 0.0;
    int decimals = 0; ///< Number: the precision the GUI offers (it steps by 10^-decimals)
    std::vector<std::string> choices;
    bool required = false;
    bool repeatable = false; ///< may be given several times; CommandLine::texts reads them all
    std::string defaultText; ///< as the help prints it; empty: none
    /// Integer, Number, Seed: the default as a number, when defaultText is one ("40", "0.1");
    /// none when the default depends on something else (train's: the preset).
    std::optional<double> defaultValue;
    /// The GUI's step for its box; 0: 1 for a whole number, 10^(1 - decimals) for a Number.
    double step = 0.0;
    std::string help;
    /// Train options: where the value lives in an ExperimentConfig (Choice: the index into
    /// `choices`; Flag: 1 when set). Empty for options that are not part of an experiment.
    std::function<double(const ExperimentConfig&)> get;
    std::function<void(ExperimentConfig&, double)> set;

    bool accepts(CliCommand command) const {
        return (commands & static_cast<unsigned>(command)) != 0;
    }
    /// Integer, Number and Seed carry a range.
    bool ranged() const {
        return type == OptionType::Integer || type == OptionType::Number ||
               type == OptionType::Seed;
    }
};

/// Every option of every command.
const std::vector<OptionDef>& optionTable();
/// The options `command` accepts, in the order its help lists them.
std::vector<const OptionDef*> optionsOf(CliCommand command);
/// nullptr when `command` has no option of that name.
const OptionDef* findOption(CliCommand command, std::string_view name);
/// The option, which must exist (throws std::logic_error otherwise: a typo in the program).
const OptionDef& option(CliCommand command, std::string_view name);

/// The shortest text that reads back as `value` ("1000000", "0.999999", "1e-10").
std::string numberText(double value);
/// "between 1 and 10000" (Number: "a number between 0 and 100").
std::string rangeText(const OptionDef& option);
/// Whether `value` is in the option's range. A Number's bounds are widened to their nearest
/// float, so a float setting that holds a bound (1e-6 becomes 9.99999997e-7) stays accepted.
bool inRange(const OptionDef& option, double value);
/// Throws std::invalid_argument "NAME must be between MIN and MAX, got VALUE" unless in range
/// ("WHAT: NAME must be ..." when `what` names the method checking, e.g. "t-SNE").
void requireInRange(const OptionDef& option, double value, std::string_view what = {});
/// requireInRange for the named option of `command`.
void validateOptionValue(CliCommand command, std::string_view name, double value);

} // namespace shelfscope
