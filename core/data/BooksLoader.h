#pragma once

#include "data/BookCatalog.h"

#include <cstdint>
#include <string>

namespace shelfscope {

/// Which release's books.csv this is; it decides which column the ratings' book_id refers to.
enum class BooksHeader {
    Kaggle, ///< id,book_id,...: ratings' book_id means `id`; `book_id` is the Goodreads id
    GitHub, ///< book_id,goodreads_book_id,...: ratings' book_id means `book_id`
};

struct BooksLoadConfig {
    std::string path; ///< books.csv or books.csv.gz
};

struct BooksLoadResult {
    BookCatalog catalog;
    BooksHeader header = BooksHeader::Kaggle;
    double seconds = 0.0;
    /// Text fields (title, authors, ...) that were not valid UTF-8 and were shown with U+FFFD
    /// in place of the bad bytes; the first one's place ("books.csv:3: column 7 (title)").
    std::int64_t invalidUtf8Fields = 0;
    std::string firstInvalidUtf8;
};

/// Reads books.csv (RFC 4180 quoting, either release's header). Throws DataError on any
/// malformed line, naming file, line, column and text. Text that is not UTF-8 (a file saved
/// as Latin-1, say) is kept with U+FFFD for the bad bytes and counted, not refused: the ids and
/// numbers are still right, and the warning names the first place.
BooksLoadResult loadBooks(const BooksLoadConfig& config);

} // namespace shelfscope
