#include "io/CsvHeader.h"

#include "io/DataError.h"
#include "io/FieldParsing.h"

#include <algorithm>

namespace shelfscope {

std::string recordText(const CsvReader& reader) {
    std::string text;
    for (std::size_t i = 0; i < reader.fieldCount(); ++i) {
        if (i > 0)
            text += ',';
        text += reader.field(i);
    }
    return text;
}

CsvHeader CsvHeader::read(CsvReader& reader, std::string_view expectedHeader) {
    CsvHeader header;
    header.path_ = reader.path();
    header.expected_ = expectedHeader;
    if (!reader.next())
        throw DataError({reader.path()}, "the file is empty (expected a header line such as '" +
                                             header.expected_ + "')");
    header.text_ = recordText(reader);
    header.line_ = reader.line();
    if (!isValidUtf8(header.text_))
        throw DataError({reader.path(), reader.line()},
                        "binary data: the first line is not UTF-8 text; is this a CSV file?");
    bool allNumeric = true;
    for (std::size_t i = 0; i < reader.fieldCount(); ++i) {
        header.names_.emplace_back(reader.field(i));
        allNumeric = allNumeric && parseFiniteNumber(reader.field(i)).has_value();
    }
    if (allNumeric)
        throw DataError({reader.path(), reader.line()},
                        "missing header: the first line holds data; expected a header such as '" +
                            header.expected_ + "'",
                        quoteForMessage(header.text_));
    for (std::size_t i = 0; i < header.names_.size(); ++i) {
        const auto duplicate = std::find(header.names_.begin() + static_cast<long>(i) + 1,
                                         header.names_.end(), header.names_[i]);
        if (!header.names_[i].empty() && duplicate != header.names_.end())
            throw DataError({reader.path(), reader.line(), i + 1, header.names_[i]},
                            "the header names this column twice");
    }
    return header;
}

std::optional<std::size_t> CsvHeader::find(std::string_view name) const {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end())
        return std::nullopt;
    return static_cast<std::size_t>(it - names_.begin());
}

std::size_t CsvHeader::require(std::string_view name) const {
    if (auto index = find(name))
        return *index;
    throw DataError({path_, line_},
                    "unknown header: no column named '" + std::string(name) +
                        "' (expected a header such as '" + expected_ + "')",
                    quoteForMessage(text_));
}

void CsvHeader::checkFieldCount(const CsvReader& reader) const {
    if (reader.fieldCount() == names_.size())
        return;
    throw DataError({reader.path(), reader.line()},
                    "wrong number of fields: expected " + std::to_string(names_.size()) +
                        " as in the header, found " + std::to_string(reader.fieldCount()),
                    quoteForMessage(recordText(reader)));
}

} // namespace shelfscope
