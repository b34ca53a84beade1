#include "io/DataError.h"
#include "recommend/ShelfFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;

namespace {

const QString kShelves = QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/shelves/");

/// The data set the fixtures are read against: books 1, 2, 3 and 25 have ratings.
ShelfFileReadConfig configFor(const QString& file, const IdIndex& books) {
    ShelfFileReadConfig config;
    config.path = (kShelves + file).toStdString();
    config.scale = {1.0f, 5.0f};
    config.books = &books;
    config.datasetName = "shelf-test";
    return config;
}

IdIndex books() {
    return IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3, 25});
}

} // namespace

class TestShelfFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAShelfInFileOrder_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<RatedBooks>("expected");
        QTest::newRow("plain") << "good.csv" << RatedBooks{{2, 5.0f}, {25, 4.0f}, {1, 1.0f}};
        // Columns in either order, a byte-order mark, CRLF line ends and a blank line.
        QTest::newRow("swapped, CRLF, BOM")
            << "good_swapped_crlf_bom.csv" << RatedBooks{{2, 5.0f}, {3, 4.0f}};
    }
    void readsAShelfInFileOrder() {
        QFETCH(QString, file);
        QFETCH(RatedBooks, expected);
        const IdIndex known = books();
        const ShelfFileContents contents = readShelfFile(configFor(file, known));
        QCOMPARE(contents.ratings, expected);
    }

    void badFilesNameFileLineAndProblem_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("problem");
        const auto row = [](const char* file, int line, const char* problem) {
            QTest::newRow(file) << QString::fromLatin1(file) << line
                                << QString::fromLatin1(problem);
        };
        row("empty.csv", 0, "the file is empty (expected a header line such as 'book_id,rating')");
        row("header_only.csv", 0, "the file has a header but no rated books");
        row("missing_header.csv", 1, "missing header: the first line holds data");
        row("wrong_header.csv", 1, "unknown header: no column named 'book_id'");
        row("extra_column.csv", 1, "exactly the columns 'book_id' and 'rating', found 3 columns");
        row("wrong_field_count.csv", 3,
            "wrong number of fields: expected 2 as in the header, "
            "found 1: '25'");
        row("fractional_id.csv", 2, "column 1 (book_id): id is not a whole number: '2.5'");
        row("zero_id.csv", 3, "column 1 (book_id): id must be a positive integer");
        row("non_numeric_rating.csv", 2, "column 2 (rating): rating is not a number: 'five'");
        row("half_star.csv", 2,
            "column 2 (rating): rating must be a whole number of stars from 1 to 5: '3.5'");
        row("rating_out_of_scale.csv", 3,
            "column 2 (rating): rating must be a whole number of stars from 1 to 5: '6'");
        row("unknown_book.csv", 3,
            "column 1 (book_id): book 99 is not in the data set 'shelf-test' (no reader rated "
            "it): '99'");
        row("duplicate_book.csv", 4,
            "column 1 (book_id): duplicate book id (first seen on line 2): '2'");
        row("unterminated_quote.csv", 2, "quoted field is never closed");
        row("binary.csv", 1, "binary data");
    }
    void badFilesNameFileLineAndProblem() {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        const IdIndex known = books();
        QString where = kShelves + file;
        if (line > 0)
            where += QLatin1Char(':') + QString::number(line);
        where += QLatin1String(": ");
        try {
            readShelfFile(configFor(file, known));
            QFAIL("the file was accepted");
        } catch (const DataError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.startsWith(where), qPrintable(message));
            QVERIFY2(message.contains(problem), qPrintable(message));
        }
    }

    void aMissingFileIsNamed() {
        const IdIndex known = books();
        try {
            readShelfFile(configFor(QStringLiteral("no_such_shelf.csv"), known));
            QFAIL("a missing file was accepted");
        } catch (const DataError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.startsWith(kShelves + QStringLiteral("no_such_shelf.csv: ")),
                     qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("no such file")), qPrintable(message));
        }
    }

    void writingThenReadingGivesTheSameShelf_data() {
        QTest::addColumn<RatedBooks>("shelf");
        QTest::newRow("one book") << RatedBooks{{25, 3.0f}};
        QTest::newRow("added out of id order") << RatedBooks{{25, 1.0f}, {2, 5.0f}, {3, 4.0f}};
        QTest::newRow("every star") << RatedBooks{{1, 1.0f}, {2, 2.0f}, {3, 3.0f}, {25, 5.0f}};
    }
    void writingThenReadingGivesTheSameShelf() {
        QFETCH(RatedBooks, shelf);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("shelf.csv")).toStdString();
        writeShelfFile(path, shelf);
        const IdIndex known = books();
        ShelfFileReadConfig config = configFor(QString(), known);
        config.path = path;
        QCOMPARE(readShelfFile(config).ratings, shelf);
        // Nothing but the file itself is left behind (the temporary was renamed into place).
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("shelf.csv")});
    }

    void aFileThatCannotBeWrittenIsNamed() {
        const std::string path = "/nonexistent-folder-shelfscope/shelf.csv";
        try {
            writeShelfFile(path, {{1, 5.0f}});
            QFAIL("writing into a missing folder succeeded");
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString::fromStdString(error.what()).startsWith(QString::fromStdString(path)),
                     error.what());
        }
    }
};

QTEST_MAIN(TestShelfFile)
#include "tst_shelffile.moc"
