#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace shelfscope {

class ByteSource;

/// Streams the lines of a text file, plain or gzip-compressed (detected from the content), for
/// formats that are not CSV (JSON lines, TSV). Accepts LF and CRLF line ends and a missing final
/// newline. A NUL byte, a line longer than maxLineBytes or damaged compression is a DataError
/// naming the file and line. Memory stays bounded by the longest line.
class LineReader {
public:
    /// Opens the file; throws DataError when it cannot be read.
    explicit LineReader(std::string path, std::size_t maxLineBytes = std::size_t{64} << 20);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Advances to the next line (blank lines included); false at the end of the file.
    bool next();
    /// The current line without its line end; valid until the next call to next().
    std::string_view line() const { return line_; }
    /// 1-based number of the current line.
    std::size_t lineNumber() const { return lineNumber_; }
    const std::string& path() const { return path_; }

private:
    bool refill();

    std::string path_;
    std::size_t maxLineBytes_;
    std::unique_ptr<ByteSource> source_;
    std::string pending_; // bytes read but not yet returned as lines
    std::size_t pendingStart_ = 0;
    std::string line_;
    std::size_t lineNumber_ = 0;
    bool eof_ = false;
};

} // namespace shelfscope
