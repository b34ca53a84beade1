#include "Format.h"

#include <cstdio>

namespace shelfscope::cli {

std::string groupDigits(std::int64_t value) {
    const std::string digits = std::to_string(value < 0 ? -value : value);
    std::string grouped = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            grouped.push_back(',');
        grouped.push_back(digits[i]);
    }
    return grouped;
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string signedFixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%+.*f", decimals, value);
    return text;
}

std::string bookHeading(const std::string& title, const std::string& authors,
                        const std::optional<int>& year) {
    std::string facts = authors;
    if (year)
        facts += (facts.empty() ? "" : ", ") + std::to_string(*year);
    return facts.empty() ? title : title + " (" + facts + ")";
}

} // namespace shelfscope::cli
