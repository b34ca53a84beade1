#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace shelfscope {

/// Writes a file so that it either appears complete or not at all: the bytes go to a temporary
/// file beside the target, which commit() flushes, syncs and renames over the target. If the
/// writer is destroyed without commit() (an error, a cancel), the temporary file is removed and
/// any existing target is left untouched. Throws std::runtime_error naming the path on failure.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::string targetPath);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(std::string_view bytes);
    void commit();
    const std::string& targetPath() const { return target_; }

private:
    [[noreturn]] void fail(const std::string& what);

    std::string target_;
    std::string temporary_;
    std::FILE* file_ = nullptr;
    bool committed_ = false;
};

} // namespace shelfscope
