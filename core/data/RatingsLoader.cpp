#include "data/RatingsLoader.h"

#include "data/Deduplicate.h"
#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/FieldParsing.h"
#include "io/NumberText.h"
#include "io/RecordFields.h"

#include <chrono>
#include <cstdio>

namespace shelfscope {

namespace {

constexpr const char* kExpectedHeader = "user_id,book_id,rating";

std::string formatScale(const RatingScale& scale) {
    return shortestText(scale.min) + " to " + shortestText(scale.max);
}

struct Columns {
    std::size_t user;
    std::size_t book;
    std::size_t rating;
};

float readRating(const CsvReader& reader, std::size_t column, const RatingScale& scale) {
    const auto value = parseFiniteNumber(reader.field(column));
    if (!value)
        throw DataError({reader.path(), reader.line(), column + 1, "rating"},
                        "rating is not a number", quoteForMessage(reader.field(column)));
    if (!scale.contains(*value))
        throw DataError({reader.path(), reader.line(), column + 1, "rating"},
                        "rating is outside the scale " + formatScale(scale),
                        quoteForMessage(reader.field(column)));
    return static_cast<float>(*value);
}

// Rows cannot be shorter than "1,1,1\n"; reserving for that many costs only address space, since
// untouched pages are never made resident.
std::size_t rowCapacityHint(const CsvReader& reader) {
    const std::uint64_t factor = reader.compressed() ? 2 : 6;
    return static_cast<std::size_t>(reader.fileSize() / factor + 1024);
}

} // namespace

RatingsLoadResult loadRatings(const RatingsLoadConfig& config, const ProgressCallback& progress,
                              const std::atomic<bool>& cancel) {
    const auto started = std::chrono::steady_clock::now();
    if (!(config.scale.min <= config.scale.max))
        throw DataError({config.path}, "the rating scale is empty (minimum above maximum)");
    CsvReader reader(config.path);
    const CsvHeader header = CsvHeader::read(reader, kExpectedHeader);
    const Columns columns{header.require("user_id"), header.require("book_id"),
                          header.require("rating")};

    RatingsLoadResult result;
    result.header =
        columns.book < columns.user ? RatingsHeader::BookUserRating : RatingsHeader::UserBookRating;
    RatingTable& table = result.table;
    table.scale = config.scale;
    const std::size_t hint = rowCapacityHint(reader);
    table.userIndex.reserve(hint);
    table.bookIndex.reserve(hint);
    table.rating.reserve(hint);

    std::int64_t rows = 0;
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        table.userIndex.push_back(readPositiveId(reader, columns.user, "user_id"));
        table.bookIndex.push_back(readPositiveId(reader, columns.book, "book_id"));
        table.rating.push_back(readRating(reader, columns.rating, config.scale));
        if ((++rows & 0xFFFF) == 0) {
            if (cancel.load(std::memory_order_relaxed))
                throw OperationCancelled();
            if (progress && reader.fileSize() > 0)
                progress({"Reading ratings", static_cast<double>(reader.fileOffset()) /
                                                 static_cast<double>(reader.fileSize())});
        }
    });
    if (rows == 0)
        throw DataError({config.path}, "the file has a header but no ratings");
    result.rowsRead = rows;
    result.histogramBeforeDedup = histogramOf(table.rating);

    if (progress)
        progress({"Indexing users and books", 1.0});
    table.users = IdIndex::fromRawIds(table.userIndex);
    table.books = IdIndex::fromRawIds(table.bookIndex);
    table.users.toIndicesInPlace(table.userIndex);
    table.books.toIndicesInPlace(table.bookIndex);
    if (!config.keepDuplicates)
        result.duplicates = dropEarlierDuplicates(table);

    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace shelfscope
