#include "FuzzInput.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>
#include <zlib.h>

namespace shelfscope::fuzz {

namespace {

/// One folder per process, removed at exit; /dev/shm keeps the per-input writes off the disk.
const std::filesystem::path& scratchFolder() {
    static const std::filesystem::path folder = [] {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path base = fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                                  ? fs::path("/dev/shm")
                                  : fs::temp_directory_path();
        std::string pattern = (base / "shelfscope-fuzz-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("cannot make a scratch folder under " + base.string());
        std::atexit([] { std::filesystem::remove_all(scratchFolder()); });
        return fs::path(pattern);
    }();
    return folder;
}

} // namespace

std::string writeFile(std::string_view fileName, const void* data, std::size_t size) {
    const std::string path = (scratchFolder() / fileName).string();
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr || (size > 0 && std::fwrite(data, 1, size, file) != size) ||
        std::fclose(file) != 0)
        throw std::runtime_error("cannot write the fuzz input to " + path);
    return path;
}

std::string gzip(const std::uint8_t* data, std::size_t size) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(size)), '\0');
    stream.next_in = const_cast<Bytef*>(data);
    stream.avail_in = static_cast<uInt>(size);
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw std::runtime_error("deflate did not finish");
    return out;
}

CsvInput writeCsvInput(const std::uint8_t* data, std::size_t size, std::string_view fileName) {
    CsvInput input;
    if (size > 0) {
        input.flags = data[0];
        ++data;
        --size;
    }
    if ((input.flags & 1) != 0) {
        const std::string packed = gzip(data, size);
        input.path = writeFile(std::string(fileName) + ".gz", packed.data(), packed.size());
    } else {
        input.path = writeFile(fileName, data, size);
    }
    return input;
}

void broken(const std::string& what) {
    std::fprintf(stderr, "fuzz: broken promise: %s\n", what.c_str());
    std::abort();
}

} // namespace shelfscope::fuzz
