#include "demo/DemoGenerator.h"

#include "config/OptionTable.h"
#include "data/BookShelves.h"
#include "data/GenreShelves.h"
#include "io/DataError.h"
#include "util/AliasTable.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

namespace {

// The demo's genres are those of the genre list (data/GenreShelves.h), each once; the first eight
// are the kinds of book the demo had before shelves (mystery, romance, fantasy, ...), so the
// default library still spans quite different ones.
constexpr const char* kDemoGenreOrder[] = {"Mystery",
                                           "Romance",
                                           "Fantasy",
                                           "Science fiction",
                                           "History",
                                           "Poetry",
                                           "Thriller",
                                           "Biography & memoir",
                                           "Horror",
                                           "Philosophy",
                                           "Cookbooks",
                                           "Humour",
                                           "Art",
                                           "Paranormal",
                                           "Historical fiction",
                                           "Comics",
                                           "Science",
                                           "Religion",
                                           "Self-help & business",
                                           "Contemporary",
                                           "Classics",
                                           "Young adult",
                                           "Children's"};
constexpr std::size_t kDemoGenres = sizeof kDemoGenreOrder / sizeof kDemoGenreOrder[0];
// Shelf counts get their own stream so adding shelves left the ratings of a seed unchanged.
constexpr std::uint64_t kShelfStream = 0x5348454c56455321ULL;

constexpr double kMeanScore = 3.7;
constexpr double kFavouriteAffinity = 0.55;
constexpr double kFavouriteShare = 0.8; // of a reader's picks, taken from favourite genres
constexpr int kDrawAttempts = 64;

struct Catalogue {
    std::vector<std::int32_t> genre;
    std::vector<double> quality;
    std::vector<std::vector<std::int32_t>> booksOfGenre;
    std::vector<AliasTable> byGenre; // popularity-weighted, within a genre
    AliasTable all;                  // popularity-weighted, any genre
};

struct Readers {
    std::vector<std::vector<std::int32_t>> favourites;
    std::vector<double> bias;
    std::vector<std::int64_t> ratingCount;
};

std::int64_t maxRatingsPerUser(const DemoConfig& config) {
    return std::max<std::int64_t>(1, config.books / 2);
}

Catalogue plantBooks(const DemoConfig& config, Random& random) {
    Catalogue catalogue;
    const auto books = static_cast<std::size_t>(config.books);
    catalogue.booksOfGenre.resize(static_cast<std::size_t>(config.genres));
    std::vector<std::size_t> popularityRank(books);
    std::iota(popularityRank.begin(), popularityRank.end(), std::size_t{0});
    for (std::size_t i = books; i > 1; --i)
        std::swap(popularityRank[i - 1], popularityRank[random.below(i)]);
    std::vector<double> popularity(books);
    for (std::size_t b = 0; b < books; ++b) {
        const auto genre =
            static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(config.genres)));
        catalogue.genre.push_back(genre);
        catalogue.quality.push_back(0.45 * random.normal());
        catalogue.booksOfGenre[static_cast<std::size_t>(genre)].push_back(
            static_cast<std::int32_t>(b));
        popularity[b] = 1.0 / (static_cast<double>(popularityRank[b]) + 5.0); // Zipf-like tail
    }
    catalogue.all = AliasTable(popularity);
    for (const auto& members : catalogue.booksOfGenre) {
        std::vector<double> weights;
        for (std::int32_t b : members)
            weights.push_back(popularity[static_cast<std::size_t>(b)]);
        catalogue.byGenre.emplace_back(weights.empty() ? std::vector<double>{1.0} : weights);
    }
    return catalogue;
}

Readers plantReaders(const DemoConfig& config, Random& random) {
    Readers readers;
    const auto users = static_cast<std::size_t>(config.users);
    std::vector<double> appetite(users);
    for (std::size_t u = 0; u < users; ++u) {
        const std::size_t favourites =
            1 + random.below(std::min<std::uint64_t>(3, static_cast<std::uint64_t>(config.genres)));
        std::vector<std::int32_t> genres;
        while (genres.size() < favourites) {
            const auto g =
                static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(config.genres)));
            if (std::find(genres.begin(), genres.end(), g) == genres.end())
                genres.push_back(g);
        }
        std::sort(genres.begin(), genres.end());
        readers.favourites.push_back(std::move(genres));
        readers.bias.push_back(0.4 * random.normal());
        appetite[u] = std::exp(0.9 * random.normal()); // long-tailed activity
    }
    // Every reader rates at least one book; the rest is shared by appetite, capped, and the
    // rounding remainder handed out one by one so the total is exact.
    const std::int64_t cap = maxRatingsPerUser(config);
    const double appetiteSum = std::accumulate(appetite.begin(), appetite.end(), 0.0);
    const auto spare = static_cast<double>(config.ratings - config.users);
    readers.ratingCount.resize(users);
    std::int64_t assigned = 0;
    for (std::size_t u = 0; u < users; ++u) {
        const auto share = static_cast<std::int64_t>(std::floor(spare * appetite[u] / appetiteSum));
        readers.ratingCount[u] = std::min(cap, 1 + share);
        assigned += readers.ratingCount[u];
    }
    for (std::size_t u = random.below(users); assigned < config.ratings; u = (u + 1) % users) {
        if (readers.ratingCount[u] < cap) {
            ++readers.ratingCount[u];
            ++assigned;
        }
    }
    return readers;
}

class BookPicker {
public:
    BookPicker(const Catalogue& catalogue, std::int32_t books)
        : catalogue_(catalogue), takenBy_(static_cast<std::size_t>(books), -1) {}

    /// A book `user` has not been given yet, mostly from the favourite genres, by popularity.
    std::int32_t pick(std::int32_t user, const std::vector<std::int32_t>& favourites,
                      double favouriteShare, Random& random) {
        for (int attempt = 0; attempt < kDrawAttempts; ++attempt) {
            std::int32_t book = 0;
            if (random.uniform() < favouriteShare) {
                const auto genre =
                    static_cast<std::size_t>(favourites[random.below(favourites.size())]);
                const auto& members = catalogue_.booksOfGenre[genre];
                if (members.empty())
                    continue;
                book = members[catalogue_.byGenre[genre].draw(random)];
            } else {
                book = static_cast<std::int32_t>(catalogue_.all.draw(random));
            }
            if (claim(book, user))
                return book;
        }
        // Heavy users can exhaust their genres: fall back to any free book.
        const std::size_t books = takenBy_.size();
        const std::size_t start = random.below(books);
        for (std::size_t k = 0; k < books; ++k) {
            const auto book = static_cast<std::int32_t>((start + k) % books);
            if (claim(book, user))
                return book;
        }
        return -1;
    }

private:
    bool claim(std::int32_t book, std::int32_t user) {
        auto& owner = takenBy_[static_cast<std::size_t>(book)];
        if (owner == user)
            return false;
        owner = user;
        return true;
    }

    const Catalogue& catalogue_;
    std::vector<std::int32_t> takenBy_;
};

float drawRating(const DemoConfig& config, const Catalogue& catalogue, const Readers& readers,
                 std::size_t user, std::size_t book, Random& random) {
    const auto& favourites = readers.favourites[user];
    const bool favourite =
        std::binary_search(favourites.begin(), favourites.end(), catalogue.genre[book]);
    const double score = kMeanScore + catalogue.quality[book] + readers.bias[user] +
                         (favourite ? kFavouriteAffinity : -kFavouriteAffinity) +
                         config.noise * random.normal();
    return static_cast<float>(std::clamp(std::round(score), 1.0, 5.0));
}

const GenreDefinition& demoGenre(std::size_t genre) {
    return genreList()[static_cast<std::size_t>(genreByName(kDemoGenreOrder[genre]))];
}

std::string genreName(std::size_t genre) {
    return std::string(demoGenre(genre).name);
}

/// Shelves as readers of goodbooks-10k make them: each book on its genre's main shelf, less often
/// on a second name for it and on another genre's shelf, so the genre the loader picks from the
/// written book_tags.csv is the planted one. Popular books have more readers shelving them.
void shelveBooks(const DemoConfig& config, const Catalogue& catalogue, BookCatalog& books) {
    std::vector<std::int32_t> ids;
    std::vector<std::string> names;
    std::vector<std::int32_t> mainShelf;  // tag index by genre
    std::vector<std::int32_t> otherShelf; // a second name, or -1
    for (std::size_t g = 0; g < static_cast<std::size_t>(config.genres); ++g) {
        const auto& shelves = demoGenre(g).shelves;
        mainShelf.push_back(static_cast<std::int32_t>(names.size()));
        names.emplace_back(shelves[0]);
        otherShelf.push_back(shelves.size() > 1 ? static_cast<std::int32_t>(names.size()) : -1);
        if (shelves.size() > 1)
            names.emplace_back(shelves[1]);
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        ids.push_back(static_cast<std::int32_t>(i));
    const TagTable tags(ids, std::move(names));
    Random random(config.seed ^ kShelfStream);
    for (std::size_t b = 0; b < books.size(); ++b) {
        Book& book = books.bookAt(b);
        const auto genre = static_cast<std::size_t>(catalogue.genre[b]);
        const std::int64_t readers =
            5 + book.ratingsCount + static_cast<std::int64_t>(random.below(20));
        std::vector<TagCount> shelves{{mainShelf[genre], readers}};
        const auto fewer = [&] {
            return static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(readers)));
        };
        if (otherShelf[genre] >= 0)
            shelves.push_back({otherShelf[genre], fewer()});
        const auto other = random.below(static_cast<std::uint64_t>(config.genres));
        if (other != genre)
            shelves.push_back({mainShelf[other], fewer()});
        assignShelves(book, shelves, tags);
    }
}

BookCatalog describeBooks(const DemoConfig& config, const Catalogue& catalogue,
                          const RatingTable& ratings, Random& random) {
    std::vector<double> sum(static_cast<std::size_t>(config.books), 0.0);
    std::vector<std::int64_t> count(static_cast<std::size_t>(config.books), 0);
    for (std::size_t r = 0; r < ratings.size(); ++r) {
        const auto raw = static_cast<std::size_t>(ratings.books.rawId(ratings.bookIndex[r]) - 1);
        sum[raw] += ratings.rating[r];
        ++count[raw];
    }
    const std::uint64_t authors =
        std::max<std::uint64_t>(1, static_cast<std::uint64_t>(config.books) / 3);
    std::vector<std::int32_t> numberInGenre(static_cast<std::size_t>(config.genres), 0);
    BookCatalog books;
    for (std::size_t b = 0; b < static_cast<std::size_t>(config.books); ++b) {
        const auto genre = static_cast<std::size_t>(catalogue.genre[b]);
        Book book;
        book.id = static_cast<std::int32_t>(b + 1);
        book.goodreadsId = static_cast<std::int32_t>(1000000 + b + 1);
        book.workId = static_cast<std::int32_t>(2000000 + b + 1);
        book.title = genreName(genre) + " No. " + std::to_string(++numberInGenre[genre]);
        book.originalTitle = book.title;
        book.authors = "Synthetic Author " + std::to_string(1 + random.below(authors));
        book.year = 1900 + static_cast<int>(random.below(125));
        book.language = "eng";
        if (count[b] > 0)
            book.averageRating = static_cast<float>(
                std::round(100.0 * sum[b] / static_cast<double>(count[b])) / 100.0);
        book.ratingsCount = count[b];
        books.add(std::move(book));
    }
    return books;
}

} // namespace

int demoGenreCount() {
    return static_cast<int>(kDemoGenres);
}

void validateDemoConfig(const DemoConfig& config) {
    // Each setting's range is its command-line option's (config/OptionTable.h); then what the
    // settings need of each other.
    const auto check = [](const char* name, double value) {
        const OptionDef& o = option(CliCommand::Generate, name);
        if (!inRange(o, value))
            throw std::invalid_argument("--" + o.name + " must be " + rangeText(o) + ", got " +
                                        numberText(value));
    };
    check("users", config.users);
    check("books", config.books);
    check("ratings", static_cast<double>(config.ratings));
    check("genres", config.genres);
    check("seed", static_cast<double>(config.seed));
    check("to-read-per-user", config.toReadPerUser);
    check("noise", config.noise);
    if (config.books < config.genres)
        throw std::invalid_argument("--books must be at least the number of genres");
    if (config.ratings < config.users)
        throw std::invalid_argument(
            "--ratings must be at least --users (every reader rates a book)");
    if (config.ratings > static_cast<std::int64_t>(config.users) * maxRatingsPerUser(config))
        throw std::invalid_argument(
            "--ratings is too many: a reader rates at most half the books (" +
            std::to_string(maxRatingsPerUser(config)) + ")");
}

DemoLibrary generateDemoLibrary(const DemoConfig& config, const ProgressCallback& progress,
                                const std::atomic<bool>& cancel) {
    validateDemoConfig(config);
    Random random(config.seed);
    const Catalogue catalogue = plantBooks(config, random);
    const Readers readers = plantReaders(config, random);

    DemoLibrary library;
    Dataset& dataset = library.dataset;
    dataset.name = kDemoLibraryName;
    RatingTable& table = dataset.ratings;
    table.userIndex.reserve(static_cast<std::size_t>(config.ratings));
    table.bookIndex.reserve(static_cast<std::size_t>(config.ratings));
    table.rating.reserve(static_cast<std::size_t>(config.ratings));
    std::vector<std::int32_t> toReadUsers;
    std::vector<std::int32_t> toReadBooks;
    BookPicker picker(catalogue, config.books);
    for (std::int32_t u = 0; u < config.users; ++u) {
        const auto user = static_cast<std::size_t>(u);
        for (std::int64_t k = 0; k < readers.ratingCount[user]; ++k) {
            const std::int32_t book =
                picker.pick(u, readers.favourites[user], kFavouriteShare, random);
            table.userIndex.push_back(u + 1);
            table.bookIndex.push_back(book + 1);
            table.rating.push_back(drawRating(config, catalogue, readers, user,
                                              static_cast<std::size_t>(book), random));
        }
        // The to-read list shares the picker's "taken" marks, so it never repeats a rated book.
        const auto wanted =
            random.below(static_cast<std::uint64_t>(2.0 * config.toReadPerUser) + 1);
        for (std::uint64_t k = 0; k < wanted; ++k) {
            const std::int32_t book = picker.pick(u, readers.favourites[user], 0.9, random);
            if (book < 0)
                break;
            toReadUsers.push_back(u + 1);
            toReadBooks.push_back(book + 1);
        }
        if ((u & 1023) == 1023) {
            if (cancel.load(std::memory_order_relaxed))
                throw OperationCancelled();
            if (progress)
                progress({"Generating ratings", static_cast<double>(u) / config.users});
        }
    }
    table.users = IdIndex::fromRawIds(table.userIndex);
    table.books = IdIndex::fromRawIds(table.bookIndex);
    table.users.toIndicesInPlace(table.userIndex);
    table.books.toIndicesInPlace(table.bookIndex);

    dataset.books = describeBooks(config, catalogue, table, random);
    shelveBooks(config, catalogue, dataset.books);
    for (std::size_t i = 0; i < toReadUsers.size(); ++i) {
        ++dataset.toRead.rowsRead;
        const auto book = table.books.indexOf(toReadBooks[i]);
        if (!book) {
            ++dataset.toRead.unmatched;
            continue;
        }
        dataset.toRead.userIndex.push_back(*table.users.indexOf(toReadUsers[i]));
        dataset.toRead.bookIndex.push_back(*book);
    }
    library.truth.bookGenre = catalogue.genre;
    library.truth.userFavouriteGenres = readers.favourites;
    for (std::int32_t g = 0; g < config.genres; ++g)
        library.truth.genreNames.push_back(genreName(static_cast<std::size_t>(g)));
    return library;
}

} // namespace shelfscope
