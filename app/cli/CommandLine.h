#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace shelfscope::cli {

enum ExitCode : int { ExitSuccess = 0, ExitFailure = 1, ExitUsage = 2, ExitDataError = 3 };

/// A command-line mistake; main() prints it with the command's usage and exits with 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What one command accepts: options that take a value, and flags that do not.
struct OptionSpec {
    std::set<std::string> valued;
    std::set<std::string> flags;
};

/// `--name value`, `--name=value` and `--flag` arguments, checked against an OptionSpec.
class CommandLine {
public:
    CommandLine(const std::vector<std::string>& arguments, const OptionSpec& spec);

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string text(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const;
    double number(const std::string& name, double fallback, double min, double max) const;
    std::uint64_t seed(const std::string& name, std::uint64_t fallback) const;

private:
    std::optional<std::string> raw(const std::string& name) const;

    std::map<std::string, std::string> values_;
};

} // namespace shelfscope::cli
