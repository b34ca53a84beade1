// Checks on the real goodbooks-10k files, read from $SHELFSCOPE_DATA (CI sets it).
#include "data/Dataset.h"
#include "split/Split.h"

#include <QTest>

using namespace shelfscope;

class TestGoodbooks : public QObject {
    Q_OBJECT

    QString folder_;

private Q_SLOTS:
    void initTestCase() {
        folder_ = qEnvironmentVariable("SHELFSCOPE_DATA");
        if (folder_.isEmpty())
            QSKIP("SHELFSCOPE_DATA is not set: the real-data checks need the goodbooks-10k folder");
    }

    void loadSummaryMatchesProvenance() {
        DatasetLoadConfig config;
        config.folder = folder_.toStdString();
        const DatasetLoadResult result = loadDataset(config);
        const LoadSummary& s = result.summary;
        QCOMPARE(s.rowsRead, std::int64_t{981756});
        QCOMPARE(s.duplicates.rowsDropped, std::int64_t{2278});
        QCOMPARE(s.duplicates.pairs, std::int64_t{2209});
        QCOMPARE(s.duplicates.conflictingPairs, std::int64_t{633});
        QCOMPARE(s.ratingsKept, std::int64_t{979478});
        QCOMPARE(s.users, 53424);
        QCOMPARE(s.books, 10000);
        QCOMPARE(s.booksWithoutMetadata, std::int64_t{0});
        QCOMPARE(s.toReadEntries, std::int64_t{912705});
        QCOMPARE(s.ratingsHeader, RatingsHeader::BookUserRating);
        QCOMPARE(s.booksHeader, BooksHeader::Kaggle);
        const std::int64_t expected[] = {19575, 63231, 248623, 357366, 292961};
        QCOMPARE(s.histogramBeforeDedup.counts.size(), std::size_t{5});
        for (int star = 1; star <= 5; ++star)
            QCOMPARE(s.histogramBeforeDedup.countOf(static_cast<float>(star)), expected[star - 1]);
        QCOMPARE(result.dataset.books.size(), std::size_t{10000});
        QCOMPARE(result.dataset.books.displayTitle(1),
                 std::string("The Hunger Games (The Hunger Games, #1)"));
        QCOMPARE(result.dataset.books.find(1)->goodreadsId, 2767052);
        QVERIFY(result.warnings.empty());
    }

    void notebookSplitRowForRow() {
        DatasetLoadConfig config;
        config.folder = folder_.toStdString();
        config.keepDuplicates = true; // the notebook split the raw file
        config.loadToRead = false;
        const DatasetLoadResult result = loadDataset(config);
        const RatingTable& table = result.dataset.ratings;
        QCOMPARE(table.size(), std::size_t{981756});
        const RowSplit split = notebookSplit(table.size());
        QCOMPARE(split.testRows.size(), std::size_t{196352});
        QCOMPARE(split.trainRows.size(), std::size_t{785404});

        struct Expected {
            std::int32_t row, book, user;
            float rating;
        };
        const Expected testHead[] = {{646451, 6495, 19643, 5},
                                     {614851, 6175, 8563, 4},
                                     {974393, 9920, 52110, 3},
                                     {21471, 215, 33864, 5},
                                     {272540, 2728, 16587, 3}};
        for (std::size_t i = 0; i < 5; ++i) {
            const auto row = static_cast<std::size_t>(split.testRows[i]);
            QCOMPARE(split.testRows[i], testHead[i].row);
            QCOMPARE(table.books.rawId(table.bookIndex[row]), testHead[i].book);
            QCOMPARE(table.users.rawId(table.userIndex[row]), testHead[i].user);
            QCOMPARE(table.rating[row], testHead[i].rating);
        }
        const std::int32_t trainHead[] = {341848, 964349, 645459, 74960, 358670};
        for (std::size_t i = 0; i < 5; ++i)
            QCOMPARE(split.trainRows[i], trainHead[i]);
    }
};

QTEST_GUILESS_MAIN(TestGoodbooks)
#include "tst_goodbooks.moc"
