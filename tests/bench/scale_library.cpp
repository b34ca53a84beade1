// Writes a stand-in for goodbooks-10k's later release (or a larger library) built from the first
// release's marginals, for the scale benchmark (tests/bench/scale_benchmark.py).
//
// Usage: scale_library --data DIR --out DIR --ratings N [--readers N] [--seed S]
//
// Readers: with --readers R, reader i (1..R) copies real reader ((i - 1) mod 53,424) + 1; the
// ratings are shared out in proportion to the copied readers' real counts (largest remainder,
// so the total is exactly N). Each reader keeps all their real ratings and walks the rest: one
// of their books, a reader of it, a book of that reader (so tastes carry over), accepted with a
// probability that leans the books' popularity toward books.csv's ratings_count (the skew of all
// of Goodreads, which the first release's at most 100 ratings a book does not have), rated
// with that reader's stars shifted by the difference of the two readers' means. No repeated
// pairs. ratings.csv has the later release's header user_id,book_id,rating; the other files are
// symbolic links to the data folder's. Prints what it made, with the books' rating counts.
#include "data/Dataset.h"
#include "data/RowsByUser.h"
#include "util/AliasTable.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace shelfscope;
namespace fs = std::filesystem;

namespace {

struct Options {
    std::string data;
    std::string out;
    std::int64_t ratings = 0;
    std::int64_t readers = 0; // 0: the real data's
    std::uint64_t seed = 1;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--data")
            options.data = value;
        else if (key == "--out")
            options.out = value;
        else if (key == "--ratings")
            options.ratings = std::atoll(value.c_str());
        else if (key == "--readers")
            options.readers = std::atoll(value.c_str());
        else if (key == "--seed")
            options.seed = std::strtoull(value.c_str(), nullptr, 10);
    }
    if (options.data.empty() || options.out.empty() || options.ratings <= 0) {
        std::fprintf(stderr, "usage: scale_library --data DIR --out DIR --ratings N "
                             "[--readers N] [--seed S]\n");
        std::exit(2);
    }
    return options;
}

/// Each generated reader's number of ratings: the copied reader's real count times one factor,
/// rounded by largest remainder so they sum to exactly `total`, never more than `books`.
std::vector<std::int32_t> shareOut(const std::vector<std::int32_t>& realCounts,
                                   std::int64_t readers, std::int64_t total, std::int32_t books) {
    const auto real = static_cast<std::int64_t>(realCounts.size());
    double sum = 0;
    for (std::int64_t i = 0; i < readers; ++i)
        sum += realCounts[static_cast<std::size_t>(i % real)];
    const double factor = static_cast<double>(total) / sum;
    std::vector<std::int32_t> counts(static_cast<std::size_t>(readers));
    std::vector<std::pair<double, std::int64_t>> remainders;
    std::int64_t given = 0;
    for (std::int64_t i = 0; i < readers; ++i) {
        const double exact = realCounts[static_cast<std::size_t>(i % real)] * factor;
        const auto whole = std::min<std::int64_t>(static_cast<std::int64_t>(exact), books);
        counts[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(whole);
        given += whole;
        remainders.emplace_back(exact - static_cast<double>(whole), i);
    }
    std::sort(remainders.begin(), remainders.end(), std::greater<>());
    for (std::size_t k = 0; given < total; k = (k + 1) % remainders.size()) {
        auto& count = counts[static_cast<std::size_t>(remainders[k].second)];
        if (count < books) {
            ++count;
            ++given;
        }
    }
    return counts;
}

class CsvOut {
public:
    explicit CsvOut(const std::string& path) : file_(std::fopen(path.c_str(), "wb")) {
        if (!file_) {
            std::perror(path.c_str());
            std::exit(1);
        }
        buffer_.reserve(1 << 20);
    }
    ~CsvOut() {
        flush();
        std::fclose(file_);
    }
    void text(const char* s) { buffer_ += s; }
    void row(std::int64_t user, std::int32_t book, int rating) {
        buffer_ += std::to_string(user);
        buffer_ += ',';
        buffer_ += std::to_string(book);
        buffer_ += ',';
        buffer_ += static_cast<char>('0' + rating);
        buffer_ += '\n';
        if (buffer_.size() > (1 << 20) - 64)
            flush();
    }

private:
    void flush() {
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
        buffer_.clear();
    }
    std::FILE* file_;
    std::string buffer_;
};

} // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    DatasetLoadConfig load;
    load.folder = options.data;
    load.loadToRead = false;
    load.loadShelves = false;
    const DatasetLoadResult loaded = loadDataset(load);
    const RatingTable& table = loaded.dataset.ratings;
    const std::int32_t users = table.userCount();
    const std::int32_t books = table.bookCount();
    const RowsByUser byUser = groupRowsByUser(table);

    // Readers of each book, and each reader's mean stars.
    std::vector<std::int32_t> bookStart(static_cast<std::size_t>(books) + 1, 0);
    for (std::size_t r = 0; r < table.size(); ++r)
        ++bookStart[static_cast<std::size_t>(table.bookIndex[r]) + 1];
    for (std::int32_t b = 0; b < books; ++b)
        bookStart[static_cast<std::size_t>(b) + 1] += bookStart[static_cast<std::size_t>(b)];
    std::vector<std::int32_t> bookRows(table.size());
    {
        std::vector<std::int32_t> next(bookStart.begin(), bookStart.end() - 1);
        for (std::size_t r = 0; r < table.size(); ++r)
            bookRows[static_cast<std::size_t>(
                next[static_cast<std::size_t>(table.bookIndex[r])]++)] =
                static_cast<std::int32_t>(r);
    }
    std::vector<double> userMean(static_cast<std::size_t>(users), 0.0);
    std::vector<std::int32_t> realCounts(static_cast<std::size_t>(users));
    for (std::int32_t u = 0; u < users; ++u) {
        const auto rows = byUser.of(u);
        double sum = 0;
        for (const std::int32_t r : rows)
            sum += table.rating[static_cast<std::size_t>(r)];
        userMean[static_cast<std::size_t>(u)] = sum / static_cast<double>(rows.size());
        realCounts[static_cast<std::size_t>(u)] = static_cast<std::int32_t>(rows.size());
    }

    // Acceptance of a walked-to book: its share of all Goodreads ratings over its share of the
    // first release's (where the walk lands in proportion to the latter), capped at 1 by the
    // 95th percentile so a few best-sellers do not make every other proposal a rejection.
    std::vector<double> lean(static_cast<std::size_t>(books), 1.0);
    std::vector<double> popularity(static_cast<std::size_t>(books), 1.0);
    for (std::int32_t b = 0; b < books; ++b) {
        const Book* book = loaded.dataset.books.find(table.books.rawId(b));
        const double count = book && book->ratingsCount > 0 ? double(book->ratingsCount) : 1.0;
        popularity[static_cast<std::size_t>(b)] = count;
        lean[static_cast<std::size_t>(b)] =
            count / static_cast<double>(bookStart[static_cast<std::size_t>(b) + 1] -
                                        bookStart[static_cast<std::size_t>(b)]);
    }
    {
        std::vector<double> sorted = lean;
        std::sort(sorted.begin(), sorted.end());
        const double cap = sorted[sorted.size() * 95 / 100];
        for (double& a : lean)
            a = std::min(1.0, a / cap);
    }
    const AliasTable popular(popularity);

    const std::int64_t readers = options.readers > 0 ? options.readers : users;
    const std::vector<std::int32_t> counts = shareOut(realCounts, readers, options.ratings, books);

    fs::create_directories(options.out);
    for (const char* name : {"books", "to_read", "tags", "book_tags"}) {
        for (const char* ext : {".csv.gz", ".csv"}) {
            const fs::path source =
                fs::absolute(fs::path(options.data) / (std::string(name) + ext));
            const fs::path link = fs::path(options.out) / (std::string(name) + ext);
            if (fs::exists(source)) {
                fs::remove(link);
                fs::create_symlink(source, link);
                break;
            }
        }
    }

    Random random(options.seed);
    std::vector<std::int32_t> bookRatings(static_cast<std::size_t>(books), 0);
    std::vector<std::int32_t> starCounts(6, 0);
    std::vector<std::uint8_t> onShelf(static_cast<std::size_t>(books), 0);
    std::vector<std::pair<std::int32_t, int>> shelf;
    std::int64_t walked = 0, fellBack = 0;
    {
        CsvOut out((fs::path(options.out) / "ratings.csv").string());
        out.text("user_id,book_id,rating\n");
        for (std::int64_t i = 0; i < readers; ++i) {
            const std::int32_t u = static_cast<std::int32_t>(i % users);
            const auto own = byUser.of(u);
            const auto target = static_cast<std::size_t>(counts[static_cast<std::size_t>(i)]);
            shelf.clear();
            auto put = [&](std::int32_t book, int stars) {
                onShelf[static_cast<std::size_t>(book)] = 1;
                shelf.emplace_back(book, stars);
            };
            for (const std::int32_t r : own) {
                if (shelf.size() == target)
                    break;
                put(table.bookIndex[static_cast<std::size_t>(r)],
                    static_cast<int>(table.rating[static_cast<std::size_t>(r)]));
            }
            while (shelf.size() < target) {
                bool placed = false;
                for (int attempt = 0; attempt < 64 && !placed; ++attempt) {
                    const std::int32_t seedRow = own[random.below(own.size())];
                    const std::int32_t seedBook =
                        table.bookIndex[static_cast<std::size_t>(seedRow)];
                    const auto from = bookStart[static_cast<std::size_t>(seedBook)];
                    const auto width = bookStart[static_cast<std::size_t>(seedBook) + 1] - from;
                    const std::int32_t viaRow = bookRows[static_cast<std::size_t>(from) +
                                                         random.below(std::uint64_t(width))];
                    const auto others =
                        byUser.of(table.userIndex[static_cast<std::size_t>(viaRow)]);
                    const std::int32_t row = others[random.below(others.size())];
                    const std::int32_t book = table.bookIndex[static_cast<std::size_t>(row)];
                    if (onShelf[static_cast<std::size_t>(book)] ||
                        random.uniform() >= lean[static_cast<std::size_t>(book)])
                        continue;
                    const double shifted =
                        table.rating[static_cast<std::size_t>(row)] + userMean[std::size_t(u)] -
                        userMean[static_cast<std::size_t>(table.userIndex[std::size_t(row)])];
                    put(book, static_cast<int>(std::clamp(std::lround(shifted), 1L, 5L)));
                    placed = true;
                    ++walked;
                }
                while (!placed) {
                    const auto book = static_cast<std::int32_t>(popular.draw(random));
                    if (onShelf[static_cast<std::size_t>(book)])
                        continue;
                    const double stars = userMean[std::size_t(u)] + 0.9 * random.normal();
                    put(book, static_cast<int>(std::clamp(std::lround(stars), 1L, 5L)));
                    placed = true;
                    ++fellBack;
                }
            }
            // A reader's rows in no particular order, not their real ones first.
            for (std::size_t k = shelf.size(); k > 1; --k)
                std::swap(shelf[k - 1], shelf[random.below(k)]);
            for (const auto& [book, stars] : shelf) {
                out.row(i + 1, table.books.rawId(book), stars);
                onShelf[static_cast<std::size_t>(book)] = 0;
                ++bookRatings[static_cast<std::size_t>(book)];
                ++starCounts[static_cast<std::size_t>(stars)];
            }
        }
    }

    std::int64_t total = 0;
    for (const std::int32_t c : counts)
        total += c;
    std::vector<std::int32_t> sortedBooks = bookRatings;
    std::sort(sortedBooks.begin(), sortedBooks.end());
    const auto sortedCounts = [&] {
        std::vector<std::int32_t> s = counts;
        std::sort(s.begin(), s.end());
        return s;
    }();
    std::printf("wrote %s/ratings.csv: %lld ratings, %lld readers, %d books\n", options.out.c_str(),
                static_cast<long long>(total), static_cast<long long>(readers), books);
    std::printf("ratings a reader: min %d, median %d, max %d\n", sortedCounts.front(),
                sortedCounts[sortedCounts.size() / 2], sortedCounts.back());
    std::printf("ratings a book: min %d, median %d, 99th percentile %d, max %d\n",
                sortedBooks.front(), sortedBooks[sortedBooks.size() / 2],
                sortedBooks[sortedBooks.size() * 99 / 100], sortedBooks.back());
    std::printf("stars 1-5: %d %d %d %d %d\n", starCounts[1], starCounts[2], starCounts[3],
                starCounts[4], starCounts[5]);
    std::printf("generated ratings: %lld by the walk, %lld by popularity alone\n",
                static_cast<long long>(walked), static_cast<long long>(fellBack));
    return 0;
}
