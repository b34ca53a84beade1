#include "io/DataError.h"

#include <cstdio>

namespace shelfscope {

namespace {

std::string formatMessage(const DataLocation& where, const std::string& problem,
                          const std::string& text) {
    std::string message;
    message.append(where.file);
    if (where.line > 0)
        message.append(":").append(std::to_string(where.line));
    message.append(": ");
    if (where.column > 0) {
        message.append("column ").append(std::to_string(where.column));
        if (!where.columnName.empty())
            message.append(" (").append(where.columnName).append(")");
        message.append(": ");
    }
    message.append(problem);
    if (!text.empty())
        message.append(": ").append(text);
    return message;
}

} // namespace

DataError::DataError(DataLocation location, std::string problem, std::string offendingText)
    : std::runtime_error(formatMessage(location, problem, offendingText)),
      location_(std::move(location)), problem_(std::move(problem)),
      offendingText_(std::move(offendingText)) {}

std::string quoteForMessage(std::string_view text, std::size_t maxLength) {
    std::string out = "'";
    std::size_t shown = 0;
    for (unsigned char c : text) {
        if (shown == maxLength) {
            out += "...";
            break;
        }
        if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
        ++shown;
    }
    out += "'";
    return out;
}

} // namespace shelfscope
