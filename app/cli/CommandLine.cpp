#include "CommandLine.h"

#include <charconv>
#include <sstream>

namespace shelfscope::cli {

namespace {

std::optional<std::int64_t> parseWhole(const std::string& text) {
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return parsed;
}

std::optional<double> parseNumber(const std::string& text) {
    double parsed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return parsed;
}

std::string choiceList(const std::vector<std::string>& choices) {
    std::string text;
    for (std::size_t i = 0; i < choices.size(); ++i)
        text += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    return text;
}

std::vector<std::string> splitCommas(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
        items.push_back(item);
    if (!text.empty() && text.back() == ',')
        items.emplace_back(); // "12," has an empty last width
    return items;
}

/// Throws a UsageError unless `value` suits the option.
void check(const OptionDef& o, const std::string& value) {
    const std::string name = "--" + o.name;
    switch (o.type) {
    case OptionType::Integer:
    case OptionType::Seed: {
        const auto parsed = parseWhole(value);
        if (!parsed)
            throw UsageError(name + " must be a whole number, got '" + value + "'");
        if (!inRange(o, static_cast<double>(*parsed)))
            throw UsageError(name + " must be " + rangeText(o) + ", got " + value);
        return;
    }
    case OptionType::Number: {
        const auto parsed = parseNumber(value);
        if (!parsed || !inRange(o, *parsed))
            throw UsageError(name + " must be " + rangeText(o) + ", got '" + value + "'");
        return;
    }
    case OptionType::Choice:
        for (const std::string& choice : o.choices)
            if (choice == value)
                return;
        throw UsageError(name + " is " + choiceList(o.choices) + ", got '" + value + "'");
    case OptionType::List:
        for (const std::string& item : splitCommas(value)) {
            const auto parsed = parseWhole(item);
            if (!parsed || !inRange(o, static_cast<double>(*parsed)))
                throw UsageError(name + " takes comma-separated layer widths " + rangeText(o) +
                                 " such as 128,32, got '" + value + "'");
        }
        return;
    case OptionType::Flag:
    case OptionType::Text:
    case OptionType::Path:
        return;
    }
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
    return value ? *parseWhole(*value) : fallback; // checked when read
}

double CommandLine::number(const std::string& name, double fallback) const {
    const auto value = raw(name);
    return value ? *parseNumber(*value) : fallback;
}

std::uint64_t CommandLine::seed(const std::string& name, std::uint64_t fallback) const {
    const auto value = raw(name);
    return value ? static_cast<std::uint64_t>(*parseWhole(*value)) : fallback;
}

std::vector<int> CommandLine::list(const std::string& name) const {
    std::vector<int> numbers;
    const std::string value = text(name, "");
    if (value.empty())
        return numbers;
    for (const std::string& item : splitCommas(value))
        numbers.push_back(static_cast<int>(*parseWhole(item)));
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
        return static_cast<double>(*parseWhole(text));
    case OptionType::Number:
        return *parseNumber(text);
    case OptionType::List:
    case OptionType::Text:
    case OptionType::Path:
        break;
    }
    throw std::logic_error("--" + o.name + " has no numeric value");
}

} // namespace shelfscope::cli
