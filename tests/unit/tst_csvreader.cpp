#include "io/CsvReader.h"
#include "io/DataError.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <zlib.h>

using namespace shelfscope;

namespace {

std::string writeFile(const QTemporaryDir& dir, const std::string& name, const QByteArray& bytes,
                      bool compress) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    if (compress) {
        gzFile file = gzopen(path.c_str(), "wb");
        gzwrite(file, bytes.constData(), static_cast<unsigned>(bytes.size()));
        gzclose(file);
    } else {
        std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
    }
    return path;
}

/// Records as "line:field|field|..." joined by newlines.
QString readAll(const std::string& path, std::size_t bufferBytes) {
    CsvReader reader(path, bufferBytes);
    QStringList records;
    while (reader.next()) {
        QStringList fields;
        for (std::size_t i = 0; i < reader.fieldCount(); ++i)
            fields << QString::fromUtf8(reader.field(i).data(),
                                        static_cast<qsizetype>(reader.field(i).size()));
        records << QString::number(reader.line()) + QLatin1Char(':') +
                       fields.join(QLatin1Char('|'));
    }
    return records.join(QLatin1Char('\n'));
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lf") << QByteArray("a,b\n1,2\n") << QStringLiteral("1:a|b\n2:1|2");
        QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << QStringLiteral("1:a|b\n2:1|2");
        QTest::newRow("cr only") << QByteArray("a,b\r1,2\r") << QStringLiteral("1:a|b\n2:1|2");
        QTest::newRow("no final newline")
            << QByteArray("a,b\n1,2") << QStringLiteral("1:a|b\n2:1|2");
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                           "a,b\n1,2\n")
                             << QStringLiteral("1:a|b\n2:1|2");
        QTest::newRow("blank lines skipped, numbering kept")
            << QByteArray("a,b\n\n\r\n1,2\n\n") << QStringLiteral("1:a|b\n4:1|2");
        QTest::newRow("empty fields") << QByteArray(",\n,x,\n") << QStringLiteral("1:|\n2:|x|");
        QTest::newRow("quoted comma")
            << QByteArray("t\n\"Hunger Games, #1\"\n") << QStringLiteral("1:t\n2:Hunger Games, #1");
        QTest::newRow("escaped quotes")
            << QByteArray("t,u\n\"Say \"\"hi\"\"\",x\n") << QStringLiteral("1:t|u\n2:Say \"hi\"|x");
        QTest::newRow("quoted newline counts lines")
            << QByteArray("t,u\r\n\"two\r\nlines\",x\r\nlast,y\r\n")
            << QStringLiteral("1:t|u\n2:two\r\nlines|x\n4:last|y");
        QTest::newRow("quoted at end of file")
            << QByteArray("t\n\"q\"") << QStringLiteral("1:t\n2:q");
        QTest::newRow("quote inside unquoted field is text")
            << QByteArray("t\nab\"c\n") << QStringLiteral("1:t\n2:ab\"c");
        QTest::newRow("empty quoted field")
            << QByteArray("a,b\n\"\",\"\"\n") << QStringLiteral("1:a|b\n2:|");
        QTest::newRow("utf8 text")
            << QByteArray("a\nGrandPr\xC3\xA9\n") << QStringLiteral("1:a\n2:GrandPr\u00e9");
        QTest::newRow("tab is text") << QByteArray("a\nx\ty\n") << QStringLiteral("1:a\n2:x\ty");
        QTest::newRow("only blank lines") << QByteArray("\n\r\n\n") << QString();
    }

    void parses() {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        // Every case four ways: plain and gzip, with a tiny buffer that forces a refill inside
        // nearly every record and with the default one.
        for (bool compress : {false, true}) {
            const std::string path =
                writeFile(dir, compress ? "in.csv.gz" : "in.csv", input, compress);
            for (std::size_t buffer : {std::size_t{16}, std::size_t{1} << 20})
                QCOMPARE(readAll(path, buffer), expected);
        }
    }

    void rejects_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("nul byte") << QByteArray("a,b\n1,\0002\n", 9)
                                  << QStringLiteral(
                                         ":2: column 2: binary data (control byte 0x00)");
        QTest::newRow("control byte in quotes")
            << QByteArray("a\n\"x\x01\"\n")
            << QStringLiteral(":2: column 1: binary data (control byte 0x01)");
        QTest::newRow("unterminated quote")
            << QByteArray("a,b\n1,\"2\n3,4\n")
            << QStringLiteral(":2: column 2: a quoted field is never closed");
        QTest::newRow("text after quote")
            << QByteArray("a,b\n\"1\"2,3\n")
            << QStringLiteral(":2: column 1: unexpected text after a closing quote: '2,3'");
    }

    void rejects() {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "in.csv", input, false);
        for (std::size_t buffer : {std::size_t{16}, std::size_t{1} << 20}) {
            try {
                readAll(path, buffer);
                QFAIL("no error");
            } catch (const DataError& error) {
                const QString text = QString::fromStdString(error.what());
                QVERIFY2(text.startsWith(QString::fromStdString(path) + message), qPrintable(text));
            }
        }
    }

    void refusesARecordLongerThanTheLimit_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("line"); // 0: the file reads whole
        const QByteArray longText(300, 'x');
        QTest::newRow("no line end") << QByteArray("a,b\n1,2\n") + longText << 3;
        QTest::newRow("after blank lines") << QByteArray("a,b\n1,2\n\n\r\n\r\n") + longText + "\n"
                                           << 6;
        QTest::newRow("a quote never closed") << QByteArray("a,b\n1,\"") + longText + "\n3,4\n"
                                              << 2;
        QTest::newRow("just within the limit")
            << QByteArray("a,b\n1,") + QByteArray(200, 'y') + "\n2,3\n"
            << 0;
    }

    void refusesARecordLongerThanTheLimit() {
        QFETCH(QByteArray, input);
        QFETCH(int, line);
        QTemporaryDir dir;
        for (bool compress : {false, true}) {
            const std::string path =
                writeFile(dir, compress ? "in.csv.gz" : "in.csv", input, compress);
            for (std::size_t buffer : {std::size_t{16}, std::size_t{64}}) {
                CsvReader reader(path, buffer, 256);
                try {
                    int records = 0;
                    while (reader.next())
                        ++records;
                    QVERIFY2(line == 0, "a record longer than the limit was read");
                    QCOMPARE(records, 3);
                } catch (const DataError& error) {
                    QVERIFY2(line != 0, error.what());
                    QCOMPARE(error.location().line, static_cast<std::size_t>(line));
                    QCOMPARE(error.problem(),
                             std::string("a line longer than 256 bytes (no line end, or a quote "
                                         "never closed): not a data file of this kind"));
                }
            }
        }
    }

    void reportsLineOfTruncation() {
        QByteArray text = "a,b\n";
        for (int i = 0; i < 50000; ++i)
            text += QByteArray::number(i) + ",x\n";
        const QByteArray compressed = [&] {
            uLongf size = compressBound(static_cast<uLong>(text.size())) + 64;
            QByteArray out(static_cast<qsizetype>(size), '\0');
            z_stream stream{};
            deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
            stream.next_in = reinterpret_cast<Bytef*>(text.data());
            stream.avail_in = static_cast<uInt>(text.size());
            stream.next_out = reinterpret_cast<Bytef*>(out.data());
            stream.avail_out = static_cast<uInt>(out.size());
            deflate(&stream, Z_FINISH);
            out.resize(static_cast<qsizetype>(stream.total_out));
            deflateEnd(&stream);
            return out;
        }();
        QTemporaryDir dir;
        const std::string path =
            writeFile(dir, "cut.csv.gz", compressed.left(compressed.size() / 2), false);
        CsvReader reader(path);
        std::size_t lastLine = 0;
        try {
            while (reader.next())
                lastLine = reader.line();
            QFAIL("no error");
        } catch (const DataError& error) {
            QVERIFY(error.problem().find("truncated") != std::string::npos);
            // The error names the line right after the last one that arrived whole.
            QCOMPARE(error.location().line, lastLine + 1);
            QVERIFY(lastLine > 1000);
        }
    }

    void unreadablePaths() {
        QTemporaryDir dir;
        try {
            CsvReader reader(dir.filePath(QStringLiteral("missing.csv")).toStdString());
            QFAIL("no error");
        } catch (const DataError& error) {
            QVERIFY(QString::fromUtf8(error.what())
                        .endsWith(QStringLiteral(
                            "missing.csv: cannot open file: no such file or directory")));
        }
        try {
            CsvReader reader(dir.path().toStdString());
            QFAIL("no error");
        } catch (const DataError& error) {
            QVERIFY(QString::fromUtf8(error.what()).contains(QStringLiteral("it is a directory")));
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
