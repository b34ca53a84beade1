#include "recommend/TitleSearch.h"

#include <algorithm>
#include <array>

namespace shelfscope {

namespace {

/// ASCII folding of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), indexed
/// from U+00C0; "" keeps the character as it is.
constexpr std::array<const char*, 192> kLatinFolds = {
    // U+00C0 .. U+00FF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", //
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",  //
    // U+0100 .. U+017F
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",   //
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",   //
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",   //
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", //
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",   //
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", //
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",   //
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",   //
};

} // namespace

std::string foldForSearch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            continue;
        }
        if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            const unsigned code = ((c & 0x1Fu) << 6) | (next & 0x3Fu);
            if (code >= 0xC0 && code < 0x180 && kLatinFolds[code - 0xC0][0] != '\0') {
                out += kLatinFolds[code - 0xC0];
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
    return out;
}

TitleSearch::TitleSearch(const BookCatalog& catalogue) {
    entries_.reserve(catalogue.size());
    for (const Book& book : catalogue.books()) {
        std::string folded = foldForSearch(book.title);
        if (!book.originalTitle.empty() && book.originalTitle != book.title)
            folded += '\n' + foldForSearch(book.originalTitle);
        entries_.push_back(
            {book.id, book.ratingsCount, std::move(folded), foldForSearch(book.authors)});
    }
}

std::vector<std::int32_t> TitleSearch::find(std::string_view query, std::size_t limit) const {
    return search(query, limit, false);
}

std::vector<std::int32_t> TitleSearch::findTitleOrAuthor(std::string_view query,
                                                         std::size_t limit) const {
    return search(query, limit, true);
}

std::vector<std::int32_t> TitleSearch::search(std::string_view query, std::size_t limit,
                                              bool authors) const {
    const std::string needle = foldForSearch(query);
    if (needle.empty())
        return {};
    struct Match {
        int group; ///< 0 title prefix, 1 in the title, 2 author prefix, 3 in the authors
        std::int64_t ratingsCount;
        std::int32_t id;
    };
    std::vector<Match> matches;
    for (const Entry& entry : entries_) {
        if (const std::size_t at = entry.folded.find(needle); at != std::string::npos)
            matches.push_back({at == 0 ? 0 : 1, entry.ratingsCount, entry.id});
        else if (const std::size_t by = authors ? entry.authors.find(needle) : std::string::npos;
                 by != std::string::npos)
            matches.push_back({by == 0 ? 2 : 3, entry.ratingsCount, entry.id});
    }
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        if (a.group != b.group)
            return a.group < b.group;
        if (a.ratingsCount != b.ratingsCount)
            return a.ratingsCount > b.ratingsCount;
        return a.id < b.id;
    });
    std::vector<std::int32_t> ids;
    for (std::size_t i = 0; i < matches.size() && i < limit; ++i)
        ids.push_back(matches[i].id);
    return ids;
}

} // namespace shelfscope
