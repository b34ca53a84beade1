#include "io/AtomicFileWriter.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace shelfscope {

AtomicFileWriter::AtomicFileWriter(std::string targetPath)
    : target_(std::move(targetPath)),
      temporary_(target_ + ".partial-" + std::to_string(::getpid())) {
    file_ = std::fopen(temporary_.c_str(), "wb");
    if (file_ == nullptr)
        throw std::runtime_error(target_ + ": cannot write: " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
    if (file_ != nullptr)
        std::fclose(file_);
    if (!committed_) {
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

void AtomicFileWriter::fail(const std::string& what) {
    const std::string reason = std::strerror(errno);
    throw std::runtime_error(target_ + ": " + what + ": " + reason);
}

void AtomicFileWriter::write(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        fail("cannot write");
}

void AtomicFileWriter::commit() {
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0)
        fail("cannot write");
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (closed != 0)
        fail("cannot write");
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0)
        fail("cannot replace the file");
    committed_ = true;
}

} // namespace shelfscope
