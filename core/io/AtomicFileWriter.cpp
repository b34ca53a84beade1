#include "io/AtomicFileWriter.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace shelfscope {

namespace {

namespace fs = std::filesystem;

std::atomic<unsigned> nextTemporary{0};

std::string reasonOf(int error) {
    return std::strerror(error);
}

/// The folder that holds `path`, "." when the path names no folder.
std::string folderOf(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

bool processIsGone(long pid) {
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

/// Syncs the folder so the rename itself survives a power cut. Best effort: some file systems
/// refuse to sync a folder (EINVAL), and the file is already whole under its name.
void syncFolder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)::fsync(fd);
    ::close(fd);
}

} // namespace

std::string atomicTemporaryPrefix(const std::string& targetPath) {
    return targetPath + ".partial-";
}

int removeStaleTemporaries(const std::string& targetPath) {
    const std::string prefix = fs::path(atomicTemporaryPrefix(targetPath)).filename().string();
    std::error_code error;
    fs::directory_iterator entries(folderOf(targetPath), error);
    if (error)
        return 0;
    int removed = 0;
    for (const fs::directory_entry& entry : entries) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        long pid = 0;
        const char* first = name.data() + prefix.size();
        const char* last = name.data() + name.size();
        const auto [end, parsed] = std::from_chars(first, last, pid);
        if (parsed != std::errc{} || end == last || *end != '-' || !processIsGone(pid))
            continue;
        if (fs::remove(entry.path(), error))
            ++removed;
    }
    return removed;
}

AtomicFileWriter::AtomicFileWriter(std::string targetPath) : target_(std::move(targetPath)) {
    removeStaleTemporaries(target_);
    const std::string prefix = atomicTemporaryPrefix(target_) + std::to_string(::getpid()) + '-';
    // O_EXCL: a name taken by another writer, or by a link someone planted, is never reused.
    for (int attempt = 0; fd_ < 0; ++attempt) {
        temporary_ = prefix + std::to_string(nextTemporary.fetch_add(1));
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && (errno != EEXIST || attempt == 100))
            throw std::runtime_error(target_ + ": cannot write: " + reasonOf(errno));
    }
}

AtomicFileWriter::~AtomicFileWriter() {
    if (fd_ >= 0)
        ::close(fd_);
    if (!committed_)
        ::unlink(temporary_.c_str());
}

void AtomicFileWriter::fail(const std::string& what, int error) {
    throw std::runtime_error(target_ + ": " + what + ": " + reasonOf(error));
}

void AtomicFileWriter::write(std::string_view bytes) {
    if (fd_ < 0)
        throw std::logic_error(target_ + ": written after commit");
    while (!bytes.empty()) {
        const ssize_t done = ::write(fd_, bytes.data(), bytes.size());
        if (done < 0) {
            if (errno == EINTR)
                continue;
            fail("cannot write", errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(done));
    }
}

void AtomicFileWriter::commit() {
    if (fd_ < 0)
        throw std::logic_error(target_ + ": committed twice");
    // A full disk may only show at the sync (delayed allocation) or the close (network file
    // systems): each result counts.
    if (::fsync(fd_) != 0)
        fail("cannot write", errno);
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0)
        fail("cannot write", errno);
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0)
        fail("cannot replace the file", errno);
    committed_ = true;
    syncFolder(folderOf(target_));
}

} // namespace shelfscope
