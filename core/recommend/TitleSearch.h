#pragma once

#include "data/BookCatalog.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// Lower case with accents removed (é -> e, ß -> ss, Ø -> o ...) for the Latin letters of
/// UTF-8 text; other characters pass through unchanged.
std::string foldForSearch(std::string_view text);

/// Finds books whose title or original title (or, on request, authors) contain a query,
/// ignoring case and accents.
class TitleSearch {
public:
    explicit TitleSearch(const BookCatalog& catalogue);

    /// Book ids of the matches: titles that start with the query first, then the rest, each
    /// group most-rated first (ties by id). At most `limit` of them.
    std::vector<std::int32_t> find(std::string_view query, std::size_t limit = 20) const;
    /// As find(), then books whose authors contain the query (authors starting with it first),
    /// each group most-rated first: what a search box completes a title or a name with.
    std::vector<std::int32_t> findTitleOrAuthor(std::string_view query,
                                                std::size_t limit = 20) const;

private:
    std::vector<std::int32_t> search(std::string_view query, std::size_t limit, bool authors) const;

    struct Entry {
        std::int32_t id;
        std::int64_t ratingsCount;
        std::string folded;  ///< title, a separator, original title
        std::string authors; ///< folded
    };
    std::vector<Entry> entries_;
};

} // namespace shelfscope
