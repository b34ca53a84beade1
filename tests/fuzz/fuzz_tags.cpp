// libFuzzer target: loadTags on tags.csv (first byte: bit 0 gzip).
#include "FuzzInput.h"
#include "data/TagsLoader.h"
#include "io/DataError.h"

using namespace shelfscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::CsvInput input = fuzz::writeCsvInput(data, size, "tags.csv");
    try {
        const TagTable tags = loadTags({input.path});
        for (std::int32_t index = 0; index < tags.size(); ++index)
            if (tags.indexOf(tags.id(index)) != index || tags.name(index).empty())
                fuzz::broken("a tag is not found by its id, or has no name");
    } catch (const DataError& error) {
        if (error.location().file != input.path)
            fuzz::broken("the error does not name the file: " + std::string(error.what()));
    }
    return 0;
}
