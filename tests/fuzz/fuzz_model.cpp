// libFuzzer target: loadModel. First byte 'c': the rest gets its CRC-32 appended, as saveModel
// writes it, so mutations get past the checksum to the header, id maps and weights; any other
// first byte: the whole input is the file (the checksum and magic checks themselves).
#include "FuzzInput.h"
#include "io/DataError.h"
#include "model/ModelFile.h"

#include <cstring>
#include <zlib.h>

using namespace shelfscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (!bytes.empty() && bytes[0] == 'c') {
        bytes.erase(0, 1);
        const auto checksum = static_cast<std::uint32_t>(crc32(
            0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
        bytes.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
    }
    const std::string path = fuzz::writeFile("model.ssm", bytes.data(), bytes.size());
    try {
        const SavedModel saved = loadModel(path);
        if (!saved.model || saved.metadata.userRawIds.empty() || saved.metadata.bookRawIds.empty())
            fuzz::broken("a model loaded without a model, users or books");
        if (saved.model->config() != saved.metadata.config)
            fuzz::broken("the loaded model's configuration differs from its header's");
    } catch (const DataError& error) {
        if (error.location().file != path)
            fuzz::broken("the error does not name the file: " + std::string(error.what()));
    }
    return 0;
}
