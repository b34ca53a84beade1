#include "data/BooksLoader.h"

#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/FieldParsing.h"
#include "io/RecordFields.h"

#include <chrono>
#include <cmath>
#include <optional>

namespace shelfscope {

namespace {

constexpr const char* kExpectedHeader = "book_id,goodreads_book_id,...,authors,...,title,...";

struct BookColumns {
    std::size_t id;
    std::optional<std::size_t> goodreadsId;
    std::optional<std::size_t> workId;
    std::size_t title;
    std::optional<std::size_t> originalTitle;
    std::size_t authors;
    std::optional<std::size_t> year;
    std::optional<std::size_t> language;
    std::optional<std::size_t> averageRating;
    std::optional<std::size_t> ratingsCount;
    std::optional<std::size_t> imageUrl;
    std::optional<std::size_t> genre;
};

BookColumns locateColumns(const CsvHeader& header, BooksHeader& release) {
    BookColumns columns{};
    if (auto id = header.find("id")) {
        release = BooksHeader::Kaggle;
        columns.id = *id;
        columns.goodreadsId = header.find("book_id");
    } else {
        release = BooksHeader::GitHub;
        columns.id = header.require("book_id");
        columns.goodreadsId = header.find("goodreads_book_id");
    }
    columns.workId = header.find("work_id");
    columns.title = header.require("title");
    columns.originalTitle = header.find("original_title");
    columns.authors = header.require("authors");
    columns.year = header.find("original_publication_year");
    columns.language = header.find("language_code");
    columns.averageRating = header.find("average_rating");
    columns.ratingsCount = header.find("ratings_count");
    columns.imageUrl = header.find("image_url");
    columns.genre = header.find("genre");
    return columns;
}

class RowReader {
public:
    RowReader(const CsvReader& reader, const CsvHeader& header, BooksLoadResult& result)
        : reader_(reader), header_(header), result_(result) {}

    std::string text(std::optional<std::size_t> column) const {
        if (!column)
            return {};
        const std::string_view field = reader_.field(*column);
        if (isValidUtf8(field))
            return std::string(field);
        if (result_.invalidUtf8Fields++ == 0)
            result_.firstInvalidUtf8 = reader_.path() + ":" + std::to_string(reader_.line()) +
                                       ": column " + std::to_string(*column + 1) + " (" +
                                       header_.name(*column) + ")";
        return replaceInvalidUtf8(field);
    }

    std::int32_t id(std::size_t column) const {
        return readPositiveId(reader_, column, header_.name(column));
    }

    std::int32_t optionalId(std::optional<std::size_t> column) const {
        if (!column || reader_.field(*column).empty())
            return 0;
        return id(*column);
    }

    std::optional<double> number(std::optional<std::size_t> column) const {
        if (!column || reader_.field(*column).empty())
            return std::nullopt;
        const auto value = parseFiniteNumber(reader_.field(*column));
        if (!value)
            fail(*column, "not a number");
        return value;
    }

    std::optional<int> year(std::optional<std::size_t> column) const {
        const auto value = number(column);
        if (!value)
            return std::nullopt;
        if (*value != std::floor(*value) || std::fabs(*value) > 10000)
            fail(*column, "not a publication year");
        return static_cast<int>(*value);
    }

    std::int64_t count(std::optional<std::size_t> column) const {
        if (!column || reader_.field(*column).empty())
            return 0;
        const auto value = parseCount(reader_.field(*column));
        if (!value)
            fail(*column, "not a whole, non-negative count");
        return *value;
    }

    [[noreturn]] void fail(std::size_t column, const std::string& problem) const {
        throw DataError({reader_.path(), reader_.line(), column + 1, header_.name(column)}, problem,
                        quoteForMessage(reader_.field(column)));
    }

private:
    const CsvReader& reader_;
    const CsvHeader& header_;
    BooksLoadResult& result_;
};

Book readBook(const RowReader& row, const BookColumns& columns) {
    Book book;
    book.id = row.id(columns.id);
    book.goodreadsId = row.optionalId(columns.goodreadsId);
    book.workId = row.optionalId(columns.workId);
    book.title = row.text(columns.title);
    book.originalTitle = row.text(columns.originalTitle);
    book.authors = row.text(columns.authors);
    book.year = row.year(columns.year);
    book.language = row.text(columns.language);
    if (const auto average = row.number(columns.averageRating))
        book.averageRating = static_cast<float>(*average);
    book.ratingsCount = row.count(columns.ratingsCount);
    book.imageUrl = row.text(columns.imageUrl);
    book.genre = row.text(columns.genre);
    return book;
}

} // namespace

BooksLoadResult loadBooks(const BooksLoadConfig& config) {
    const auto started = std::chrono::steady_clock::now();
    CsvReader reader(config.path);
    const CsvHeader header = CsvHeader::read(reader, kExpectedHeader);
    BooksLoadResult result;
    const BookColumns columns = locateColumns(header, result.header);
    const RowReader row(reader, header, result);
    std::unordered_map<std::int32_t, std::size_t> lineById;
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        Book book = readBook(row, columns);
        const auto [previous, fresh] = lineById.emplace(book.id, reader.line());
        if (!fresh)
            row.fail(columns.id, "duplicate book id (first seen on line " +
                                     std::to_string(previous->second) + ")");
        result.catalog.add(std::move(book));
    });
    if (result.catalog.empty())
        throw DataError({config.path}, "the file has a header but no books");
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace shelfscope
