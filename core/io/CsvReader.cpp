#include "io/CsvReader.h"

#include "io/ByteSource.h"
#include "io/DataError.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

namespace shelfscope {

namespace {

enum CharClass : std::uint8_t { Plain, Comma, LineEnd, Quote, Control };

constexpr std::array<std::uint8_t, 256> makeClassTable() {
    std::array<std::uint8_t, 256> table{};
    for (int c = 0; c < 0x20; ++c)
        table[c] = Control;
    table[0x7f] = Control;
    table['\t'] = Plain;
    table[','] = Comma;
    table['\n'] = LineEnd;
    table['\r'] = LineEnd;
    table['"'] = Quote;
    return table;
}

constexpr std::array<std::uint8_t, 256> kCharClass = makeClassTable();

std::string describeControlByte(unsigned char byte) {
    char text[64];
    std::snprintf(text, sizeof text, "binary data (control byte 0x%02x); is this a CSV text file?",
                  byte);
    return text;
}

} // namespace

CsvReader::CsvReader(std::string path, std::size_t bufferBytes, std::size_t maxRecordBytes)
    : path_(std::move(path)), source_(std::make_unique<ByteSource>(path_)),
      maxRecordBytes_(std::max<std::size_t>(maxRecordBytes, 16)),
      buffer_(std::min(std::max<std::size_t>(bufferBytes, 16), maxRecordBytes_)) {}

CsvReader::~CsvReader() = default;

std::uint64_t CsvReader::fileOffset() const {
    return source_->fileOffset();
}
std::uint64_t CsvReader::fileSize() const {
    return source_->fileSize();
}
bool CsvReader::compressed() const {
    return source_->compressed();
}

std::string_view CsvReader::field(std::size_t index) const {
    const FieldSpan& span = fields_[index];
    const char* base = span.inScratch ? scratch_.data() : buffer_.data();
    return {base + span.offset, span.length};
}

void CsvReader::failAt(std::size_t line, std::size_t column, const std::string& problem,
                       std::string_view text) const {
    DataLocation where{path_, line, column, {}};
    throw DataError(where, problem, text.empty() ? std::string{} : quoteForMessage(text));
}

void CsvReader::rethrowWithDiagnosis(const DataError& error) {
    if (compressed() && error.location().line > 0 && source_->error().empty()) {
        const std::string damage = source_->drainForError();
        if (!damage.empty())
            throw DataError(DataLocation{path_, error.location().line},
                            damage + "; the damage first shows here as: " + error.problem(),
                            error.offendingText());
    }
    throw error;
}

bool CsvReader::refill() {
    if (eof_)
        return false;
    if (recordStart_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + recordStart_, end_ - recordStart_);
        end_ -= recordStart_;
        begin_ -= recordStart_;
        recordStart_ = 0;
    }
    if (end_ == buffer_.size()) { // one record longer than the buffer
        if (buffer_.size() >= maxRecordBytes_)
            failRecordTooLong();
        buffer_.resize(std::min(buffer_.size() * 2, maxRecordBytes_));
    }
    const std::size_t got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) {
        if (!source_->error().empty())
            failAt(nextLine_, 0, source_->error());
        eof_ = true;
        return false;
    }
    end_ += got;
    return true;
}

void CsvReader::failRecordTooLong() const {
    // The record starts after any blank lines at the front of the unparsed bytes.
    std::size_t line = nextLine_;
    for (std::size_t i = recordStart_; i < end_ && (buffer_[i] == '\n' || buffer_[i] == '\r'); ++i)
        if (buffer_[i] == '\n' || i + 1 == end_ || buffer_[i + 1] != '\n')
            ++line;
    const std::size_t mib = maxRecordBytes_ >> 20;
    failAt(
        line, 0,
        "a line longer than " +
            (mib > 0 ? std::to_string(mib) + " MiB" : std::to_string(maxRecordBytes_) + " bytes") +
            " (no line end, or a quote never closed): not a data file of this kind");
}

bool CsvReader::next() {
    for (;;) {
        recordStart_ = begin_;
        if (parseRecord() == ParseStatus::Complete)
            return !fields_.empty();
        refill();
    }
}

CsvReader::ParseStatus CsvReader::parseRecord() {
    fields_.clear();
    scratch_.clear();
    const char* buf = buffer_.data();
    std::size_t pos = begin_;
    std::size_t line = nextLine_;

    if (atFileStart_) {
        if (end_ - pos < 3 && !eof_)
            return ParseStatus::NeedMoreData;
        if (end_ - pos >= 3 && std::memcmp(buf + pos, "\xEF\xBB\xBF", 3) == 0)
            pos += 3;
        begin_ = pos;
        atFileStart_ = false;
    }

    for (;;) { // blank lines between records
        if (pos >= end_) {
            if (!eof_)
                return ParseStatus::NeedMoreData;
            begin_ = pos;
            nextLine_ = line;
            return ParseStatus::Complete; // no fields: end of file
        }
        const char c = buf[pos];
        if (c == '\n') {
            ++pos;
        } else if (c == '\r') {
            if (pos + 1 >= end_ && !eof_)
                return ParseStatus::NeedMoreData;
            pos += (pos + 1 < end_ && buf[pos + 1] == '\n') ? 2 : 1;
        } else {
            break;
        }
        ++line;
    }

    recordLine_ = line;
    std::size_t fieldStart = pos;
    for (;;) {
        if (pos >= end_) {
            if (!eof_)
                return ParseStatus::NeedMoreData;
            fields_.push_back({fieldStart, pos - fieldStart, false});
            begin_ = pos;
            nextLine_ = line;
            return ParseStatus::Complete;
        }
        const auto byte = static_cast<unsigned char>(buf[pos]);
        switch (kCharClass[byte]) {
        case Plain:
            ++pos;
            break;
        case Comma:
            fields_.push_back({fieldStart, pos - fieldStart, false});
            fieldStart = ++pos;
            break;
        case LineEnd:
            if (byte == '\r' && pos + 1 >= end_ && !eof_)
                return ParseStatus::NeedMoreData;
            fields_.push_back({fieldStart, pos - fieldStart, false});
            pos += (byte == '\r' && pos + 1 < end_ && buf[pos + 1] == '\n') ? 2 : 1;
            begin_ = pos;
            nextLine_ = line + 1;
            return ParseStatus::Complete;
        case Quote:
            if (pos != fieldStart) { // a quote inside an unquoted field is kept as text
                ++pos;
                break;
            }
            if (parseQuotedField(pos, line) == ParseStatus::NeedMoreData)
                return ParseStatus::NeedMoreData;
            if (pos >= end_ && !eof_)
                return ParseStatus::NeedMoreData;
            if (pos >= end_) {
                begin_ = pos;
                nextLine_ = line;
                return ParseStatus::Complete;
            }
            if (buf[pos] == ',') {
                fieldStart = ++pos;
            } else if (buf[pos] == '\r' || buf[pos] == '\n') {
                if (buf[pos] == '\r' && pos + 1 >= end_ && !eof_)
                    return ParseStatus::NeedMoreData;
                pos += (buf[pos] == '\r' && pos + 1 < end_ && buf[pos + 1] == '\n') ? 2 : 1;
                begin_ = pos;
                nextLine_ = line + 1;
                return ParseStatus::Complete;
            } else {
                std::size_t stop = pos;
                while (stop < end_ && stop - pos < 20 && buf[stop] != '\n' && buf[stop] != '\r')
                    ++stop;
                failAt(line, fields_.size(), "unexpected text after a closing quote",
                       std::string_view(buf + pos, stop - pos));
            }
            break;
        default:
            failAt(line, fields_.size() + 1, describeControlByte(byte));
        }
    }
}

CsvReader::ParseStatus CsvReader::parseQuotedField(std::size_t& pos, std::size_t& line) {
    const char* buf = buffer_.data();
    const std::size_t startLine = line;
    const std::size_t scratchOffset = scratch_.size();
    std::size_t cursor = pos + 1;
    std::size_t segment = cursor;
    for (;;) {
        if (cursor >= end_) {
            if (!eof_)
                return ParseStatus::NeedMoreData;
            failAt(startLine, fields_.size() + 1,
                   "a quoted field is never closed (missing closing quote)");
        }
        const auto byte = static_cast<unsigned char>(buf[cursor]);
        if (byte == '"') {
            if (cursor + 1 >= end_ && !eof_)
                return ParseStatus::NeedMoreData;
            if (cursor + 1 < end_ && buf[cursor + 1] == '"') { // "" is an escaped quote
                scratch_.append(buf + segment, cursor + 1 - segment);
                cursor += 2;
                segment = cursor;
                continue;
            }
            scratch_.append(buf + segment, cursor - segment);
            fields_.push_back({scratchOffset, scratch_.size() - scratchOffset, true});
            pos = cursor + 1;
            return ParseStatus::Complete;
        }
        if (byte == '\n') {
            ++line;
        } else if (byte == '\r') {
            if (cursor + 1 >= end_ && !eof_)
                return ParseStatus::NeedMoreData;
            if (cursor + 1 >= end_ || buf[cursor + 1] != '\n')
                ++line;
        } else if (kCharClass[byte] == Control) {
            failAt(line, fields_.size() + 1, describeControlByte(byte));
        }
        ++cursor;
    }
}

} // namespace shelfscope
