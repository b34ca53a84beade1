#include "CommandLine.h"

#include <charconv>

namespace shelfscope::cli {

CommandLine::CommandLine(const std::vector<std::string>& arguments, const OptionSpec& spec) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument.rfind("--", 0) != 0 || argument.size() == 2)
            throw UsageError("unexpected argument '" + argument + "'");
        std::string name = argument.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name.resize(equals);
        }
        if (spec.flags.count(name) > 0) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            values_[name] = "";
        } else if (spec.valued.count(name) > 0) {
            if (!inlineValue && i + 1 >= arguments.size())
                throw UsageError("--" + name + " needs a value");
            values_[name] = inlineValue ? *inlineValue : arguments[++i];
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> CommandLine::raw(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

std::string CommandLine::text(const std::string& name) const {
    const auto value = raw(name);
    if (!value || value->empty())
        throw UsageError("--" + name + " is required");
    return *value;
}

std::string CommandLine::text(const std::string& name, const std::string& fallback) const {
    return raw(name).value_or(fallback);
}

std::int64_t CommandLine::integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) const {
    const auto value = raw(name);
    if (!value)
        return fallback;
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (error != std::errc{} || end != value->data() + value->size())
        throw UsageError("--" + name + " must be a whole number, got '" + *value + "'");
    if (parsed < min || parsed > max)
        throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + *value);
    return parsed;
}

double CommandLine::number(const std::string& name, double fallback, double min, double max) const {
    const auto value = raw(name);
    if (!value)
        return fallback;
    double parsed = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (error != std::errc{} || end != value->data() + value->size() || !(parsed >= min) ||
        !(parsed <= max))
        throw UsageError("--" + name + " must be a number between " + std::to_string(min) +
                         " and " + std::to_string(max) + ", got '" + *value + "'");
    return parsed;
}

std::uint64_t CommandLine::seed(const std::string& name, std::uint64_t fallback) const {
    const auto value = raw(name);
    if (!value)
        return fallback;
    std::uint64_t parsed = 0;
    const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (error != std::errc{} || end != value->data() + value->size())
        throw UsageError("--" + name + " must be a non-negative whole number, got '" + *value +
                         "'");
    return parsed;
}

} // namespace shelfscope::cli
