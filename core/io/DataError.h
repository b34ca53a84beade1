#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace shelfscope {

/// Where in an input file a problem was found. Line and column are 1-based; 0 means "not known"
/// (for example an unreadable path has neither).
struct DataLocation {
    DataLocation(std::string file, std::size_t line = 0, std::size_t column = 0,
                 std::string columnName = {})
        : file(std::move(file)), line(line), column(column), columnName(std::move(columnName)) {}

    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string columnName;
};

/// A problem with user-supplied data, carrying enough context to fix the file by hand.
/// what() is the full human-readable message: "FILE:LINE: column N (NAME): PROBLEM".
class DataError : public std::runtime_error {
public:
    DataError(DataLocation location, std::string problem, std::string offendingText = {});

    const DataLocation& location() const { return location_; }
    const std::string& problem() const { return problem_; }
    const std::string& offendingText() const { return offendingText_; }

private:
    DataLocation location_;
    std::string problem_;
    std::string offendingText_;
};

/// Thrown by long operations when their cancel flag is set; not an error in the data.
class OperationCancelled : public std::runtime_error {
public:
    OperationCancelled() : std::runtime_error("operation cancelled") {}
};

/// Quotes a piece of input for an error message, shortened and with control bytes escaped so a
/// binary file cannot garble the terminal.
std::string quoteForMessage(std::string_view text, std::size_t maxLength = 60);

} // namespace shelfscope
