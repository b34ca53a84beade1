#include "maps/BookAttributes.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

/// Books 1-6: genres, languages, ratings, counts and years; book 7 is not in the catalogue.
BookCatalog catalogue() {
    struct Row {
        const char* genre;
        const char* language;
        float average;
        std::int64_t count;
        int year;
    };
    const Row rows[] = {{"Fantasy", "eng", 4.0f, 999, 1997}, {"Fantasy", "en-US", 3.5f, 9, 2001},
                        {"Romance", "fre", 3.0f, 99, 1813},  {"Classics", "", 4.5f, 0, -1750},
                        {"", "en-GB", 2.0f, 9999, 2010},     {"Romance", "xyz", 5.0f, 99999, 1950}};
    BookCatalog books;
    for (int id = 1; id <= 6; ++id) {
        const Row& row = rows[id - 1];
        Book book;
        book.id = id;
        book.title = "Book " + std::to_string(id);
        book.genre = row.genre;
        book.language = row.language;
        book.averageRating = row.average;
        book.ratingsCount = row.count;
        book.year = row.year;
        books.add(book);
    }
    return books;
}

const std::vector<std::int32_t> kIds{1, 2, 3, 4, 5, 6, 7};

} // namespace

class TestBookAttributes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void genresAreCategoriesMostBooksFirst() {
        const CategoricalValues genres =
            categoricalAttribute(catalogue(), kIds, BookAttribute::Genre);
        // Fantasy 2, Romance 2 (ties by name), Classics 1; book 5 has none, book 7 no entry.
        QCOMPARE(genres.labels, (std::vector<std::string>{"Fantasy", "Romance", "Classics"}));
        QCOMPARE(genres.counts, (std::vector<std::int32_t>{2, 2, 1}));
        QCOMPARE(genres.codes, (std::vector<std::int32_t>{0, 0, 1, 2, -1, 1, -1}));
        QCOMPARE(genres.unknown, 2);
    }

    void extraCategoriesMergeIntoOther() {
        const CategoricalValues genres =
            categoricalAttribute(catalogue(), kIds, BookAttribute::Genre, 2);
        QCOMPARE(genres.labels, (std::vector<std::string>{"Fantasy", "Other"}));
        QCOMPARE(genres.counts, (std::vector<std::int32_t>{2, 3}));
        QCOMPARE(genres.codes, (std::vector<std::int32_t>{0, 0, 1, 1, -1, 1, -1}));
    }

    void englishVariantsAreOneLanguage() {
        const CategoricalValues languages =
            categoricalAttribute(catalogue(), kIds, BookAttribute::Language);
        QCOMPARE(languages.labels, (std::vector<std::string>{"English", "French", "xyz"}));
        QCOMPARE(languages.counts, (std::vector<std::int32_t>{3, 1, 1}));
        QCOMPARE(languages.unknown, 2); // book 4 has no code, book 7 no entry
        QCOMPARE(languageName("en-CA"), std::string("English"));
        QCOMPARE(languageName("ger"), std::string("German"));
    }

    void numbersKnowWhatIsUnknown_data() {
        QTest::addColumn<int>("attribute");
        QTest::addColumn<int>("unknown");
        QTest::addColumn<float>("min");
        QTest::addColumn<float>("max");
        QTest::newRow("average rating")
            << static_cast<int>(BookAttribute::AverageRating) << 1 << 2.0f << 5.0f;
        QTest::newRow("popularity (no ratings count is unknown)")
            << static_cast<int>(BookAttribute::Popularity) << 2 << 1.0f << 5.0f;
        QTest::newRow("year") << static_cast<int>(BookAttribute::Year) << 1 << -1750.0f << 2010.0f;
    }

    void numbersKnowWhatIsUnknown() {
        QFETCH(int, attribute);
        QFETCH(int, unknown);
        QFETCH(float, min);
        QFETCH(float, max);
        const NumericValues values =
            numericAttribute(catalogue(), kIds, static_cast<BookAttribute>(attribute));
        QCOMPARE(values.values.size(), kIds.size());
        QVERIFY(std::isnan(values.values.back())); // book 7
        QCOMPARE(values.unknown, unknown);
        QVERIFY(std::abs(values.min - min) < 1e-5f);
        QVERIFY(std::abs(values.max - max) < 1e-5f);
        QVERIFY(values.low >= values.min && values.high <= values.max);
        QVERIFY(values.low < values.high);
    }

    void theColourRangeLeavesOutliers() {
        // 100 years from 1900 to 1999 and one of -1750: the scale spans the 2nd..98th percentile.
        BookCatalog books;
        std::vector<std::int32_t> ids;
        for (int i = 0; i <= 100; ++i) {
            Book book;
            book.id = i + 1;
            book.title = "t";
            book.year = i == 100 ? -1750 : 1900 + i;
            books.add(book);
            ids.push_back(book.id);
        }
        const NumericValues years = numericAttribute(books, ids, BookAttribute::Year);
        QCOMPARE(years.min, -1750.0f);
        QVERIFY(years.low >= 1900.0f);
        QVERIFY(years.high <= 1999.0f && years.high >= 1990.0f);
    }
};

QTEST_APPLESS_MAIN(TestBookAttributes)
#include "tst_bookattributes.moc"
