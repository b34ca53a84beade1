#include "config/OptionValue.h"

#include <charconv>
#include <sstream>

namespace shelfscope {

std::optional<std::int64_t> parseWholeText(std::string_view text) {
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return parsed;
}

std::optional<double> parseNumberText(std::string_view text) {
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

std::string optionValueProblem(const OptionDef& o, const std::string& value,
                               std::string_view typedName) {
    const std::string name = "--" + (typedName.empty() ? o.name : std::string(typedName));
    switch (o.type) {
    case OptionType::Integer:
    case OptionType::Seed: {
        const auto parsed = parseWholeText(value);
        if (!parsed)
            return name + " must be a whole number, got '" + value + "'";
        if (!inRange(o, static_cast<double>(*parsed)))
            return name + " must be " + rangeText(o) + ", got " + value;
        return {};
    }
    case OptionType::Number: {
        const auto parsed = parseNumberText(value);
        if (!parsed || !inRange(o, *parsed))
            return name + " must be " + rangeText(o) + ", got '" + value + "'";
        return {};
    }
    case OptionType::Choice:
        for (const std::string& choice : o.choices)
            if (choice == value)
                return {};
        return name + " is " + choiceList(o.choices) + ", got '" + value + "'";
    case OptionType::List:
        for (const std::string& item : splitCommas(value)) {
            const auto parsed = parseWholeText(item);
            if (!parsed || !inRange(o, static_cast<double>(*parsed)))
                return name + " takes comma-separated layer widths " + rangeText(o) +
                       " such as 128,32, got '" + value + "'";
        }
        return {};
    case OptionType::Flag:
    case OptionType::Text:
    case OptionType::Path:
        return {};
    }
    return {};
}

} // namespace shelfscope
