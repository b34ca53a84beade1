// Ids up to the largest accepted value (2^31 - 1), scattered far apart: every place an id becomes
// an index or a size must stay compact, or refuse with a message saying why.
#include "BadInputFiles.h"
#include "CliRunner.h"
#include "data/Dataset.h"
#include "data/IdIndex.h"
#include "io/DataError.h"
#include "model/ModelFile.h"
#include "recommend/Recommender.h"
#include "train/Experiment.h"
#include "train/Presets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstring>
#include <zlib.h>

using namespace shelfscope;
using bad_input::peakRssMb;
using cli_test::Run;
using cli_test::runCli;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {

constexpr std::int32_t kLargest = 2147483647;
const QString kFolder = QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/large_ids");

/// The fixture's ids, as make_fixtures.py writes them.
const std::vector<std::int32_t> kUsers = {1, 2, 1000000007, 1500000000, 2147483646, kLargest};
const std::vector<std::int32_t> kBooks = {1, 2, 123456789, 900000001, 2147483646, kLargest};

ExperimentConfig tunedDot() {
    ExperimentConfig config = findPreset("tuned-dot")->config;
    config.train.epochs = 2;
    config.train.earlyStopPatience = 0;
    config.data.validationFraction = 0.0;
    return config;
}

} // namespace

class TestLargeIds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idIndexStaysCompact_data() {
        QTest::addColumn<std::vector<std::int32_t>>("ids");
        QTest::newRow("1 and the largest") << std::vector<std::int32_t>{kLargest, 1, kLargest};
        QTest::newRow("the two largest") << std::vector<std::int32_t>{kLargest - 1, kLargest};
        QTest::newRow("the largest alone") << std::vector<std::int32_t>{kLargest};
        QTest::newRow("scattered") << kUsers;
        std::vector<std::int32_t> spread;
        for (std::int32_t k = 0; k < 5000; ++k)
            spread.push_back(kLargest - k * 429000);
        QTest::newRow("5000 spread over the range") << spread;
        std::vector<std::int32_t> dense;
        for (std::int32_t k = 1; k <= 5000; ++k)
            dense.push_back(k);
        QTest::newRow("1 to 5000 (a flat table)") << dense;
    }

    void idIndexStaysCompact() {
        QFETCH(std::vector<std::int32_t>, ids);
        const IdIndex index = IdIndex::fromRawIds(ids);
        std::vector<std::int32_t> distinct = ids;
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        QCOMPARE(index.rawIds(), distinct);
        QCOMPARE(index.maxRawId(), distinct.back());
        for (std::size_t i = 0; i < distinct.size(); ++i) {
            QCOMPARE(index.indexOf(distinct[i]), std::optional<std::int32_t>(static_cast<int>(i)));
            QCOMPARE(index.rawId(static_cast<std::int32_t>(i)), distinct[i]);
        }
        QCOMPARE(index.indexOf(0), std::nullopt);
        QCOMPARE(index.indexOf(-1), std::nullopt);
        if (distinct.back() < kLargest)
            QCOMPARE(index.indexOf(distinct.back() + 1), std::nullopt);
        // Bytes grow with the number of ids, never with the largest one (a flat table up to
        // the largest id would take 8 GB here).
        const std::size_t bound = 64 * distinct.size() + 65536;
        QVERIFY2(index.lookupBytes() <= bound,
                 qPrintable(QStringLiteral("%1 bytes").arg(index.lookupBytes())));
        std::vector<std::int32_t> rewritten = ids;
        index.toIndicesInPlace(rewritten);
        for (std::size_t i = 0; i < ids.size(); ++i)
            QCOMPARE(index.rawId(rewritten[i]), ids[i]);
    }

    void loadsTrainsSavesAndRecommends() {
        const double peakBefore = peakRssMb();
        DatasetLoadConfig load;
        load.folder = kFolder.toStdString();
        const DatasetLoadResult loaded = loadDataset(load);
        const Dataset& dataset = loaded.dataset;
        QCOMPARE(dataset.ratings.users.rawIds(), kUsers);
        QCOMPARE(dataset.ratings.books.rawIds(), kBooks);
        QVERIFY(dataset.ratings.users.lookupBytes() < 4096);
        QVERIFY(dataset.ratings.books.lookupBytes() < 4096);
        // books.csv: Goodreads and work ids up to the largest; to_read.csv and book_tags.csv
        // (tag ids up to the largest too) join on them.
        const Book* largest = dataset.books.find(kLargest);
        QVERIFY(largest != nullptr);
        QCOMPARE(largest->goodreadsId, kLargest - 5);
        const Book* first = dataset.books.find(1);
        QVERIFY(first != nullptr);
        QCOMPARE(first->goodreadsId, kLargest);
        QCOMPARE(first->workId, kLargest);
        QCOMPARE(first->genre, std::string("Mystery")); // tag 2147483647 on Goodreads 2147483647
        QCOMPARE(dataset.toRead.rowsRead, std::int64_t{3});
        QCOMPARE(dataset.toRead.unmatched, std::int64_t{0});

        const ExperimentConfig config = tunedDot();
        const ExperimentResult result = runExperiment(dataset.ratings, config);
        QCOMPARE(result.model->userRows(), 6);
        QCOMPARE(result.model->bookRows(), 6);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("large.ssm")).toStdString();
        saveModel(path, *result.model, describeModel(dataset, config, result, "tuned-dot"));
        const SavedModel saved = loadModel(path);
        QCOMPARE(saved.metadata.userRawIds, kUsers);
        QCOMPARE(saved.metadata.bookRawIds, kBooks);

        const Recommender recommender(*saved.model, saved.metadata, dataset);
        const RecommendResult forLargest = recommender.forReader(kLargest);
        QCOMPARE(forLargest.items.size(), std::size_t{2}); // six books, four rated
        for (const Recommendation& r : forLargest.items)
            QVERIFY(std::find(kBooks.begin(), kBooks.end(), r.book.id) != kBooks.end());
        const std::vector<SimilarBook> similar = recommender.similarBooks(kLargest, 10);
        QCOMPARE(similar.size(), std::size_t{5});
        const RecommendResult folded = recommender.forNewReader({{kLargest, 5.0f}, {1, 4.0f}});
        QCOMPARE(folded.items.size(), std::size_t{4});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommender.forReader(kLargest - 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommender.similarBooks(3));

        const double growth = peakRssMb() - peakBefore;
        QVERIFY2(growth < 200.0, qPrintable(QStringLiteral("peak grew by %1 MB").arg(growth)));
    }

    void rawIdTablesAreRefusedWithTheReason_data() {
        QTest::addColumn<QString>("preset");
        QTest::newRow("notebook-dot") << QStringLiteral("notebook-dot");
        QTest::newRow("notebook-nn") << QStringLiteral("notebook-nn");
    }

    void rawIdTablesAreRefusedWithTheReason() {
        QFETCH(QString, preset);
        const double peakBefore = peakRssMb();
        DatasetLoadConfig load;
        load.folder = kFolder.toStdString();
        load.keepDuplicates = true;
        const DatasetLoadResult loaded = loadDataset(load);
        ExperimentConfig config = findPreset(preset.toStdString())->config;
        config.train.epochs = 1;
        try {
            runExperiment(loaded.dataset.ratings, config);
            QFAIL("tables of 2^31 rows were accepted");
        } catch (const std::invalid_argument& error) {
            const QString text = QString::fromUtf8(error.what());
            QVERIFY2(text.contains(QStringLiteral("user_id up to the largest, 2147483647")),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("2147483648 rows for 6 readers, over the limit "
                                                  "of 4194304")),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("tuned and ranking presets")), qPrintable(text));
        }
        QVERIFY(peakRssMb() - peakBefore < 200.0);
    }

    void modelFileIdMapCannotReserveGigabytes() {
        // A model file whose id map claims 2^31 entries (with a checksum that matches, as a
        // crafted file would have) is refused before anything is allocated for it.
        DatasetLoadConfig load;
        load.folder = kFolder.toStdString();
        const DatasetLoadResult loaded = loadDataset(load);
        const ExperimentConfig config = tunedDot();
        const ExperimentResult result = runExperiment(loaded.dataset.ratings, config);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crafted.ssm"));
        saveModel(path.toStdString(), *result.model,
                  describeModel(loaded.dataset, config, result, "tuned-dot"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        std::uint32_t headerLength = 0;
        std::memcpy(&headerLength, bytes.constData() + 20, 4);
        const qsizetype countAt = 24 + headerLength; // magic, version, header length, header
        const std::uint64_t claimed = std::uint64_t{1} << 31;
        std::memcpy(bytes.data() + countAt, &claimed, 8);
        const auto crc =
            static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(bytes.constData()),
                                             static_cast<uInt>(bytes.size() - 4)));
        std::memcpy(bytes.data() + bytes.size() - 4, &crc, 4);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        const double peakBefore = peakRssMb();
        try {
            loadModel(path.toStdString());
            QFAIL("a model file with an impossible id map loaded");
        } catch (const DataError& error) {
            const QString text = QString::fromUtf8(error.what());
            QVERIFY2(text == path + QStringLiteral(": the model file is inconsistent: it ends "
                                                   "inside the id map"),
                     qPrintable(text));
        }
        QVERIFY(peakRssMb() - peakBefore < 200.0);
    }

    void commandLineTool_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        const QString model = QStringLiteral("MODEL");
        QTest::newRow("recommend for the largest reader")
            << QStringList{QStringLiteral("recommend"),
                           QStringLiteral("--model"),
                           model,
                           QStringLiteral("--user"),
                           QStringLiteral("2147483647"),
                           QStringLiteral("--json")}
            << 0 << QStringLiteral("items");
        QTest::newRow("similar to the largest book") << QStringList{QStringLiteral("similar"),
                                                                    QStringLiteral("--model"),
                                                                    model,
                                                                    QStringLiteral("--book"),
                                                                    QStringLiteral("2147483647"),
                                                                    QStringLiteral("--json")}
                                                     << 0 << QStringLiteral("similar");
        QTest::newRow("a new reader of the largest book")
            << QStringList{QStringLiteral("recommend"),
                           QStringLiteral("--model"),
                           model,
                           QStringLiteral("--ratings"),
                           QStringLiteral("2147483647:5,1:4"),
                           QStringLiteral("--json")}
            << 0 << QStringLiteral("items");
        QTest::newRow("a reader one past the limit")
            << QStringList{QStringLiteral("recommend"), QStringLiteral("--model"), model,
                           QStringLiteral("--user"), QStringLiteral("2147483648")}
            << 2 << QStringLiteral("--user must be between 1 and 2147483647, got 2147483648");
        QTest::newRow("import factors of the largest ids")
            << QStringList{QStringLiteral("import"),
                           QStringLiteral("--users"),
                           QStringLiteral("USERS"),
                           QStringLiteral("--books"),
                           QStringLiteral("BOOKS"),
                           QStringLiteral("--data"),
                           kFolder,
                           QStringLiteral("--out"),
                           model}
            << 0 << QStringLiteral("rows for its 6 readers and 6 books");
        QTest::newRow("import an id one past the limit")
            << QStringList{QStringLiteral("import"),
                           QStringLiteral("--users"),
                           QStringLiteral("PAST"),
                           QStringLiteral("--books"),
                           QStringLiteral("BOOKS"),
                           QStringLiteral("--data"),
                           kFolder,
                           QStringLiteral("--out"),
                           model}
            << 3
            << QStringLiteral("PAST:6: id is too large (the limit is 2147483647): '2147483648'");
        QTest::newRow("the notebook preset")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"), kFolder,
                           QStringLiteral("--preset"), QStringLiteral("notebook-dot")}
            << 3
            << kFolder + QStringLiteral("/ratings.csv: embedding rows by raw id (the notebook "
                                        "presets) need a table row for every user_id up to the "
                                        "largest, 2147483647");
    }

    void commandLineTool() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("large.ssm"));
        const Run train = runCli({QStringLiteral("train"), QStringLiteral("--data"), kFolder,
                                  QStringLiteral("--preset"), QStringLiteral("tuned-dot"),
                                  QStringLiteral("--epochs"), QStringLiteral("2"),
                                  QStringLiteral("--save"), model});
        QCOMPARE(train.exitCode, 0);
        // Spark ALS factors (one JSON object a line) for every id, and with 2147483648.
        const auto factors = [&](const char* name, const std::vector<std::int32_t>& ids,
                                 const QByteArray& last) {
            QByteArray text;
            for (std::size_t i = 0; i < ids.size(); ++i)
                text +=
                    "{\"id\":" +
                    (i + 1 == ids.size() && !last.isEmpty() ? last : QByteArray::number(ids[i])) +
                    ",\"features\":[0.5,-0.25]}\n";
            const QString path = dir.filePath(QString::fromLatin1(name));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
                return QString();
            return path;
        };
        const QString users = factors("users.json", kUsers, {});
        const QString books = factors("books.json", kBooks, {});
        const QString past = factors("past.json", kUsers, "2147483648");
        arguments.replaceInStrings(QStringLiteral("MODEL"), model);
        arguments.replaceInStrings(QStringLiteral("USERS"), users);
        arguments.replaceInStrings(QStringLiteral("BOOKS"), books);
        arguments.replaceInStrings(QStringLiteral("PAST"), past);
        expected.replace(QStringLiteral("PAST"), past);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        if (exitCode != 0) {
            QVERIFY2(run.err.contains(expected), qPrintable(run.err));
            return;
        }
        if (arguments.first() == QLatin1String("import")) {
            QVERIFY2(run.out.contains(expected), qPrintable(run.out));
            const Run listed = runCli({QStringLiteral("recommend"), QStringLiteral("--model"),
                                       model, QStringLiteral("--user"),
                                       QStringLiteral("2147483647"), QStringLiteral("--json")});
            QCOMPARE(listed.exitCode, 0);
            QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8())[QStringLiteral("items")]
                         .toArray()
                         .size(),
                     2);
            return;
        }
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray items = json.value(expected).toArray();
        QVERIFY2(!items.isEmpty(), qPrintable(run.out));
        for (const QJsonValue& item : items) {
            const auto id = static_cast<std::int32_t>(item[QStringLiteral("book_id")].toDouble());
            QVERIFY(std::find(kBooks.begin(), kBooks.end(), id) != kBooks.end());
        }
    }
};

QTEST_GUILESS_MAIN(TestLargeIds)
#include "tst_largeids.moc"
