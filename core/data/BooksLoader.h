#pragma once

#include "data/BookCatalog.h"

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
};

/// Reads books.csv (RFC 4180 quoting, either release's header). Throws DataError on any
/// malformed line, naming file, line, column and text.
BooksLoadResult loadBooks(const BooksLoadConfig& config);

} // namespace shelfscope
