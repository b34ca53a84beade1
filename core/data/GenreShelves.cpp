#include "data/GenreShelves.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

namespace shelfscope {

namespace {

using namespace std::string_view_literals;

// Shelves chosen from goodbooks-10k's tags.csv by their use (docs/DATA.md lists the counts).
constexpr std::array kFantasy{"fantasy"sv, "urban-fantasy"sv, "high-fantasy"sv, "epic-fantasy"sv};
constexpr std::array kScienceFiction{"science-fiction"sv, "sci-fi"sv,  "scifi"sv, "sf"sv,
                                     "dystopian"sv,       "dystopia"sv};
constexpr std::array kParanormal{"paranormal"sv, "supernatural"sv, "vampires"sv, "vampire"sv};
constexpr std::array kHorror{"horror"sv};
constexpr std::array kMystery{"mystery"sv, "mysteries"sv, "crime"sv, "detective"sv,
                              "mystery-thriller"sv};
constexpr std::array kThriller{"thriller"sv, "thrillers"sv, "suspense"sv};
constexpr std::array kRomance{"romance"sv,
                              "contemporary-romance"sv,
                              "historical-romance"sv,
                              "paranormal-romance"sv,
                              "chick-lit"sv,
                              "new-adult"sv};
constexpr std::array kHistoricalFiction{"historical-fiction"sv, "historical"sv};
constexpr std::array kHumour{"humor"sv, "humour"sv, "funny"sv, "comedy"sv};
constexpr std::array kPoetry{"poetry"sv};
constexpr std::array kComics{"graphic-novels"sv, "graphic-novel"sv, "comics"sv, "manga"sv};
constexpr std::array kBiography{"biography"sv, "memoir"sv, "memoirs"sv, "autobiography"sv,
                                "biographies"sv};
constexpr std::array kHistory{"history"sv};
constexpr std::array kScience{"science"sv, "psychology"sv};
constexpr std::array kPhilosophy{"philosophy"sv};
constexpr std::array kReligion{"religion"sv, "christian"sv, "spirituality"sv, "christianity"sv};
constexpr std::array kSelfHelp{"self-help"sv, "business"sv, "economics"sv};
constexpr std::array kCookbooks{"cookbooks"sv, "cookbook"sv, "cooking"sv, "cook-books"sv,
                                "cookery"sv};
constexpr std::array kArt{"art"sv, "art-books"sv, "photography"sv};
constexpr std::array kContemporary{"contemporary"sv, "realistic-fiction"sv,
                                   "contemporary-fiction"sv};
constexpr std::array kClassics{"classics"sv, "classic"sv, "classic-literature"sv};
constexpr std::array kYoungAdult{"young-adult"sv, "ya"sv, "teen"sv, "ya-fiction"sv,
                                 "young-adult-fiction"sv};
constexpr std::array kChildrens{"childrens"sv,        "children"sv, "children-s"sv,
                                "children-s-books"sv, "kids"sv,     "picture-books"sv,
                                "middle-grade"sv};

const std::array<GenreDefinition, 23> kGenres{{
    {"Fantasy", kFantasy},
    {"Science fiction", kScienceFiction},
    {"Paranormal", kParanormal},
    {"Horror", kHorror},
    {"Mystery", kMystery},
    {"Thriller", kThriller},
    {"Romance", kRomance},
    {"Historical fiction", kHistoricalFiction},
    {"Humour", kHumour},
    {"Poetry", kPoetry},
    {"Comics", kComics},
    {"Biography & memoir", kBiography},
    {"History", kHistory},
    {"Science", kScience},
    {"Philosophy", kPhilosophy},
    {"Religion", kReligion},
    {"Self-help & business", kSelfHelp},
    {"Cookbooks", kCookbooks},
    {"Art", kArt},
    {"Contemporary", kContemporary},
    {"Classics", kClassics},
    {"Young adult", kYoungAdult},
    {"Children's", kChildrens},
}};

// Shelves that record what a reader did or owns, not what the book is. Sorted for binary search.
constexpr std::array kNonDescriptive{
    "abandoned"sv,
    "arc"sv,
    "audible"sv,
    "audio"sv,
    "audio-book"sv,
    "audio-books"sv,
    "audiobook"sv,
    "audiobooks"sv,
    "book-club"sv,
    "book-club-books"sv,
    "book-group"sv,
    "bookclub"sv,
    "books"sv,
    "books-i-have"sv,
    "books-i-own"sv,
    "bookshelf"sv,
    "borrowed"sv,
    "currently-reading"sv,
    "default"sv,
    "did-not-finish"sv,
    "didn-t-finish"sv,
    "dnf"sv,
    "e-book"sv,
    "e-books"sv,
    "ebook"sv,
    "ebooks"sv,
    "finished"sv,
    "first-in-series"sv,
    "first-reads"sv,
    "for-school"sv,
    "have"sv,
    "home-library"sv,
    "i-own"sv,
    "kindle"sv,
    "kindle-books"sv,
    "kindle-unlimited"sv,
    "library"sv,
    "library-book"sv,
    "library-books"sv,
    "maybe"sv,
    "must-read"sv,
    "need-to-buy"sv,
    "netgalley"sv,
    "nook"sv,
    "on-hold"sv,
    "on-my-shelf"sv,
    "own-it"sv,
    "owned"sv,
    "owned-books"sv,
    "paperback"sv,
    "part-of-a-series"sv,
    "pdf"sv,
    "re-read"sv,
    "read"sv,
    "read-for-school"sv,
    "recommended"sv,
    "reread"sv,
    "reviewed"sv,
    "school"sv,
    "school-books"sv,
    "series"sv,
    "stand-alone"sv,
    "tbr"sv,
    "unfinished"sv,
    "want-to-read"sv,
    "wish-list"sv,
    "wishlist"sv,
};
static_assert(std::is_sorted(kNonDescriptive.begin(), kNonDescriptive.end()));

bool containsYear(std::string_view shelf) {
    // A run of exactly four digits from 1900 to 2099: read-in-2015, 2014-reads, read-2013.
    std::size_t i = 0;
    while (i < shelf.size()) {
        if (!std::isdigit(static_cast<unsigned char>(shelf[i]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < shelf.size() && std::isdigit(static_cast<unsigned char>(shelf[end])))
            ++end;
        const std::string_view run = shelf.substr(i, end - i);
        if (run.size() == 4 && (run.starts_with("19") || run.starts_with("20")))
            return true;
        i = end;
    }
    return false;
}

bool isStarRating(std::string_view shelf) {
    // "5-stars", "4-star", "3.5-stars", "five-stars".
    for (std::string_view suffix : {"-stars"sv, "-star"sv}) {
        if (!shelf.ends_with(suffix))
            continue;
        const std::string_view head = shelf.substr(0, shelf.size() - suffix.size());
        for (std::string_view word : {"one"sv, "two"sv, "three"sv, "four"sv, "five"sv})
            if (head == word)
                return true;
        return !head.empty() && std::all_of(head.begin(), head.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
        });
    }
    return false;
}

} // namespace

std::span<const GenreDefinition> genreList() {
    return kGenres;
}

int genreOfShelf(std::string_view shelf) {
    // Asked once per name of tags.csv (34,252 in goodbooks-10k): a sorted index, built once.
    static const std::vector<std::pair<std::string_view, int>> index = [] {
        std::vector<std::pair<std::string_view, int>> entries;
        for (std::size_t g = 0; g < kGenres.size(); ++g)
            for (std::string_view name : kGenres[g].shelves)
                entries.emplace_back(name, static_cast<int>(g));
        std::sort(entries.begin(), entries.end());
        return entries;
    }();
    const auto found = std::lower_bound(
        index.begin(), index.end(), shelf,
        [](const auto& entry, std::string_view name) { return entry.first < name; });
    return found != index.end() && found->first == shelf ? found->second : -1;
}

int genreByName(std::string_view name) {
    for (std::size_t g = 0; g < kGenres.size(); ++g)
        if (kGenres[g].name == name)
            return static_cast<int>(g);
    return -1;
}

bool isNonDescriptiveShelf(std::string_view shelf) {
    if (std::binary_search(kNonDescriptive.begin(), kNonDescriptive.end(), shelf))
        return true;
    if (shelf.starts_with("to-") || shelf.starts_with("my-"))
        return true;
    for (std::string_view word : {"favorite"sv, "favourite"sv, "fave"sv})
        if (shelf.find(word) != std::string_view::npos)
            return true;
    return containsYear(shelf) || isStarRating(shelf);
}

} // namespace shelfscope
