#pragma once

#include "recommend/Recommender.h"

#include <QString>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

namespace shelfscope::ui {

/// One run's list as it is exported.
struct ExportedList {
    QString run;    ///< "#3 tuned-dot (dot)"
    QString reader; ///< "314", or "new reader (3 books)"
    const RecommendResult* result = nullptr;
    /// The reader's stars, for books rated and still listed (rated books included).
    std::unordered_map<std::int32_t, float> rated;
};

/// The lists as CSV, one line a book: reader, run, rank, book_id, title, authors, year, genre,
/// score, average_rating, on_to_read, rated_stars, because_book_id, because_title,
/// because_similarity; with two lists also in_both (1 for the books both hold). Books missing
/// from books.csv are titled "Book #id".
QString recommendationsCsv(const std::vector<ExportedList>& lists, const Dataset& dataset);

} // namespace shelfscope::ui
