#pragma once

#include <string>
#include <string_view>

namespace shelfscope {

/// Writes a file so that it either appears complete or not at all: the bytes go to a temporary
/// file beside the target (`<target>.partial-<pid>-<n>`, created exclusively, so an existing
/// file or link of that name is never written through), which commit() syncs and renames over
/// the target. If the writer is destroyed without commit() (an error, a cancel), the temporary
/// file is removed and any existing target is left untouched. A process killed mid-write leaves
/// its temporary file behind; the next writer of the same target removes those whose process
/// is gone. Every write, sync and close is checked: a failure throws std::runtime_error naming
/// the target and the system's reason (e.g. "No space left on device").
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::string targetPath);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(std::string_view bytes);
    void commit();
    const std::string& targetPath() const { return target_; }
    /// The temporary file's path (for tests and messages).
    const std::string& temporaryPath() const { return temporary_; }

private:
    [[noreturn]] void fail(const std::string& what, int error);

    std::string target_;
    std::string temporary_;
    int fd_ = -1;
    bool committed_ = false;
};

/// The prefix every temporary file of AtomicFileWriter for `targetPath` starts with.
std::string atomicTemporaryPrefix(const std::string& targetPath);

/// Removes the temporary files that writers of `targetPath` left behind when their process was
/// killed (their pid no longer runs); returns how many it removed. Best effort: errors are
/// ignored, a file of a live process is kept.
int removeStaleTemporaries(const std::string& targetPath);

} // namespace shelfscope
