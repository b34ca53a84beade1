#include "recommend/ShelfFile.h"

#include "io/AtomicFileWriter.h"
#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/FieldParsing.h"
#include "io/NumberText.h"
#include "io/RecordFields.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace shelfscope {

namespace {

constexpr const char* kHeader = "book_id,rating";

/// Ratings are whole stars; shortestText keeps the dot whatever the C locale says.
std::string numberText(double value) {
    return shortestText(value);
}

float readStars(const CsvReader& reader, std::size_t column, const RatingScale& scale) {
    const DataLocation where{reader.path(), reader.line(), column + 1, "rating"};
    const auto value = parseFiniteNumber(reader.field(column));
    if (!value)
        throw DataError(where, "rating is not a number", quoteForMessage(reader.field(column)));
    // The shelf editor gives whole stars; a fraction means the file was made elsewhere.
    if (!scale.contains(*value) || *value != std::floor(*value))
        throw DataError(where,
                        "rating must be a whole number of stars from " +
                            numberText(std::ceil(scale.min)) + " to " +
                            numberText(std::floor(scale.max)),
                        quoteForMessage(reader.field(column)));
    return static_cast<float>(*value);
}

} // namespace

ShelfFileContents readShelfFile(const ShelfFileReadConfig& config) {
    CsvReader reader(config.path);
    const CsvHeader header = CsvHeader::read(reader, kHeader);
    const std::size_t bookColumn = header.require("book_id");
    const std::size_t ratingColumn = header.require("rating");
    if (header.size() != 2)
        throw DataError({config.path, reader.line()},
                        "the header must name exactly the columns 'book_id' and 'rating', found " +
                            std::to_string(header.size()) + " columns");
    ShelfFileContents contents;
    std::unordered_map<std::int32_t, std::size_t> firstLine;
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        const std::int32_t bookId = readPositiveId(reader, bookColumn, "book_id");
        if (config.books != nullptr && !config.books->indexOf(bookId))
            throw DataError({reader.path(), reader.line(), bookColumn + 1, "book_id"},
                            "book " + std::to_string(bookId) + " is not in the data set '" +
                                config.datasetName + "' (no reader rated it)",
                            quoteForMessage(reader.field(bookColumn)));
        const auto [seen, added] = firstLine.emplace(bookId, reader.line());
        if (!added)
            throw DataError({reader.path(), reader.line(), bookColumn + 1, "book_id"},
                            "duplicate book id (first seen on line " +
                                std::to_string(seen->second) + ")",
                            quoteForMessage(reader.field(bookColumn)));
        contents.ratings.emplace_back(bookId, readStars(reader, ratingColumn, config.scale));
    });
    if (contents.ratings.empty())
        throw DataError({config.path}, "the file has a header but no rated books");
    return contents;
}

void writeShelfFile(const std::string& path, const RatedBooks& ratings) {
    std::string text = std::string(kHeader) + "\n";
    for (const auto& [bookId, rating] : ratings)
        text += std::to_string(bookId) + "," + numberText(rating) + "\n";
    AtomicFileWriter writer(path);
    writer.write(text);
    writer.commit();
}

} // namespace shelfscope
