#pragma once

#include "data/BookCatalog.h"
#include "data/TagTable.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

struct BookTagsLoadConfig {
    std::string path; ///< book_tags.csv or book_tags.csv.gz
};

/// What reading book_tags.csv found; the quirks it tolerates are counted here.
struct BookTagsReport {
    std::int64_t rowsRead = 0;
    /// Rows whose count is -1, goodbooks-10k's "not known" (6 rows): ignored.
    std::int64_t unknownCountRows = 0;
    std::size_t firstUnknownCountLine = 0;
    /// (book, tag) pairs on more than one row (goodbooks-10k: 8): the larger count is kept.
    std::int64_t repeatedPairs = 0;
    std::int64_t repeatedRowsDropped = 0;
    std::int32_t repeatedExampleBook = 0; ///< Goodreads id of one such book
    std::string repeatedExampleShelf;
    /// Rows naming a Goodreads id that no book in books.csv has: ignored, like to_read.csv's
    /// entries for unknown books.
    std::int64_t unmatchedRows = 0;
    std::int64_t unmatchedIds = 0;
    std::int32_t unmatchedExample = 0;
    std::int64_t booksWithShelves = 0; ///< books of books.csv with a shelf used at least once
    std::int64_t booksWithGenre = 0;
    double seconds = 0.0;
};

/// Reads book_tags.csv (goodreads_book_id,tag_id,count) strictly and sets every catalog book's
/// genre, genreShelf and topShelves (assignShelves), joining goodreads_book_id on
/// Book::goodreadsId. A tag id missing from tags.csv, a malformed id or count throws DataError
/// naming file, line, column and text; a count of -1, repeated pairs and unknown books are
/// counted in the report and tolerated. Books without rows get no genre and no shelves.
BookTagsReport loadBookTags(const BookTagsLoadConfig& config, const TagTable& tags,
                            BookCatalog& books, const ProgressCallback& progress = {},
                            const std::atomic<bool>& cancel = neverCancelled());

/// One warning line per tolerated quirk in the report (none for a clean file).
std::vector<std::string> describeBookTagsQuirks(const BookTagsReport& report,
                                                const std::string& fileName);

} // namespace shelfscope
