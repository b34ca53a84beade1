#pragma once

#include "config/OptionTable.h"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace shelfscope::cli {

enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailure = 1,
    ExitUsage = 2,
    ExitDataError = 3,
    /// Stopped by Ctrl-C: what a shell reports for a program Ctrl-C ends (128 + SIGINT).
    ExitInterrupted = 130,
};

/// A command-line mistake; main() prints it with the command's usage and exits with 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A command's `--name value`, `--name=value` and `--flag` arguments, checked as they are read
/// against the command's options in the option table (config/OptionTable.h): an unknown option,
/// a missing value, or a value of the wrong kind or out of range throws a UsageError naming
/// the option, before the command does anything.
class CommandLine {
public:
    CommandLine(CliCommand command, const std::vector<std::string>& arguments);

    CliCommand command() const { return command_; }
    /// --help (or -h) was given: the command prints its help instead of running.
    bool helpRequested() const { return has("help"); }
    bool has(const std::string& name) const;
    /// The value of a required option (UsageError when it is missing or empty).
    std::string text(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback) const;
    /// Every value of a repeatable option, in the order given.
    std::vector<std::string> texts(const std::string& name) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback) const;
    double number(const std::string& name, double fallback) const;
    std::uint64_t seed(const std::string& name, std::uint64_t fallback) const;
    /// The value given, or else the option table's default (the one its help prints); an
    /// option the table gives no numeric default is a mistake in the program (logic_error).
    std::int64_t integer(const std::string& name) const;
    double number(const std::string& name) const;
    std::uint64_t seed(const std::string& name) const;
    /// A List option's whole numbers (empty text: none).
    std::vector<int> list(const std::string& name) const;
    /// The value as the table's setters take it: a Flag 1, a Choice the index of its choice,
    /// a number itself.
    double value(const OptionDef& option) const;

private:
    const OptionDef& definition(const std::string& name) const;
    double tableDefault(const std::string& name) const;
    std::optional<std::string> raw(const std::string& name) const;

    CliCommand command_;
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> repeated_;
};

} // namespace shelfscope::cli
