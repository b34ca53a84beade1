#include "BadInputCases.h"
#include "data/Dataset.h"
#include "data/DatasetStats.h"
#include "data/Deduplicate.h"
#include "data/IdIndex.h"
#include "io/DataError.h"
#include "io/FieldParsing.h"

#include <QTest>
#include <algorithm>

using namespace shelfscope;

namespace {

QString fixture(const char* relative) {
    return QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/") + QString::fromLatin1(relative);
}

DatasetLoadResult loadFixture(const char* relative, DatasetLoadConfig config = {}) {
    config.folder = fixture(relative).toStdString();
    return loadDataset(config);
}

/// (raw user, raw book, rating) of a row, for readable comparisons.
QString rowText(const RatingTable& table, std::size_t row) {
    return QStringLiteral("%1/%2/%3")
        .arg(table.users.rawId(table.userIndex[row]))
        .arg(table.books.rawId(table.bookIndex[row]))
        .arg(static_cast<double>(table.rating[row]));
}

} // namespace

class TestLoaders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void badInput_data() { addBadInputRows(); }

    void badInput() {
        QFETCH(QString, folder);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        const QString path = fixture("bad/") + folder;
        try {
            DatasetLoadConfig config;
            config.folder = path.toStdString();
            loadDataset(config);
            QFAIL("loading succeeded");
        } catch (const DataError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.startsWith(expectedLocation(path, file, line)), qPrintable(message));
            QVERIFY2(message.contains(problem), qPrintable(message));
            QCOMPARE(static_cast<int>(error.location().line), line);
        }
    }

    void userBookHeaderWithBooksAndToRead() {
        const DatasetLoadResult result = loadFixture("good/tiny");
        const Dataset& data = result.dataset;
        QCOMPARE(result.summary.ratingsHeader, RatingsHeader::UserBookRating);
        QCOMPARE(result.summary.booksHeader, BooksHeader::GitHub);
        QCOMPARE(data.ratings.size(), std::size_t{5});
        QCOMPARE(data.ratings.userCount(), 3);
        QCOMPARE(data.ratings.bookCount(), 3);
        QCOMPARE(rowText(data.ratings, 0), QStringLiteral("1/10/5"));
        QCOMPARE(rowText(data.ratings, 4), QStringLiteral("3/11/1"));
        QCOMPARE(data.books.size(), std::size_t{3});
        QCOMPARE(data.books.find(12)->year.value(), -720);
        QCOMPARE(data.books.find(12)->language, std::string());
        QCOMPARE(data.books.find(11)->goodreadsId, 110);
        QCOMPARE(data.books.find(11)->workId, 1100);
        QCOMPARE(data.books.find(10)->averageRating.value(), 4.5f);
        QCOMPARE(result.summary.booksWithoutMetadata, std::int64_t{0});
        // to_read: 4 rows, user 9 has no ratings.
        QCOMPARE(result.summary.toReadEntries, std::int64_t{4});
        QCOMPARE(result.summary.toReadUnmatched, std::int64_t{1});
        QCOMPARE(data.toRead.size(), std::size_t{3});
        QCOMPARE(result.warnings.size(), std::size_t{1});
    }

    void textThatIsNotUtf8IsShownWithReplacementCharacters() {
        const DatasetLoadResult result = loadFixture("good/latin1_titles");
        const Dataset& data = result.dataset;
        QCOMPARE(data.books.find(10)->title, std::string("Les Mis\xEF\xBF\xBDrables"));
        QCOMPARE(data.books.find(11)->authors, std::string("Fran\xEF\xBF\xBDois"));
        QCOMPARE(data.books.find(12)->title, std::string("Twelve"));
        QCOMPARE(data.ratings.size(), std::size_t{5}); // the ids and numbers are all read
        const std::string expected = fixture("good/latin1_titles").toStdString() +
                                     "/books.csv:2: column 7 (title): not valid UTF-8; its bad "
                                     "bytes are shown as \xEF\xBF\xBD (2 fields in all; is the "
                                     "file saved in another encoding, such as Latin-1?)";
        QVERIFY(std::find(result.warnings.begin(), result.warnings.end(), expected) !=
                result.warnings.end());
    }

    void replacesEachByteThatStartsNoUtf8Sequence_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray r("\xEF\xBF\xBD");
        QTest::newRow("ascii") << QByteArray("plain") << QByteArray("plain");
        QTest::newRow("valid") << QByteArray("Gr\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x93\x9A")
                               << QByteArray("Gr\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x93\x9A");
        QTest::newRow("latin-1") << QByteArray("caf\xE9") << QByteArray("caf") + r;
        QTest::newRow("cut short") << QByteArray("a\xE2\x98") << QByteArray("a") + r + r;
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << r + r;
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << r + r + r;
        QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << r + r + r + r;
        QTest::newRow("lone continuation") << QByteArray("\x80x") << r + "x";
    }

    void replacesEachByteThatStartsNoUtf8Sequence() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string_view text(input.constData(), static_cast<std::size_t>(input.size()));
        const std::string repaired = replaceInvalidUtf8(text);
        QCOMPARE(QByteArray::fromStdString(repaired), expected);
        QCOMPARE(isValidUtf8(text), input == expected);
        QVERIFY(isValidUtf8(repaired));
    }

    void kaggleHeaderCrlfBomAndDuplicates() {
        const DatasetLoadResult result = loadFixture("good/kaggle_crlf_bom");
        const Dataset& data = result.dataset;
        QCOMPARE(result.summary.ratingsHeader, RatingsHeader::BookUserRating);
        QCOMPARE(result.summary.booksHeader, BooksHeader::Kaggle);
        QCOMPARE(result.summary.rowsRead, std::int64_t{6});
        // User 314 rated book 1 twice (5, then 4): the last occurrence stays, in its place.
        QCOMPARE(result.summary.duplicates.rowsDropped, std::int64_t{1});
        QCOMPARE(result.summary.duplicates.pairs, std::int64_t{1});
        QCOMPARE(result.summary.duplicates.conflictingPairs, std::int64_t{1});
        QCOMPARE(data.ratings.size(), std::size_t{5});
        QCOMPARE(rowText(data.ratings, 0), QStringLiteral("314/2/3"));
        QCOMPARE(rowText(data.ratings, 2), QStringLiteral("314/1/4"));
        QCOMPARE(rowText(data.ratings, 4), QStringLiteral("588/4/2")); // last line, no newline
        QCOMPARE(result.summary.histogramBeforeDedup.countOf(5.0f), std::int64_t{1});
        QCOMPARE(result.summary.histogramBeforeDedup.total(), std::int64_t{6});

        // Kaggle books: ratings' book_id is books' id; `book_id` there is the Goodreads id.
        const Book* hungerGames = data.books.find(1);
        QVERIFY(hungerGames != nullptr);
        QCOMPARE(hungerGames->goodreadsId, 2767052);
        QCOMPARE(hungerGames->title, std::string("The Hunger Games (The Hunger Games, #1)"));
        QCOMPARE(hungerGames->year.value(), 2008);
        QCOMPARE(hungerGames->ratingsCount, std::int64_t{4780653});
        QCOMPARE(hungerGames->imageUrl, std::string("https://x/1.jpg"));
        QCOMPARE(data.books.find(2)->authors, std::string("J.K. Rowling, Mary GrandPr\xc3\xa9"));
        QCOMPARE(data.books.find(3)->title, std::string("Say \"Twilight\"\nagain"));
        QCOMPARE(data.books.find(3)->language, std::string("en-US"));
        // Book 4 is rated but not described: a warning, and a readable stand-in title.
        QCOMPARE(result.summary.booksWithoutMetadata, std::int64_t{1});
        QCOMPARE(data.books.displayTitle(4), std::string("Book #4"));
        QCOMPARE(data.books.displayTitle(1), hungerGames->title);
        QVERIFY(!result.warnings.empty());
        QVERIFY(
            QString::fromStdString(result.warnings.front()).contains(QStringLiteral("Book #<id>")));
    }

    void keepDuplicatesKeepsEveryRowInOrder() {
        DatasetLoadConfig config;
        config.keepDuplicates = true;
        const DatasetLoadResult result = loadFixture("good/kaggle_crlf_bom", config);
        QCOMPARE(result.dataset.ratings.size(), std::size_t{6});
        QCOMPARE(result.summary.duplicates.rowsDropped, std::int64_t{0});
        QCOMPARE(rowText(result.dataset.ratings, 0), QStringLiteral("314/1/5"));
        QCOMPARE(rowText(result.dataset.ratings, 3), QStringLiteral("314/1/4"));
    }

    void halfStarsExtraColumnsAndScale() {
        DatasetLoadConfig config;
        config.scale = {0.5f, 5.0f};
        const DatasetLoadResult result = loadFixture("good/gz_half_stars", config);
        QCOMPARE(result.dataset.ratings.size(), std::size_t{4});
        QCOMPARE(result.dataset.ratings.rating[0], 3.5f);
        QCOMPARE(result.dataset.ratings.rating[2], 0.5f);
        QCOMPARE(result.summary.histogramBeforeDedup.countOf(4.5f), std::int64_t{1});
        QVERIFY(result.summary.booksFile.empty()); // no books.csv: a warning, not an error
        QVERIFY(!result.warnings.empty());
        // The default 1..5 scale refuses the 0.5 on line 4.
        try {
            loadFixture("good/gz_half_stars");
            QFAIL("0.5 accepted on a 1..5 scale");
        } catch (const DataError& error) {
            QCOMPARE(error.location().line, std::size_t{4});
            QCOMPARE(error.location().columnName, std::string("rating"));
        }
    }

    void ratingsUseTwelveBytesEach_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<qint64>("rowsRead");
        QTest::newRow("no repeats") << "good/tiny" << qint64{-1};
        // A repeated pair dropped: the three columns must shrink together.
        QTest::newRow("a repeated pair dropped") << "good/kaggle_crlf_bom" << qint64{6};
    }

    void ratingsUseTwelveBytesEach() {
        // columnBytes() and DATA.md's 12 bytes a rating rest on three columns of 4-byte values,
        // one row per rating kept: the types are checked where they are compiled, the lengths on
        // what the loader built, also after it dropped a repeated pair.
        static_assert(sizeof(RatingTable{}.userIndex[0]) == 4);
        static_assert(sizeof(RatingTable{}.bookIndex[0]) == 4);
        static_assert(sizeof(RatingTable{}.rating[0]) == 4);
        QFETCH(QString, fixture);
        QFETCH(qint64, rowsRead);
        const DatasetLoadResult loaded = loadFixture(fixture.toStdString().c_str());
        const RatingTable& table = loaded.dataset.ratings;
        QVERIFY(table.size() > 0);
        if (rowsRead >= 0) {
            QCOMPARE(loaded.summary.rowsRead, rowsRead);
            QVERIFY(loaded.summary.duplicates.rowsDropped > 0);
            QCOMPARE(static_cast<qint64>(table.size()),
                     rowsRead - loaded.summary.duplicates.rowsDropped);
        }
        QCOMPARE(table.userIndex.size(), table.size());
        QCOMPARE(table.bookIndex.size(), table.size());
        QCOMPARE(table.rating.size(), table.size());
        QCOMPARE(table.columnBytes(), 12 * table.size());
    }

    void idIndexDenseAndSparse_data() {
        QTest::addColumn<int>("scale");
        QTest::newRow("dense ids") << 1;
        QTest::newRow("sparse ids") << 1000003;
    }

    void idIndexDenseAndSparse() {
        QFETCH(int, scale);
        std::vector<std::int32_t> raw;
        for (int id : {5, 3, 9, 3, 5, 1})
            raw.push_back(id * scale);
        const IdIndex index = IdIndex::fromRawIds(raw);
        QCOMPARE(index.size(), 4);
        QCOMPARE(index.rawId(0), 1 * scale);
        QCOMPARE(index.rawId(3), 9 * scale);
        QCOMPARE(index.indexOf(5 * scale).value(), 2);
        QVERIFY(!index.indexOf(2 * scale).has_value());
        QVERIFY(!index.indexOf(-1).has_value());
        std::vector<std::int32_t> ids = raw;
        index.toIndicesInPlace(ids);
        QCOMPARE(ids, (std::vector<std::int32_t>{2, 1, 3, 1, 2, 0}));
    }

    void deduplicationCountsPairsAndConflicts() {
        RatingTable table;
        // (user, book, rating): pair (0,0) thrice with one disagreement, (1,1) twice agreeing.
        table.userIndex = {0, 1, 0, 1, 0, 2};
        table.bookIndex = {0, 1, 0, 1, 0, 0};
        table.rating = {5, 3, 5, 3, 2, 4};
        table.users = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3});
        table.books = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2});
        const DuplicateReport report = dropEarlierDuplicates(table);
        QCOMPARE(report.rowsDropped, std::int64_t{3});
        QCOMPARE(report.pairs, std::int64_t{2});
        QCOMPARE(report.conflictingPairs, std::int64_t{1});
        QCOMPARE(table.userIndex, (std::vector<std::int32_t>{1, 0, 2}));
        QCOMPARE(table.rating, (std::vector<float>{3, 2, 4}));
    }

    void countBins_data() {
        QTest::addColumn<QList<qint64>>("counts");
        QTest::addColumn<int>("maxBins");
        QTest::addColumn<QString>("expected"); // low-high:groups, ...
        QTest::newRow("width 1") << QList<qint64>{3, 4, 4, 6} << 10 << "3-3:1 4-4:2 5-5:0 6-6:1";
        QTest::newRow("width 2") << QList<qint64>{2, 3, 4, 5, 9} << 4 << "2-3:2 4-5:2 6-7:0 8-9:1";
        QTest::newRow("one value") << QList<qint64>{7, 7, 7} << 5 << "7-7:3";
        QTest::newRow("last bin partly past max")
            << QList<qint64>{1, 10} << 3 << "1-4:1 5-8:0 9-12:1";
        QTest::newRow("empty") << QList<qint64>{} << 5 << "";
    }

    void countBins() {
        QFETCH(QList<qint64>, counts);
        QFETCH(int, maxBins);
        QFETCH(QString, expected);
        const std::vector<std::int64_t> values(counts.begin(), counts.end());
        QStringList bins;
        std::int64_t total = 0;
        for (const CountBin& bin : binCounts(values, maxBins)) {
            bins << QStringLiteral("%1-%2:%3").arg(bin.low).arg(bin.high).arg(bin.groups);
            total += bin.groups;
        }
        QCOMPARE(bins.join(QLatin1Char(' ')), expected);
        QCOMPARE(total, static_cast<std::int64_t>(values.size()));
        QVERIFY(bins.size() <= maxBins);
    }
};

QTEST_GUILESS_MAIN(TestLoaders)
#include "tst_loaders.moc"
