#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace shelfscope {

/// The bytes of a file, inflated on the fly when it is gzip-compressed (detected by its magic
/// bytes, whatever its name). Errors are reported after the good bytes before them, so a reader
/// can say on which line a damaged file breaks.
class ByteSource {
public:
    /// Opens the file; throws DataError (file only) when it cannot be opened.
    explicit ByteSource(const std::string& path);
    ~ByteSource();
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    /// Fills up to `capacity` bytes; returns how many. 0 means the end, or an error when
    /// error() is non-empty afterwards.
    std::size_t read(char* out, std::size_t capacity);
    const std::string& error() const { return error_; }
    /// Reads the rest of the file and returns the error that ends it, if any (used to tell a
    /// parse error caused by damaged compressed data from a genuine one).
    std::string drainForError();

    bool compressed() const { return compressed_; }
    std::uint64_t fileSize() const { return fileSize_; }
    /// Bytes of the file on disk consumed so far.
    std::uint64_t fileOffset() const { return fileOffset_; }

private:
    std::size_t readPlain(char* out, std::size_t capacity);
    std::size_t inflateInto(char* out, std::size_t capacity);
    bool fillInput();

    std::string path_;
    std::FILE* file_ = nullptr;
    bool compressed_ = false;
    std::uint64_t fileSize_ = 0;
    std::uint64_t fileOffset_ = 0;
    std::string error_;
    std::string deferredError_;
    bool finished_ = false;
    struct Inflater;
    std::unique_ptr<Inflater> inflater_;
    std::vector<unsigned char> input_;
};

} // namespace shelfscope
