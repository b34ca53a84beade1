#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

class ByteSource;
class DataError;

/// Streams records out of an RFC 4180 CSV file, plain or gzip-compressed (detected from the
/// content, not the name). Accepts LF, CRLF or CR line ends, a UTF-8 byte-order mark, quoted
/// fields with embedded commas, quotes and line breaks, blank lines and a missing final newline.
/// Refuses binary data, broken compression and a record longer than maxRecordBytes (a file with
/// no line ends, say) with a DataError that names file and line. Memory stays bounded by the
/// buffer (plus the longest record, at most maxRecordBytes), whatever the file size.
class CsvReader {
public:
    /// The default longest record: 16 MiB, where goodbooks-10k's longest line is under 2 KB.
    static constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;

    /// Opens the file; throws DataError when it cannot be read.
    explicit CsvReader(std::string path, std::size_t bufferBytes = std::size_t{1} << 20,
                       std::size_t maxRecordBytes = kMaxRecordBytes);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    /// Advances to the next non-blank record; false at the end of the file.
    bool next();

    std::size_t fieldCount() const { return fields_.size(); }
    /// Field text, unquoted; valid until the next call to next().
    std::string_view field(std::size_t index) const;
    /// 1-based line on which the current record starts.
    std::size_t line() const { return recordLine_; }
    const std::string& path() const { return path_; }
    /// Rethrows `error`, unless the file turns out to be damaged compressed data: then a
    /// DataError saying so, which names the line where the damage first showed.
    [[noreturn]] void rethrowWithDiagnosis(const DataError& error);
    /// Bytes consumed from the file on disk (compressed bytes for .gz), for progress reports.
    std::uint64_t fileOffset() const;
    std::uint64_t fileSize() const;
    bool compressed() const;

private:
    struct FieldSpan {
        std::size_t offset;
        std::size_t length;
        bool inScratch;
    };
    enum class ParseStatus { Complete, NeedMoreData };

    ParseStatus parseRecord();
    ParseStatus parseQuotedField(std::size_t& pos, std::size_t& lineCursor);
    bool refill();
    [[noreturn]] void failRecordTooLong() const;
    [[noreturn]] void failAt(std::size_t line, std::size_t column, const std::string& problem,
                             std::string_view text = {}) const;

    std::string path_;
    std::unique_ptr<ByteSource> source_;
    std::size_t maxRecordBytes_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0; // start of unparsed data
    std::size_t end_ = 0;   // end of valid data
    bool eof_ = false;
    bool atFileStart_ = true;
    std::size_t nextLine_ = 1;
    std::size_t recordLine_ = 0;
    std::size_t recordStart_ = 0;
    std::vector<FieldSpan> fields_;
    std::string scratch_;
};

/// Calls perRecord() for each record; a DataError it throws is checked against damage in the
/// compressed file, so the message blames the real cause.
template <typename PerRecord> void forEachRecord(CsvReader& reader, PerRecord&& perRecord);

} // namespace shelfscope

#include "io/DataError.h"

template <typename PerRecord>
void shelfscope::forEachRecord(CsvReader& reader, PerRecord&& perRecord) {
    try {
        while (reader.next())
            perRecord();
    } catch (const DataError& error) {
        reader.rethrowWithDiagnosis(error);
    }
}
