#include "io/LineReader.h"

#include "io/ByteSource.h"
#include "io/DataError.h"

#include <cstring>

namespace shelfscope {

namespace {
constexpr std::size_t kChunkBytes = std::size_t{1} << 16;
}

LineReader::LineReader(std::string path, std::size_t maxLineBytes)
    : path_(std::move(path)), maxLineBytes_(maxLineBytes),
      source_(std::make_unique<ByteSource>(path_)) {}

LineReader::~LineReader() = default;

bool LineReader::refill() {
    if (eof_)
        return false;
    // Drop what was returned already, so the buffer holds at most one line plus a chunk.
    pending_.erase(0, pendingStart_);
    pendingStart_ = 0;
    const std::size_t old = pending_.size();
    pending_.resize(old + kChunkBytes);
    const std::size_t got = source_->read(pending_.data() + old, kChunkBytes);
    pending_.resize(old + got);
    if (got == 0) {
        if (!source_->error().empty())
            throw DataError({path_, lineNumber_ + 1}, source_->error());
        eof_ = true;
        return false;
    }
    if (std::memchr(pending_.data() + old, '\0', got) != nullptr) {
        const std::size_t at = pending_.find('\0', old);
        std::size_t line = lineNumber_ + 1;
        for (std::size_t i = pendingStart_; i < at; ++i)
            line += pending_[i] == '\n' ? 1 : 0;
        throw DataError({path_, line}, "a NUL byte: this is binary data, not a text file");
    }
    return true;
}

bool LineReader::next() {
    std::size_t searchFrom = pendingStart_;
    for (;;) {
        const std::size_t end = pending_.find('\n', searchFrom);
        if (end != std::string::npos) {
            std::size_t stop = end;
            if (stop > pendingStart_ && pending_[stop - 1] == '\r')
                --stop;
            line_.assign(pending_, pendingStart_, stop - pendingStart_);
            pendingStart_ = end + 1;
            ++lineNumber_;
            return true;
        }
        if (pending_.size() - pendingStart_ > maxLineBytes_)
            throw DataError({path_, lineNumber_ + 1}, "a line longer than " +
                                                          std::to_string(maxLineBytes_ >> 20) +
                                                          " MiB: not a file of this format");
        const std::size_t scanned = pending_.size() - pendingStart_;
        if (!refill()) {
            if (pendingStart_ == pending_.size())
                return false;
            std::size_t stop = pending_.size();
            if (pending_[stop - 1] == '\r')
                --stop;
            line_.assign(pending_, pendingStart_, stop - pendingStart_);
            pendingStart_ = pending_.size();
            ++lineNumber_;
            return true;
        }
        searchFrom = pendingStart_ + scanned; // refill moved the unreturned bytes to the front
    }
}

} // namespace shelfscope
