#pragma once

#include "io/CsvReader.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// The header line of a CSV file: column names and the checks every loader shares.
class CsvHeader {
public:
    /// Reads the first record as the header. Throws DataError for an empty file, and for a
    /// first line that holds data instead of names ("missing header"), quoting expectedHeader.
    static CsvHeader read(CsvReader& reader, std::string_view expectedHeader);

    std::size_t size() const { return names_.size(); }
    std::optional<std::size_t> find(std::string_view name) const;
    /// Index of a required column; throws DataError "unknown header" when it is absent.
    std::size_t require(std::string_view name) const;
    const std::string& name(std::size_t index) const { return names_[index]; }

    /// Throws DataError unless the reader's current record has as many fields as the header.
    void checkFieldCount(const CsvReader& reader) const;

private:
    std::string path_;
    std::string expected_;
    std::string text_;
    std::size_t line_ = 1;
    std::vector<std::string> names_;
};

/// The current record re-joined with commas, for quoting in error messages.
std::string recordText(const CsvReader& reader);

} // namespace shelfscope
