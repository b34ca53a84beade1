#include "CommandLine.h"

#include "config/OptionValue.h"

namespace shelfscope::cli {

namespace {

/// Throws a UsageError unless `value` suits the option.
void check(const OptionDef& o, const std::string& value) {
    if (std::string problem = optionValueProblem(o, value); !problem.empty())
        throw UsageError(problem);
}

} // namespace

CommandLine::CommandLine(CliCommand command, const std::vector<std::string>& arguments)
    : command_(command) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i] == "-h" ? "--help" : arguments[i];
        if (argument.rfind("--", 0) != 0 || argument.size() == 2)
            throw UsageError("unexpected argument '" + argument + "'");
        std::string name = argument.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name.resize(equals);
        }
        const OptionDef* o = findOption(command, name);
        if (o == nullptr)
            throw UsageError("unknown option --" + name);
        // Keeping the last of two values would silently drop the one the user meant.
        if (!o->repeatable && values_.count(name) != 0)
            throw UsageError("--" + name + " is given twice; give it once");
        if (o->type == OptionType::Flag) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            values_[name] = "";
            continue;
        }
        if (!inlineValue && i + 1 >= arguments.size())
            throw UsageError("--" + name + " needs a value");
        const std::string value = inlineValue ? *inlineValue : arguments[++i];
        check(*o, value);
        if (o->repeatable)
            repeated_[name].push_back(value);
        values_[name] = value;
    }
}

const OptionDef& CommandLine::definition(const std::string& name) const {
    return option(command_, name); // a name the table lacks is a mistake in the program
}

bool CommandLine::has(const std::string& name) const {
    definition(name);
    return values_.count(name) > 0;
}

std::optional<std::string> CommandLine::raw(const std::string& name) const {
    definition(name);
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

std::vector<std::string> CommandLine::texts(const std::string& name) const {
    definition(name);
    const auto it = repeated_.find(name);
    return it == repeated_.end() ? std::vector<std::string>{} : it->second;
}

std::int64_t CommandLine::integer(const std::string& name, std::int64_t fallback) const {
    const auto value = raw(name);
    return value ? *parseWholeText(*value) : fallback; // checked when read
}

double CommandLine::number(const std::string& name, double fallback) const {
    const auto value = raw(name);
    return value ? *parseNumberText(*value) : fallback;
}

std::uint64_t CommandLine::seed(const std::string& name, std::uint64_t fallback) const {
    const auto value = raw(name);
    return value ? static_cast<std::uint64_t>(*parseWholeText(*value)) : fallback;
}

double CommandLine::tableDefault(const std::string& name) const {
    const OptionDef& o = definition(name);
    if (!o.defaultValue)
        throw std::logic_error("the option table gives --" + name + " no numeric default");
    return *o.defaultValue;
}

std::int64_t CommandLine::integer(const std::string& name) const {
    return integer(name, static_cast<std::int64_t>(tableDefault(name)));
}

double CommandLine::number(const std::string& name) const {
    return number(name, tableDefault(name));
}

std::uint64_t CommandLine::seed(const std::string& name) const {
    return seed(name, static_cast<std::uint64_t>(tableDefault(name)));
}

std::vector<int> CommandLine::list(const std::string& name) const {
    std::vector<int> numbers;
    const std::string value = text(name, "");
    if (value.empty())
        return numbers;
    for (const std::string& item : splitCommas(value))
        numbers.push_back(static_cast<int>(*parseWholeText(item)));
    return numbers;
}

double CommandLine::value(const OptionDef& o) const {
    const std::string text = raw(o.name).value_or("");
    switch (o.type) {
    case OptionType::Flag:
        return has(o.name) ? 1.0 : 0.0;
    case OptionType::Choice:
        for (std::size_t i = 0; i < o.choices.size(); ++i)
            if (o.choices[i] == text)
                return static_cast<double>(i);
        return -1.0;
    case OptionType::Integer:
    case OptionType::Seed:
        return static_cast<double>(*parseWholeText(text));
    case OptionType::Number:
        return *parseNumberText(text);
    case OptionType::List:
    case OptionType::Text:
    case OptionType::Path:
        break;
    }
    throw std::logic_error("--" + o.name + " has no numeric value");
}

} // namespace shelfscope::cli
