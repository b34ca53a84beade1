#include "io/ByteSource.h"

#include "io/DataError.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <zlib.h>

namespace shelfscope {

struct ByteSource::Inflater {
    z_stream stream{};
    bool inStream = false; // inside a gzip member that has not ended yet
};

ByteSource::ByteSource(const std::string& path) : path_(path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path_, ec);
    if (!fs::exists(status))
        throw DataError({path_}, "cannot open file: no such file or directory");
    if (fs::is_directory(status))
        throw DataError({path_}, "cannot open file: it is a directory, not a file");
    errno = 0;
    file_ = std::fopen(path_.c_str(), "rb");
    if (file_ == nullptr)
        throw DataError({path_}, std::string("cannot open file: ") + std::strerror(errno));
    fileSize_ = fs::file_size(path_, ec);

    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, file_);
    std::rewind(file_);
    compressed_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (compressed_) {
        inflater_ = std::make_unique<Inflater>();
        if (inflateInit2(&inflater_->stream, 15 + 16) != Z_OK) // 16: gzip wrapper
            throw DataError({path_}, "cannot start decompression: out of memory");
        input_.resize(std::size_t{1} << 18);
    }
}

ByteSource::~ByteSource() {
    if (inflater_)
        inflateEnd(&inflater_->stream);
    if (file_ != nullptr)
        std::fclose(file_);
}

std::size_t ByteSource::read(char* out, std::size_t capacity) {
    if (!deferredError_.empty()) {
        error_ = deferredError_;
        return 0;
    }
    if (finished_ || capacity == 0)
        return 0;
    const std::size_t got = compressed_ ? inflateInto(out, capacity) : readPlain(out, capacity);
    if (got == 0)
        error_ = deferredError_;
    return got;
}

std::string ByteSource::drainForError() {
    std::vector<char> sink(std::size_t{1} << 16);
    while (read(sink.data(), sink.size()) > 0) {
    }
    return error_;
}

std::size_t ByteSource::readPlain(char* out, std::size_t capacity) {
    const std::size_t got = std::fread(out, 1, capacity, file_);
    fileOffset_ += got;
    if (got < capacity) {
        if (std::ferror(file_) != 0)
            deferredError_ = std::string("cannot read the file: ") + std::strerror(errno);
        else
            finished_ = true;
    }
    return got;
}

bool ByteSource::fillInput() {
    z_stream& stream = inflater_->stream;
    if (stream.avail_in > 0)
        return true;
    const std::size_t got = std::fread(input_.data(), 1, input_.size(), file_);
    fileOffset_ += got;
    if (got == 0 && std::ferror(file_) != 0) {
        deferredError_ = std::string("cannot read the file: ") + std::strerror(errno);
        return false;
    }
    stream.next_in = input_.data();
    stream.avail_in = static_cast<uInt>(got);
    return got > 0;
}

std::size_t ByteSource::inflateInto(char* out, std::size_t capacity) {
    z_stream& stream = inflater_->stream;
    stream.next_out = reinterpret_cast<Bytef*>(out);
    stream.avail_out = static_cast<uInt>(std::min<std::size_t>(capacity, std::size_t{1} << 30));
    const uInt startOut = stream.avail_out;
    while (stream.avail_out > 0) {
        if (!fillInput()) {
            if (deferredError_.empty()) {
                if (inflater_->inStream)
                    deferredError_ = "the compressed data ends early: the .gz file is truncated "
                                     "or incomplete";
                else
                    finished_ = true;
            }
            break;
        }
        inflater_->inStream = true;
        const int status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END) {
            // A .gz may hold several members back to back; read on if more bytes follow.
            inflater_->inStream = false;
            inflateReset(&stream);
            continue;
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            deferredError_ = std::string("corrupt compressed data (zlib: ") +
                             (stream.msg != nullptr ? stream.msg : "error") + ")";
            break;
        }
    }
    return startOut - stream.avail_out;
}

} // namespace shelfscope
