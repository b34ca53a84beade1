// shelfscope-cli's reading commands on a trained model: recommend and similar (by title, with
// reasons, for a known or a new reader), map (PCA, t-SNE, UMAP on small models), a data set
// without books.csv, and unknown ids refused. Training, import and export: tst_cli.
#include "CliRunner.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

namespace {

QString fixture(const QString& relative) {
    return QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/") + relative;
}

} // namespace

class TestCliRecommend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recommendAndSimilar() {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const QString model = dir.filePath(QStringLiteral("model.ssm"));
        const Run train = generateAndTrain(library, model, QStringLiteral("tuned-dot"), 3);
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        // Reader 1's rated and to-read books, from the generated files.
        QSet<int> rated;
        QSet<int> toRead;
        for (const auto& [file, into] : {std::pair{QStringLiteral("/ratings.csv"), &rated},
                                         std::pair{QStringLiteral("/to_read.csv"), &toRead}}) {
            QFile csv(library + file);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            csv.readLine();
            while (!csv.atEnd()) {
                const QList<QByteArray> fields = csv.readLine().trimmed().split(',');
                if (fields.value(0).toInt() == 1)
                    into->insert(fields.value(1).toInt());
            }
        }
        QVERIFY(!rated.isEmpty());
        const Run recommended =
            runCli({QStringLiteral("recommend"), QStringLiteral("--model"), model,
                    QStringLiteral("--user"), QStringLiteral("1"),
                    QStringLiteral("--exclude-to-read"), QStringLiteral("--json")});
        QCOMPARE(recommended.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(recommended.out.toUtf8()).object();
        const QJsonArray items = json.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 10);
        QCOMPARE(json.value(QStringLiteral("rated_excluded")).toInt(), rated.size());
        double previous = 1e9;
        for (const QJsonValue& item : items) {
            const int book = item.toObject().value(QStringLiteral("book_id")).toInt();
            QVERIFY2(!rated.contains(book), "a rated book was recommended");
            QVERIFY2(!toRead.contains(book), "a to-read book was recommended");
            const double predicted =
                item.toObject().value(QStringLiteral("predicted_rating")).toDouble();
            QVERIFY(predicted <= previous);
            previous = predicted;
            QVERIFY(!item.toObject().value(QStringLiteral("title")).toString().isEmpty());
        }

        const Run newReader = runCli({QStringLiteral("recommend"), QStringLiteral("--model"), model,
                                      QStringLiteral("--ratings"), QStringLiteral("1:5,2:4,3:1"),
                                      QStringLiteral("--top"), QStringLiteral("5")});
        QCOMPARE(newReader.exitCode, 0);
        QVERIFY(newReader.out.contains(QStringLiteral("Top 5 for a new reader with 3 rating(s)")));

        const Run similar =
            runCli({QStringLiteral("similar"), QStringLiteral("--model"), model,
                    QStringLiteral("--book"), QStringLiteral("7"), QStringLiteral("--top"),
                    QStringLiteral("4"), QStringLiteral("--json")});
        QCOMPARE(similar.exitCode, 0);
        const QJsonArray near = QJsonDocument::fromJson(similar.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("similar"))
                                    .toArray();
        QCOMPARE(near.size(), 4);
        for (const QJsonValue& item : near)
            QVERIFY(item.toObject().value(QStringLiteral("book_id")).toInt() != 7);

        for (const QString& method :
             {QStringLiteral("pca"), QStringLiteral("tsne"), QStringLiteral("umap")}) {
            const QString out = dir.filePath(method + QStringLiteral(".csv"));
            QStringList arguments{QStringLiteral("map"),
                                  QStringLiteral("--model"),
                                  model,
                                  QStringLiteral("--method"),
                                  method,
                                  QStringLiteral("--normalize"),
                                  QStringLiteral("--out"),
                                  out,
                                  QStringLiteral("--json")};
            if (method == QLatin1String("umap"))
                arguments << QStringLiteral("--neighbors") << QStringLiteral("10")
                          << QStringLiteral("--min-dist") << QStringLiteral("0.2")
                          << QStringLiteral("--epochs") << QStringLiteral("100")
                          << QStringLiteral("--seed") << QStringLiteral("3");
            else
                arguments << QStringLiteral("--perplexity") << QStringLiteral("10")
                          << QStringLiteral("--iterations") << QStringLiteral("300");
            const Run mapped = runCli(arguments);
            QCOMPARE(mapped.exitCode, 0);
            const QJsonObject summary = QJsonDocument::fromJson(mapped.out.toUtf8()).object();
            QCOMPARE(summary.value(QStringLiteral("books")).toInt(), 100);
            const double kept = summary.value(QStringLiteral("knn10_kept")).toDouble();
            QVERIFY(kept > 0.0 && kept <= 1.0);
            // Generated books have genres: the map reports how well it keeps them together,
            // next to what a map that ignored them would give.
            QCOMPARE(summary.value(QStringLiteral("books_with_genre")).toInt(), 100);
            const double agreement = summary.value(QStringLiteral("genre_agreement")).toDouble(-1);
            const double chance =
                summary.value(QStringLiteral("genre_agreement_chance")).toDouble(-1);
            QVERIFY2(agreement >= 0.0 && agreement <= 1.0, qPrintable(mapped.out));
            QVERIFY2(chance > 0.0 && chance < 1.0, qPrintable(mapped.out));
            if (method == QLatin1String("tsne"))
                QVERIFY(summary.value(QStringLiteral("kl_divergence")).toDouble() > 0.0);
            if (method == QLatin1String("umap")) {
                QCOMPARE(summary.value(QStringLiteral("epochs")).toInt(), 100);
                QCOMPARE(summary.value(QStringLiteral("neighbors")).toInt(), 10);
                QVERIFY(!summary.value(QStringLiteral("start")).toString().isEmpty());
            }
            QFile csv(out);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
            QCOMPARE(lines.size(), 101);
            QCOMPARE(lines.front(), QByteArray("book_id,title,x,y"));
        }
        const QString pca3 = dir.filePath(QStringLiteral("pca3.csv"));
        QCOMPARE(runCli({QStringLiteral("map"), QStringLiteral("--model"), model,
                         QStringLiteral("--components"), QStringLiteral("3"),
                         QStringLiteral("--out"), pca3})
                     .exitCode,
                 0);
        QFile three(pca3);
        QVERIFY(three.open(QIODevice::ReadOnly));
        QCOMPARE(three.readLine().trimmed(), QByteArray("book_id,title,x,y,z"));
        const QList<QByteArray> fields = three.readLine().trimmed().split(',');
        QVERIFY(fields.size() >= 5);
        for (qsizetype f = fields.size() - 3; f < fields.size(); ++f) {
            bool number = false;
            fields[f].toDouble(&number);
            QVERIFY2(number, fields[f].constData()); // x, y and z
        }
    }

    // A model of 10 books or fewer still gets its map: the measures compare each book's
    // nearest neighbours among the others and say so (it printed the PCA line, then "error:
    // nearest neighbours: k = 10 needs more than k points, got 3", exit 1, no file).
    void mapsASmallModel_data() {
        QTest::addColumn<QString>("library"); // a fixture, or empty: generate one
        QTest::addColumn<bool>("genres");
        QTest::newRow("tiny fixture, 3 books") << fixture(QStringLiteral("good/tiny")) << false;
        QTest::newRow("generated, 8 books with genres") << QString() << true;
    }

    void mapsASmallModel() {
        QFETCH(QString, library);
        QFETCH(bool, genres);
        QTemporaryDir dir;
        if (library.isEmpty()) {
            library = dir.filePath(QStringLiteral("lib"));
            const Run generated =
                runCli({QStringLiteral("generate"), QStringLiteral("--users"), QStringLiteral("30"),
                        QStringLiteral("--books"), QStringLiteral("8"), QStringLiteral("--ratings"),
                        QStringLiteral("100"), QStringLiteral("--genres"), QStringLiteral("2"),
                        QStringLiteral("--out"), library});
            QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));
        }
        const QString model = dir.filePath(QStringLiteral("small.ssm"));
        const Run train = runCli({QStringLiteral("train"), QStringLiteral("--data"), library,
                                  QStringLiteral("--preset"), QStringLiteral("notebook-dot"),
                                  QStringLiteral("--epochs"), QStringLiteral("2"),
                                  QStringLiteral("--save"), model});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const QString csv = dir.filePath(QStringLiteral("map.csv"));
        const Run json = runCli({QStringLiteral("map"), QStringLiteral("--model"), model,
                                 QStringLiteral("--method"), QStringLiteral("pca"),
                                 QStringLiteral("--out"), csv, QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject summary = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const int books = summary.value(QStringLiteral("books")).toInt();
        QVERIFY2(books >= 3 && books <= 10, qPrintable(json.out));
        const int neighbours = (books - 1) / 2; // half the others: all of them says nothing
        QCOMPARE(summary.value(QStringLiteral("quality_neighbors")).toInt(), neighbours);
        const double kept = summary.value(QStringLiteral("knn10_kept")).toDouble(-1);
        QVERIFY2(kept >= 0.0 && kept <= 1.0, qPrintable(json.out));
        // Generated books have genres: the agreement is measured among as few neighbours.
        QCOMPARE(summary.contains(QStringLiteral("genre_agreement")), genres);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().trimmed().split('\n').size(), books + 1);
        file.close();
        QVERIFY(QFile::remove(csv));
        const Run text = runCli({QStringLiteral("map"), QStringLiteral("--model"), model,
                                 QStringLiteral("--out"), csv});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral("The model has %1 books, too few for 10 "
                                                  "neighbours each: the measures compare each "
                                                  "book's %2 nearest, half the others")
                                       .arg(books)
                                       .arg(neighbours)),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("%1-NN kept on the map: ").arg(neighbours)),
                 qPrintable(text.out));
        QVERIFY(text.err.isEmpty());
        // t-SNE cannot work with so few books: refused before any work, and no file.
        QVERIFY(QFile::remove(csv));
        const Run tsne = runCli({QStringLiteral("map"), QStringLiteral("--model"), model,
                                 QStringLiteral("--method"), QStringLiteral("tsne"),
                                 QStringLiteral("--out"), csv});
        QCOMPARE(tsne.exitCode, 2);
        QVERIFY2(tsne.err.contains(QStringLiteral("needs at least 122 rows, got %1").arg(books)),
                 qPrintable(tsne.err));
        QVERIFY(!QFileInfo::exists(csv));
    }

    // A book books.csv does not describe is named by its id alone: no empty authors or year
    // ("Book #3 (, ?)" it was, and "Book #3 ()" in similar's list).
    void booksWithoutBooksCsvAreNamedAlone() {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const QString model = dir.filePath(QStringLiteral("model.ssm"));
        const Run generated =
            runCli({QStringLiteral("generate"), QStringLiteral("--users"), QStringLiteral("300"),
                    QStringLiteral("--books"), QStringLiteral("100"), QStringLiteral("--ratings"),
                    QStringLiteral("9000"), QStringLiteral("--out"), library});
        QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));
        QVERIFY(QFile::remove(library + QStringLiteral("/books.csv")));
        const Run train = runCli({QStringLiteral("train"), QStringLiteral("--data"), library,
                                  QStringLiteral("--preset"), QStringLiteral("notebook-dot"),
                                  QStringLiteral("--epochs"), QStringLiteral("1"),
                                  QStringLiteral("--save"), model});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const QRegularExpression listed(
            QStringLiteral("^ *\\d+\\. (-?\\d\\.\\d{3}  )?Book #(\\d+)  "
                           "book (\\d+)$"));
        const auto check = [&](const QStringList& arguments, const QString& heading) {
            const Run run =
                runCli(arguments + QStringList{QStringLiteral("--model"), model,
                                               QStringLiteral("--top"), QStringLiteral("3")});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.out.contains(heading), qPrintable(run.out));
            int books = 0;
            for (const QString& line : run.out.split(QLatin1Char('\n'))) {
                const QRegularExpressionMatch match = listed.match(line);
                if (!match.hasMatch())
                    continue;
                QCOMPARE(match.captured(2), match.captured(3)); // "Book #ID  book ID"
                ++books;
            }
            QVERIFY2(books == 3, qPrintable(run.out));
            QVERIFY2(!run.out.contains(QStringLiteral("()")) &&
                         !run.out.contains(QStringLiteral("(,")),
                     qPrintable(run.out));
        };
        check({QStringLiteral("recommend"), QStringLiteral("--user"), QStringLiteral("1")},
              QStringLiteral("Top 3 for reader 1:"));
        check({QStringLiteral("similar"), QStringLiteral("--book"), QStringLiteral("7")},
              QStringLiteral("Books closest to Book #7, book 7:"));
    }

    void recommendRefusesUnknownIds_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown reader")
            << QStringList{"recommend", "--user", "99999"} << "reader 99999 is not in the model";
        QTest::newRow("empty ratings")
            << QStringList{"recommend", "--ratings", ""} << "the rating list is empty";
        QTest::newRow("unknown book") << QStringList{"recommend", "--ratings", "1:5,4242:3"}
                                      << "book 4242 is not in the model";
        QTest::newRow("rating off the scale")
            << QStringList{"recommend", "--ratings", "1:9"} << "outside the scale";
        QTest::newRow("similar unknown book")
            << QStringList{"similar", "--book", "4242"} << "book 4242 is not in the model";
        QTest::newRow("similar unknown title")
            << QStringList{"similar", "--title", "qqqzzz"} << "no book title contains 'qqqzzz'";
    }

    void recommendRefusesUnknownIds() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString model = model_.filePath(QStringLiteral("model.ssm"));
        if (!QFileInfo::exists(model)) { // one small model serves every row
            const Run train = generateAndTrain(model_.filePath(QStringLiteral("lib")), model,
                                               QStringLiteral("tuned-dot"), 1, {100, 50, 2000});
            QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        }
        const Run run = runCli(arguments + QStringList{QStringLiteral("--model"), model});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        // A map whose settings cannot work with 50 books is a usage error, and writes nothing.
        QTemporaryDir out;
        const QString csv = out.filePath(QStringLiteral("map.csv"));
        const Run map = runCli({QStringLiteral("map"), QStringLiteral("--model"), model,
                                QStringLiteral("--method"), QStringLiteral("tsne"),
                                QStringLiteral("--perplexity"), QStringLiteral("40"),
                                QStringLiteral("--out"), csv});
        QCOMPARE(map.exitCode, 2);
        QVERIFY2(map.err.contains(QStringLiteral("needs at least 122 rows")), qPrintable(map.err));
        QVERIFY(!QFileInfo::exists(csv));
        const Run umap = runCli({QStringLiteral("map"), QStringLiteral("--model"), model,
                                 QStringLiteral("--method"), QStringLiteral("umap"),
                                 QStringLiteral("--neighbors"), QStringLiteral("60"),
                                 QStringLiteral("--out"), csv});
        QCOMPARE(umap.exitCode, 2);
        QVERIFY2(umap.err.contains(QStringLiteral("neighbors must be between 2 and")),
                 qPrintable(umap.err));
        QVERIFY(!QFileInfo::exists(csv));
    }

private:
    QTemporaryDir model_;
};

QTEST_GUILESS_MAIN(TestCliRecommend)
#include "tst_clirecommend.moc"
