// libFuzzer target: loadRatings on ratings.csv (first byte: bit 0 gzip, bit 1 keepDuplicates).
#include "FuzzInput.h"
#include "data/RatingsLoader.h"
#include "io/DataError.h"

using namespace shelfscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::CsvInput input = fuzz::writeCsvInput(data, size, "ratings.csv");
    RatingsLoadConfig config;
    config.path = input.path;
    config.keepDuplicates = (input.flags & 2) != 0;
    try {
        const RatingsLoadResult result = loadRatings(config);
        const RatingTable& table = result.table;
        const std::size_t rows = table.rating.size();
        if (table.userIndex.size() != rows || table.bookIndex.size() != rows)
            fuzz::broken("the ratings table's columns differ in length");
        if (static_cast<std::int64_t>(rows) > result.rowsRead)
            fuzz::broken("more ratings kept than rows read");
        for (std::size_t r = 0; r < rows; ++r) {
            if (table.userIndex[r] < 0 || table.userIndex[r] >= table.users.size() ||
                table.bookIndex[r] < 0 || table.bookIndex[r] >= table.books.size())
                fuzz::broken("a rating's user or book index is outside its id index");
            if (!config.scale.contains(table.rating[r]))
                fuzz::broken("a kept rating is outside the scale");
        }
    } catch (const DataError& error) {
        if (error.location().file != input.path)
            fuzz::broken("the error does not name the file: " + std::string(error.what()));
    }
    return 0;
}
