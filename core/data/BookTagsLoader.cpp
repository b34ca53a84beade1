#include "data/BookTagsLoader.h"

#include "data/BookShelves.h"
#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/FieldParsing.h"
#include "io/RecordFields.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <unordered_set>

namespace shelfscope {

namespace {

constexpr const char* kExpectedHeader = "goodreads_book_id,tag_id,count";
// goodbooks-10k lists up to 100 shelves a book (99.97% of its books have exactly 100).
constexpr std::size_t kRowsPerBookHint = 100;

/// Catalog positions by Goodreads id. books.csv may give two books one Goodreads id; both then
/// get its shelves. Rows come grouped by book, so the last answer is kept at hand.
class GoodreadsJoin {
public:
    explicit GoodreadsJoin(const BookCatalog& books) {
        for (std::size_t p = 0; p < books.size(); ++p)
            if (books.books()[p].goodreadsId > 0)
                entries_.push_back({books.books()[p].goodreadsId, p});
        std::sort(entries_.begin(), entries_.end());
    }

    std::span<const std::pair<std::int32_t, std::size_t>> find(std::int32_t goodreadsId) {
        if (goodreadsId != lastId_) {
            const auto [first, last] =
                std::equal_range(entries_.begin(), entries_.end(),
                                 std::pair<std::int32_t, std::size_t>{goodreadsId, 0},
                                 [](const auto& a, const auto& b) { return a.first < b.first; });
            last_ = {first, last};
            lastId_ = goodreadsId;
        }
        return last_;
    }

private:
    std::vector<std::pair<std::int32_t, std::size_t>> entries_;
    std::span<const std::pair<std::int32_t, std::size_t>> last_;
    std::int32_t lastId_ = 0;
};

/// The count, or -1 for goodbooks-10k's "not known"; any other negative number is refused.
std::int64_t readCount(const CsvReader& reader, std::size_t column) {
    const std::string_view text = reader.field(column);
    if (text == "-1")
        return -1;
    const auto value = parseCount(text);
    if (!value)
        throw DataError({reader.path(), reader.line(), column + 1, "count"},
                        "count must be a whole number, 0 or more (-1 means not known)",
                        quoteForMessage(text));
    return *value;
}

std::string fileNameOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

BookTagsReport loadBookTags(const BookTagsLoadConfig& config, const TagTable& tags,
                            BookCatalog& books, const ProgressCallback& progress,
                            const std::atomic<bool>& cancel) {
    const auto started = std::chrono::steady_clock::now();
    CsvReader reader(config.path);
    const CsvHeader header = CsvHeader::read(reader, kExpectedHeader);
    const std::size_t bookColumn = header.require("goodreads_book_id");
    const std::size_t tagColumn = header.require("tag_id");
    const std::size_t countColumn = header.require("count");

    BookTagsReport report;
    GoodreadsJoin join(books);
    std::vector<std::vector<TagCount>> shelves(books.size());
    std::unordered_set<std::int32_t> unmatched;
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        const std::int32_t goodreadsId = readPositiveId(reader, bookColumn, "goodreads_book_id");
        const auto tag = tags.indexOf(readNonNegativeId(reader, tagColumn, "tag_id"));
        if (!tag)
            throw DataError({reader.path(), reader.line(), tagColumn + 1, "tag_id"},
                            "unknown tag id: tags.csv has no tag with this id",
                            quoteForMessage(reader.field(tagColumn)));
        const std::int64_t count = readCount(reader, countColumn);
        if ((++report.rowsRead & 0xFFFF) == 0) {
            if (cancel.load(std::memory_order_relaxed))
                throw OperationCancelled();
            if (progress && reader.fileSize() > 0)
                progress({"Reading shelves", static_cast<double>(reader.fileOffset()) /
                                                 static_cast<double>(reader.fileSize())});
        }
        if (count < 0) {
            if (report.unknownCountRows++ == 0)
                report.firstUnknownCountLine = reader.line();
            return;
        }
        const auto positions = join.find(goodreadsId);
        if (positions.empty()) {
            ++report.unmatchedRows;
            if (unmatched.insert(goodreadsId).second && report.unmatchedExample == 0)
                report.unmatchedExample = goodreadsId;
            return;
        }
        for (const auto& [id, position] : positions) {
            std::vector<TagCount>& list = shelves[position];
            if (list.empty())
                list.reserve(kRowsPerBookHint);
            list.push_back({*tag, count});
        }
    });
    if (report.rowsRead == 0)
        throw DataError({config.path}, "the file has a header but no shelves");
    report.unmatchedIds = static_cast<std::int64_t>(unmatched.size());

    RepeatedTagMerger merger(tags.size());
    for (std::size_t p = 0; p < books.size(); ++p) {
        Book& book = books.bookAt(p);
        const RepeatedTags repeated = merger.merge(shelves[p]);
        if (repeated.tags > 0 && report.repeatedPairs == 0) {
            report.repeatedExampleBook = book.goodreadsId;
            report.repeatedExampleShelf = tags.name(repeated.firstTag);
        }
        report.repeatedPairs += static_cast<std::int64_t>(repeated.tags);
        report.repeatedRowsDropped += static_cast<std::int64_t>(repeated.dropped);
        assignShelves(book, shelves[p], tags);
        if (std::any_of(shelves[p].begin(), shelves[p].end(),
                        [](const TagCount& shelf) { return shelf.count > 0; }))
            ++report.booksWithShelves;
        if (!book.genre.empty())
            ++report.booksWithGenre;
        std::vector<TagCount>().swap(shelves[p]);
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

std::vector<std::string> describeBookTagsQuirks(const BookTagsReport& report,
                                                const std::string& fileName) {
    const std::string file = fileNameOf(fileName);
    std::vector<std::string> warnings;
    if (report.unknownCountRows > 0)
        warnings.push_back(file + ": " + std::to_string(report.unknownCountRows) +
                           " rows have the count -1 (not known) and are ignored (the first on "
                           "line " +
                           std::to_string(report.firstUnknownCountLine) + ")");
    if (report.repeatedPairs > 0)
        warnings.push_back(file + ": " + std::to_string(report.repeatedPairs) +
                           " (book, shelf) pairs appear on more than one row; the larger count "
                           "is kept (e.g. Goodreads book " +
                           std::to_string(report.repeatedExampleBook) + ", shelf '" +
                           report.repeatedExampleShelf + "')");
    if (report.unmatchedRows > 0)
        warnings.push_back(file + ": " + std::to_string(report.unmatchedRows) + " rows name " +
                           std::to_string(report.unmatchedIds) +
                           " Goodreads ids that no book in books.csv has (e.g. " +
                           std::to_string(report.unmatchedExample) + "); they are ignored");
    return warnings;
}

} // namespace shelfscope
