// Genres and top shelves: the genre list, the choice for one book, and tags.csv/book_tags.csv.
#include "data/BookShelves.h"
#include "data/Dataset.h"
#include "data/GenreShelves.h"
#include "io/DatasetWriter.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;

namespace {

QString fixture(const char* relative) {
    return QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/") + QString::fromLatin1(relative);
}

DatasetLoadResult loadFixture(const char* relative, DatasetLoadConfig config = {}) {
    config.folder = fixture(relative).toStdString();
    return loadDataset(config);
}

QString shelfText(const Shelf& shelf) {
    return shelf.name.empty()
               ? QString()
               : QStringLiteral("%1:%2").arg(QString::fromStdString(shelf.name)).arg(shelf.count);
}

QString shelvesText(const std::vector<Shelf>& shelves) {
    QStringList parts;
    for (const Shelf& shelf : shelves)
        parts << shelfText(shelf);
    return parts.join(QLatin1Char(' '));
}

/// "name:count name:count" as a tag table (ids in order of first appearance) and its rows.
std::pair<TagTable, std::vector<TagCount>> parseShelves(const QString& text) {
    std::vector<std::int32_t> ids;
    std::vector<std::string> names;
    std::vector<TagCount> rows;
    for (const QString& part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const std::string name = part.section(QLatin1Char(':'), 0, 0).toStdString();
        const auto known = std::find(names.begin(), names.end(), name);
        if (known == names.end()) {
            ids.push_back(static_cast<std::int32_t>(names.size()));
            names.push_back(name);
        }
        const auto index =
            static_cast<std::int32_t>(std::find(names.begin(), names.end(), name) - names.begin());
        rows.push_back({index, part.section(QLatin1Char(':'), 1).toLongLong()});
    }
    return {TagTable(ids, names), rows};
}

} // namespace

class TestShelves : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void genreListIsWellFormed() {
        const auto genres = genreList();
        QVERIFY(genres.size() >= 15 && genres.size() <= 25);
        QSet<QString> names;
        QSet<QString> shelves;
        for (std::size_t g = 0; g < genres.size(); ++g) {
            const QString name =
                QString::fromUtf8(genres[g].name.data(), static_cast<int>(genres[g].name.size()));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(genreByName(genres[g].name), static_cast<int>(g));
            QVERIFY(!genres[g].shelves.empty());
            for (std::string_view shelf : genres[g].shelves) {
                const QString text =
                    QString::fromUtf8(shelf.data(), static_cast<int>(shelf.size()));
                QVERIFY2(!shelves.contains(text), qPrintable(text)); // one genre per shelf
                shelves.insert(text);
                QCOMPARE(genreOfShelf(shelf), static_cast<int>(g));
                QVERIFY2(!isNonDescriptiveShelf(shelf), qPrintable(text));
            }
        }
        QCOMPARE(genreOfShelf("to-read"), -1);
        QCOMPARE(genreOfShelf("Fantasy"), -1); // shelf names match exactly
        QCOMPARE(genreByName("No such genre"), -1);
    }

    void nonDescriptiveShelves_data() {
        QTest::addColumn<QString>("shelf");
        QTest::addColumn<bool>("nonDescriptive");
        for (const char* shelf : {"to-read",
                                  "currently-reading",
                                  "favorites",
                                  "owned",
                                  "books-i-own",
                                  "kindle",
                                  "ebook",
                                  "library",
                                  "default",
                                  "audiobook",
                                  "series",
                                  "dnf",
                                  "read-in-2015",
                                  "2014-reads",
                                  "read-2013",
                                  "5-stars",
                                  "3.5-stars",
                                  "five-stars",
                                  "4-star",
                                  "favourites",
                                  "all-time-favorites",
                                  "faves",
                                  "to-buy",
                                  "to-re-read",
                                  "my-books",
                                  "my-library",
                                  "read"})
            QTest::newRow(shelf) << QString::fromLatin1(shelf) << true;
        for (const char* shelf :
             {"fantasy", "young-adult", "fiction", "20th-century", "19th-century", "1001-books",
              "star-wars", "stars", "magic", "harry-potter", "non-fiction", "tolkien", "reading"})
            QTest::newRow(shelf) << QString::fromLatin1(shelf) << false;
    }

    void nonDescriptiveShelves() {
        QFETCH(QString, shelf);
        QFETCH(bool, nonDescriptive);
        QCOMPARE(isNonDescriptiveShelf(shelf.toStdString()), nonDescriptive);
    }

    void genreChoice_data() {
        QTest::addColumn<QString>("shelves"); // name:count ...
        QTest::addColumn<QString>("genre");
        QTest::addColumn<QString>("genreShelf");
        QTest::addColumn<QString>("topShelves");
        QTest::newRow("most-used listed shelf") << "fantasy:50 romance:80 to-read:900 magic:100"
                                                << "Romance"
                                                << "romance:80"
                                                << "magic:100 romance:80 fantasy:50";
        QTest::newRow("alias") << "sci-fi:70 fantasy:60"
                               << "Science fiction"
                               << "sci-fi:70"
                               << "sci-fi:70 fantasy:60";
        QTest::newRow("aliases are not added up") << "sci-fi:40 science-fiction:40 fantasy:60"
                                                  << "Fantasy"
                                                  << "fantasy:60"
                                                  << "fantasy:60 sci-fi:40 science-fiction:40";
        QTest::newRow("tie: genre listed first") << "thriller:40 mystery:40"
                                                 << "Mystery"
                                                 << "mystery:40"
                                                 << "mystery:40 thriller:40";
        QTest::newRow("tie: specific before broad") << "young-adult:30 fantasy:30"
                                                    << "Fantasy"
                                                    << "fantasy:30"
                                                    << "fantasy:30 young-adult:30";
        QTest::newRow("tie within a genre: shelf name") << "science-fiction:40 sci-fi:40"
                                                        << "Science fiction"
                                                        << "sci-fi:40"
                                                        << "sci-fi:40 science-fiction:40";
        QTest::newRow("no listed shelf") << "to-read:100 magic:5"
                                         << ""
                                         << ""
                                         << "magic:5";
        QTest::newRow("count 0 does not count") << "fantasy:0 magic:2"
                                                << ""
                                                << ""
                                                << "magic:2";
        QTest::newRow("reader shelves left out")
            << "to-read:900 currently-reading:50 owned:40 read-in-2015:30 5-stars:20 "
               "favorites:10 fantasy:5"
            << "Fantasy"
            << "fantasy:5"
            << "fantasy:5";
        QTest::newRow("eight top shelves, equal counts by name")
            << "a:1 b:2 c:3 d:4 e:5 f:6 g:7 h:8 j:9 i:9"
            << ""
            << ""
            << "i:9 j:9 h:8 g:7 f:6 e:5 d:4 c:3";
        QTest::newRow("genre shelf below the top eight")
            << "a:10 b:10 c:10 d:10 e:10 f:10 g:10 h:10 poetry:2"
            << "Poetry"
            << "poetry:2"
            << "a:10 b:10 c:10 d:10 e:10 f:10 g:10 h:10";
        QTest::newRow("no shelves") << ""
                                    << ""
                                    << ""
                                    << "";
    }

    void genreChoice() {
        QFETCH(QString, shelves);
        QFETCH(QString, genre);
        QFETCH(QString, genreShelf);
        QFETCH(QString, topShelves);
        const auto [tags, rows] = parseShelves(shelves);
        Book book;
        book.genre = "stale";
        assignShelves(book, rows, tags);
        QCOMPARE(QString::fromStdString(book.genre), genre);
        QCOMPARE(shelfText(book.genreShelf), genreShelf);
        QCOMPARE(shelvesText(book.topShelves), topShelves);
        // The order of the rows must not matter.
        std::vector<TagCount> reversed(rows.rbegin(), rows.rend());
        Book again;
        assignShelves(again, reversed, tags);
        QCOMPARE(again.genre, book.genre);
        QCOMPARE(again.genreShelf, book.genreShelf);
        QCOMPARE(again.topShelves, book.topShelves);
    }

    void repeatedTagsKeepTheLargerCount() {
        RepeatedTagMerger merger(5);
        std::vector<TagCount> shelves{{3, 1}, {1, 5}, {2, 3}, {1, 7}, {1, 6}, {3, 1}};
        const RepeatedTags repeated = merger.merge(shelves);
        QCOMPARE(repeated.tags, std::size_t{2});
        QCOMPARE(repeated.dropped, std::size_t{3});
        QCOMPARE(repeated.firstTag, 1); // tag 1 repeats on the fourth row, tag 3 on the sixth
        QCOMPARE(shelves.size(), std::size_t{3});
        QCOMPARE(shelves[0].tag, 3);
        QCOMPARE(shelves[0].count, std::int64_t{1});
        QCOMPARE(shelves[1].tag, 1);
        QCOMPARE(shelves[1].count, std::int64_t{7});
        QCOMPARE(shelves[2].tag, 2);
        // The merger starts clean for the next book: the same tags are no repeats there.
        std::vector<TagCount> next{{1, 2}, {3, 4}};
        const RepeatedTags none = merger.merge(next);
        QCOMPARE(none.tags, std::size_t{0});
        QCOMPARE(next.size(), std::size_t{2});
    }

    void shelvesFixture() {
        const DatasetLoadResult result = loadFixture("good/shelves");
        const LoadSummary& s = result.summary;
        QVERIFY(QString::fromStdString(s.tagsFile).endsWith(QStringLiteral("/tags.csv")));
        QVERIFY(QString::fromStdString(s.bookTagsFile).endsWith(QStringLiteral("/book_tags.csv")));
        QCOMPARE(s.tags, std::int64_t{11});
        QCOMPARE(s.bookTags.rowsRead, std::int64_t{15});
        QCOMPARE(s.bookTags.unknownCountRows, std::int64_t{1});
        QCOMPARE(s.bookTags.firstUnknownCountLine, std::size_t{15});
        QCOMPARE(s.bookTags.repeatedPairs, std::int64_t{1});
        QCOMPARE(s.bookTags.repeatedRowsDropped, std::int64_t{1});
        QCOMPARE(s.bookTags.repeatedExampleBook, 120);
        QCOMPARE(s.bookTags.repeatedExampleShelf, std::string("magic"));
        QCOMPARE(s.bookTags.unmatchedRows, std::int64_t{1});
        QCOMPARE(s.bookTags.unmatchedIds, std::int64_t{1});
        QCOMPARE(s.bookTags.unmatchedExample, 999);
        QCOMPARE(s.bookTags.booksWithShelves, std::int64_t{3});
        QCOMPARE(s.bookTags.booksWithGenre, std::int64_t{2});

        const BookCatalog& books = result.dataset.books;
        // A genre shelf wins over more-used reader shelves (to-read, owned, read-in-2015).
        QCOMPARE(books.find(10)->genre, std::string("Fantasy"));
        QCOMPARE(shelfText(books.find(10)->genreShelf), QStringLiteral("fantasy:50"));
        QCOMPARE(shelvesText(books.find(10)->topShelves),
                 QStringLiteral("fantasy:50 sci-fi:30 magic:20"));
        // mystery and thriller tie at 40: Mystery is listed first. A quoted name with a comma.
        QCOMPARE(books.find(11)->genre, std::string("Mystery"));
        QCOMPARE(shelvesText(books.find(11)->topShelves),
                 QStringLiteral("cozy, village:45 mystery:40 thriller:40 -:3"));
        // Its fantasy row has count -1 (ignored); magic appears twice (5 and 7: 7 kept).
        QCOMPARE(books.find(12)->genre, std::string());
        QCOMPARE(shelfText(books.find(12)->genreShelf), QString());
        QCOMPARE(shelvesText(books.find(12)->topShelves), QStringLiteral("magic:7"));

        QStringList warnings;
        for (const std::string& warning : result.warnings)
            warnings << QString::fromStdString(warning);
        QCOMPARE(warnings.size(), 3);
        QVERIFY(
            warnings.at(0).startsWith(QStringLiteral("book_tags.csv: 1 rows have the count -1")));
        QVERIFY(warnings.at(0).contains(QStringLiteral("line 15")));
        QVERIFY(warnings.at(1).contains(QStringLiteral("the larger count is kept")));
        QVERIFY(warnings.at(1).contains(QStringLiteral("shelf 'magic'")));
        QVERIFY(warnings.at(2).contains(QStringLiteral("no book in books.csv has (e.g. 999)")));

        const auto genres = countGenres(books);
        QCOMPARE(genres.size(), std::size_t{2});
        QCOMPARE(genres[0], (std::pair<std::string, std::int64_t>{"Fantasy", 1}));
        QCOMPARE(genres[1], (std::pair<std::string, std::int64_t>{"Mystery", 1}));
    }

    void kaggleBooksJoinOnTheGoodreadsId() {
        const DatasetLoadResult result = loadFixture("good/shelves_kaggle_gz");
        const BookCatalog& books = result.dataset.books;
        QVERIFY(QString::fromStdString(result.summary.tagsFile).endsWith(QStringLiteral(".gz")));
        QCOMPARE(books.find(1)->genre, std::string("Young adult")); // Goodreads 2767052
        QCOMPARE(books.find(2)->genre, std::string("Fantasy"));     // Goodreads 3
        QCOMPARE(books.find(3)->genre, std::string("Paranormal"));  // vampires ties romance
        QCOMPARE(shelvesText(books.find(2)->topShelves),
                 QStringLiteral("fantasy:200 young-adult:150"));
        // Goodreads id 2 is book 2's `id`, not a Goodreads id: that row is not joined.
        QCOMPARE(result.summary.bookTags.unmatchedRows, std::int64_t{1});
        QCOMPARE(result.summary.bookTags.unmatchedExample, 2);
        QCOMPARE(books.find(4), nullptr); // rated, not described: no book, so no genre
    }

    void optionalFiles_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("warning"); // empty: no warning about shelves
        QTest::newRow("neither") << "good/tiny"
                                 << "";
        QTest::newRow("tags.csv alone") << "good/tags_only"
                                        << "tags.csv without book_tags.csv";
        QTest::newRow("book_tags.csv alone") << "good/book_tags_only"
                                             << "book_tags.csv without tags.csv";
        QTest::newRow("no books.csv") << "good/shelves_without_books"
                                      << "without books.csv there are no genres or shelves";
    }

    void optionalFiles() {
        QFETCH(QString, folder);
        QFETCH(QString, warning);
        const DatasetLoadResult result = loadFixture(qPrintable(folder));
        QVERIFY(result.summary.tagsFile.empty());
        QVERIFY(result.summary.bookTagsFile.empty());
        QCOMPARE(result.summary.bookTags.rowsRead, std::int64_t{0});
        for (const Book& book : result.dataset.books.books()) {
            QVERIFY(book.genre.empty());
            QVERIFY(book.topShelves.empty());
        }
        QStringList about;
        for (const std::string& text : result.warnings)
            if (QString::fromStdString(text).contains(QStringLiteral("tags.csv")))
                about << QString::fromStdString(text);
        if (warning.isEmpty()) {
            QVERIFY2(about.isEmpty(), qPrintable(about.join(QLatin1Char('\n'))));
        } else {
            QCOMPARE(about.size(), 1);
            QVERIFY2(about.front().contains(warning), qPrintable(about.front()));
        }
    }

    void shelvesCanBeLeftUnread() {
        DatasetLoadConfig config;
        config.loadShelves = false;
        const DatasetLoadResult result = loadFixture("good/shelves", config);
        QVERIFY(result.summary.bookTagsFile.empty());
        QVERIFY(result.dataset.books.find(10)->genre.empty());
        QVERIFY(result.warnings.empty());
    }

    void writtenShelvesLoadBack() {
        DatasetLoadResult loaded = loadFixture("good/shelves");
        Dataset& dataset = loaded.dataset;
        // Book 10: the genre shelf falls outside the top eight, so it is written on its own.
        const auto [tags, rows] =
            parseShelves(QStringLiteral("a:10 b:10 c:10 d:10 e:10 f:10 g:10 h:10 i:10 poetry:2"));
        Book& book = dataset.books.bookAt(0);
        QCOMPARE(book.id, 10);
        assignShelves(book, rows, tags);
        QCOMPARE(book.genre, std::string("Poetry"));
        QTemporaryDir dir;
        writeDataset(dataset, dir.path().toStdString());
        DatasetLoadConfig config;
        config.folder = dir.path().toStdString();
        const DatasetLoadResult again = loadDataset(config);
        QVERIFY(again.warnings.empty());
        QCOMPARE(again.dataset.books.size(), dataset.books.size());
        for (const Book& original : dataset.books.books()) {
            const Book* reloaded = again.dataset.books.find(original.id);
            QVERIFY(reloaded != nullptr);
            QCOMPARE(reloaded->genre, original.genre);
            QCOMPARE(reloaded->genreShelf, original.genreShelf);
            QCOMPARE(reloaded->topShelves, original.topShelves);
        }
        // A data set without shelves written over it takes the old shelf files away.
        for (std::size_t p = 0; p < dataset.books.size(); ++p)
            assignShelves(dataset.books.bookAt(p), {}, tags);
        writeDataset(dataset, dir.path().toStdString());
        QVERIFY(!QDir(dir.path()).exists(QStringLiteral("tags.csv")));
        QVERIFY(!QDir(dir.path()).exists(QStringLiteral("book_tags.csv")));
    }
};

QTEST_GUILESS_MAIN(TestShelves)
#include "tst_shelves.moc"
