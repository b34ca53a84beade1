#include "data/BookShelves.h"
#include "data/Dataset.h"
#include "data/DatasetStats.h"
#include "data/GenreShelves.h"
#include "demo/DemoGenerator.h"
#include "io/DataError.h"
#include "io/DatasetWriter.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>

using namespace shelfscope;

namespace {

DemoConfig smallConfig() {
    DemoConfig config;
    config.users = 600;
    config.books = 300;
    config.ratings = 24000;
    config.genres = 6;
    config.seed = 11;
    return config;
}

} // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exactCountsAndNoDuplicates() {
        const DemoLibrary library = generateDemoLibrary(smallConfig());
        const RatingTable& table = library.dataset.ratings;
        QCOMPARE(table.size(), std::size_t{24000});
        QCOMPARE(table.userCount(), 600);
        QCOMPARE(library.dataset.books.size(), std::size_t{300});
        QCOMPARE(library.dataset.name, std::string(kDemoLibraryName));
        std::set<std::pair<std::int32_t, std::int32_t>> pairs;
        for (std::size_t r = 0; r < table.size(); ++r) {
            pairs.emplace(table.userIndex[r], table.bookIndex[r]);
            QVERIFY(table.rating[r] >= 1.0f && table.rating[r] <= 5.0f);
            QCOMPARE(table.rating[r], std::round(table.rating[r]));
        }
        QCOMPARE(pairs.size(), table.size());
        // To-read entries never name a book the reader rated.
        const ToReadList& toRead = library.dataset.toRead;
        QVERIFY(toRead.size() > 600);
        for (std::size_t i = 0; i < toRead.size(); ++i)
            QVERIFY(pairs.count({toRead.userIndex[i], toRead.bookIndex[i]}) == 0);
    }

    void sameSeedSameLibrary() {
        const DemoLibrary a = generateDemoLibrary(smallConfig());
        const DemoLibrary b = generateDemoLibrary(smallConfig());
        DemoConfig other = smallConfig();
        other.seed = 12;
        const DemoLibrary c = generateDemoLibrary(other);
        QCOMPARE(a.dataset.ratings.rating, b.dataset.ratings.rating);
        QCOMPARE(a.dataset.ratings.bookIndex, b.dataset.ratings.bookIndex);
        QVERIFY(a.dataset.ratings.bookIndex != c.dataset.ratings.bookIndex);
    }

    void favouriteGenresAreRatedHigherAndMoreOften() {
        const DemoLibrary library = generateDemoLibrary(smallConfig());
        const RatingTable& table = library.dataset.ratings;
        double favouriteSum = 0, otherSum = 0;
        std::int64_t favouriteCount = 0, otherCount = 0;
        for (std::size_t r = 0; r < table.size(); ++r) {
            const auto user = static_cast<std::size_t>(table.users.rawId(table.userIndex[r]) - 1);
            const auto book = static_cast<std::size_t>(table.books.rawId(table.bookIndex[r]) - 1);
            const auto& favourites = library.truth.userFavouriteGenres[user];
            const bool favourite = std::find(favourites.begin(), favourites.end(),
                                             library.truth.bookGenre[book]) != favourites.end();
            (favourite ? favouriteSum : otherSum) += table.rating[r];
            ++(favourite ? favouriteCount : otherCount);
        }
        // Picking genres blindly would give favourites about a third of the ratings here.
        QVERIFY2(favouriteCount > 2 * otherCount, "readers mostly pick favourite genres");
        const double gap = favouriteSum / favouriteCount - otherSum / otherCount;
        QVERIFY2(gap > 0.7, qPrintable(QString::number(gap)));
    }

    void popularityIsLongTailed() {
        const DemoLibrary library = generateDemoLibrary(smallConfig());
        std::vector<std::int64_t> perBook =
            countPerIndex(library.dataset.ratings.bookIndex, library.dataset.ratings.bookCount());
        std::sort(perBook.rbegin(), perBook.rend());
        std::int64_t top = 0;
        for (std::size_t i = 0; i < perBook.size() / 10; ++i)
            top += perBook[i];
        // The 10% most rated books hold at least twice their even share of the ratings.
        QVERIFY2(top > 0.2 * 24000, qPrintable(QString::number(top)));
    }

    void genresAreListedAndPlanted_data() {
        QTest::addColumn<int>("genres");
        QTest::newRow("one") << 1;
        QTest::newRow("six") << 6;
        QTest::newRow("the whole list") << static_cast<int>(genreList().size());
    }

    void genresAreListedAndPlanted() {
        QFETCH(int, genres);
        DemoConfig config = smallConfig();
        config.genres = genres;
        const DemoLibrary library = generateDemoLibrary(config);
        const auto& names = library.truth.genreNames;
        QCOMPARE(names.size(), static_cast<std::size_t>(genres));
        QCOMPARE(std::set<std::string>(names.begin(), names.end()).size(), names.size());
        for (const Book& book : library.dataset.books.books()) {
            const auto planted = static_cast<std::size_t>(
                library.truth.bookGenre[static_cast<std::size_t>(book.id - 1)]);
            QCOMPARE(book.genre, names[planted]);
            const int listed = genreByName(book.genre);
            QVERIFY2(listed >= 0, book.genre.c_str());
            // The genre came from the book's shelves: its genre's main shelf, used most.
            QCOMPARE(book.genreShelf.name,
                     std::string(genreList()[static_cast<std::size_t>(listed)].shelves[0]));
            QVERIFY(!book.topShelves.empty());
            QCOMPARE(book.topShelves.front(), book.genreShelf);
            QVERIFY(book.genreShelf.count > book.ratingsCount);
            QCOMPARE(QString::fromStdString(book.title).section(QStringLiteral(" No. "), 0, 0),
                     QString::fromStdString(book.genre));
            QVERIFY(QString::fromStdString(book.authors)
                        .startsWith(QStringLiteral("Synthetic Author ")));
        }
        QCOMPARE(countGenres(library.dataset.books).size(), static_cast<std::size_t>(genres));
    }

    void writtenFilesLoadBackIdentically() {
        const DemoLibrary library = generateDemoLibrary(smallConfig());
        QTemporaryDir dir;
        writeDataset(library.dataset, dir.path().toStdString());
        DatasetLoadConfig config;
        config.folder = dir.path().toStdString();
        const DatasetLoadResult loaded = loadDataset(config);
        const RatingTable& a = library.dataset.ratings;
        const RatingTable& b = loaded.dataset.ratings;
        QCOMPARE(b.userIndex, a.userIndex);
        QCOMPARE(b.bookIndex, a.bookIndex);
        QCOMPARE(b.rating, a.rating);
        QVERIFY(b.users == a.users);
        QVERIFY(b.books == a.books);
        QCOMPARE(loaded.summary.duplicates.rowsDropped, std::int64_t{0});
        QCOMPARE(loaded.dataset.books.size(), library.dataset.books.size());
        QCOMPARE(loaded.dataset.toRead.userIndex, library.dataset.toRead.userIndex);
        QCOMPARE(loaded.dataset.toRead.bookIndex, library.dataset.toRead.bookIndex);
        QVERIFY(loaded.warnings.empty());
        // Genres travel as goodbooks-10k's do: tags.csv and book_tags.csv.
        QCOMPARE(loaded.summary.bookTags.booksWithGenre,
                 static_cast<std::int64_t>(library.dataset.books.size()));
        for (const Book& book : library.dataset.books.books()) {
            const Book* back = loaded.dataset.books.find(book.id);
            QVERIFY(back != nullptr);
            QCOMPARE(back->goodreadsId, book.goodreadsId);
            QCOMPARE(back->genre, book.genre);
            QCOMPARE(back->genreShelf, book.genreShelf);
            QCOMPARE(back->topShelves, book.topShelves);
        }
        // Nothing half-written is left beside the files.
        QCOMPARE(
            QDir(dir.path()).entryList(QDir::Files),
            (QStringList{"book_tags.csv", "books.csv", "ratings.csv", "tags.csv", "to_read.csv"}));

        // Without the tag files, books.csv's genre column still names the genres.
        QVERIFY(QDir(dir.path()).remove(QStringLiteral("tags.csv")));
        QVERIFY(QDir(dir.path()).remove(QStringLiteral("book_tags.csv")));
        const DatasetLoadResult columnOnly = loadDataset(config);
        for (const Book& book : library.dataset.books.books()) {
            QCOMPARE(columnOnly.dataset.books.find(book.id)->genre, book.genre);
            QVERIFY(columnOnly.dataset.books.find(book.id)->topShelves.empty());
        }
    }

    void impossibleConfigsAreRefused_data() {
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("books");
        QTest::addColumn<qint64>("ratings");
        QTest::addColumn<int>("genres");
        QTest::newRow("too many ratings") << 10 << 10 << qint64{51} << 2;
        QTest::newRow("fewer ratings than users") << 10 << 10 << qint64{9} << 2;
        QTest::newRow("fewer books than genres") << 10 << 3 << qint64{10} << 4;
        QTest::newRow("no users") << 0 << 10 << qint64{10} << 2;
        QTest::newRow("more genres than the list") << 100 << 100 << qint64{1000} << 24;
    }

    void impossibleConfigsAreRefused() {
        QFETCH(int, users);
        QFETCH(int, books);
        QFETCH(qint64, ratings);
        QFETCH(int, genres);
        DemoConfig config;
        config.users = users;
        config.books = books;
        config.ratings = ratings;
        config.genres = genres;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateDemoLibrary(config));
    }

    void cancelStopsGeneration() {
        std::atomic<bool> cancel{true};
        DemoConfig config = smallConfig();
        config.users = 5000;
        config.ratings = 50000;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, generateDemoLibrary(config, {}, cancel));
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
