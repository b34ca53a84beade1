#include "data/Dataset.h"
#include "data/DatasetStats.h"
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

    void titlesAreSyntheticAndGenreIsAColumn() {
        const DemoLibrary library = generateDemoLibrary(smallConfig());
        const Book& first = library.dataset.books.books().front();
        QVERIFY(QString::fromStdString(first.title).contains(QStringLiteral(" No. ")));
        QVERIFY(
            QString::fromStdString(first.authors).startsWith(QStringLiteral("Synthetic Author ")));
        QCOMPARE(QString::fromStdString(first.title).section(QStringLiteral(" No. "), 0, 0),
                 QString::fromStdString(first.genre));
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
        QCOMPARE(loaded.dataset.books.find(7)->genre, library.dataset.books.find(7)->genre);
        QCOMPARE(loaded.dataset.toRead.userIndex, library.dataset.toRead.userIndex);
        QCOMPARE(loaded.dataset.toRead.bookIndex, library.dataset.toRead.bookIndex);
        // Nothing half-written is left beside the files.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
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
