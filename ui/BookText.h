#pragma once

#include "data/BookCatalog.h"

#include <QString>
#include <cstdint>

namespace shelfscope::ui {

/// The title a book shows everywhere: books.csv's title, or "Book #id" for a book it lacks.
QString bookTitle(const BookCatalog& books, std::int32_t bookId);
/// "Title — Authors (year)" for lists and completions; "Book #id" alone for a book books.csv
/// lacks.
QString bookLine(const BookCatalog& books, std::int32_t bookId);
/// "1 book", "2 books": a count of books in words (the app ships no translations, so tr()'s
/// %n plurals would show "book(s)").
QString booksText(long long count);
/// Stars as text: "★★★★☆" for 4 of 5 (half stars round down), then the number.
QString starsText(float rating, float scaleMax = 5.0f);

} // namespace shelfscope::ui
