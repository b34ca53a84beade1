#include "recommend/ReaderShelves.h"

#include <QTest>

using namespace shelfscope;

namespace {

/// Readers 7, 10 and 20; books 1 to 6 (book 6 is not in books.csv). Reader 10 rated five
/// books with ties, reader 20 one, reader 7 one; reader 10 wants to read books 5 and 3.
Dataset library() {
    Dataset dataset;
    dataset.name = "shelves";
    RatingTable& t = dataset.ratings;
    t.users = IdIndex::fromRawIds(std::vector<std::int32_t>{7, 10, 20});
    t.books = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3, 4, 5, 6});
    // Rows in no particular order: the shelf must not depend on it.
    t.userIndex = {1, 2, 1, 1, 0, 1, 1};
    t.bookIndex = {3, 0, 1, 0, 2, 5, 2};
    t.rating = {4, 3, 5, 4, 1, 2, 5};
    dataset.toRead.userIndex = {1, 1};
    dataset.toRead.bookIndex = {4, 2};
    const char* genres[] = {"Fantasy", "Fantasy", "Romance", "Romance", "Fantasy"};
    for (int id = 1; id <= 5; ++id) {
        Book book;
        book.id = id;
        book.title = "Title " + std::to_string(id);
        book.genre = id == 4 ? std::string() : std::string(genres[id - 1]);
        dataset.books.add(book);
    }
    return dataset;
}

} // namespace

class TestReaderShelves : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void summarisesEveryReader() {
        const Dataset dataset = library();
        const ReaderShelves shelves(dataset);
        QCOMPARE(shelves.readers().size(), std::size_t{3});
        QCOMPARE(shelves.readers()[0].userId, 7);
        const auto reader = shelves.find(10);
        QVERIFY(reader);
        QCOMPARE(reader->ratings, 5);
        QCOMPARE(reader->toRead, 2);
        QCOMPARE(reader->meanRating, 4.0f); // (4 + 5 + 4 + 2 + 5) / 5
        QVERIFY(!shelves.find(99));
        QVERIFY(!shelves.knows(99));
        QVERIFY(shelves.rated(99).empty());
    }

    void theShelfListsHighestRatedFirst() {
        const Dataset dataset = library();
        const ReaderShelves shelves(dataset);
        const std::vector<ShelfEntry> rated = shelves.rated(10);
        QCOMPARE(rated.size(), std::size_t{5});
        const std::vector<std::int32_t> order{2, 3, 1, 4, 6}; // 5, 5, 4, 4, 2 stars; ties by id
        for (std::size_t i = 0; i < rated.size(); ++i)
            QCOMPARE(rated[i].bookId, order[i]);
        QCOMPARE(rated[0].rating, 5.0f);
        QCOMPARE(rated[4].rating, 2.0f);
        QCOMPARE(shelves.toRead(10), (std::vector<std::int32_t>{3, 5}));
        QVERIFY(shelves.toRead(20).empty());
    }

    void topGenresCountTheRatedBooksThatHaveOne() {
        const Dataset dataset = library();
        const ReaderShelves shelves(dataset);
        // Reader 10: books 1 (Fantasy), 2 (Fantasy), 3 (Romance), 4 (none), 6 (not in books.csv).
        const std::vector<GenreCount> genres = shelves.topGenres(10);
        QCOMPARE(genres.size(), std::size_t{2});
        QCOMPARE(genres[0].genre, std::string("Fantasy"));
        QCOMPARE(genres[0].books, 2);
        QCOMPARE(genres[1].genre, std::string("Romance"));
        QCOMPARE(genres[1].books, 1);
        QCOMPARE(shelves.topGenres(10, 1).size(), std::size_t{1});
        // Ties are broken by name.
        const std::vector<GenreCount> tied = countGenres(dataset.books, {3, 5});
        QCOMPARE(tied.size(), std::size_t{2});
        QCOMPARE(tied[0].genre, std::string("Fantasy"));
    }
};

QTEST_APPLESS_MAIN(TestReaderShelves)
#include "tst_readershelves.moc"
