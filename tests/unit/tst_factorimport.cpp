#include "data/Dataset.h"
#include "data/Fingerprint.h"
#include "demo/DemoGenerator.h"
#include "io/DataError.h"
#include "model/EmbeddingExport.h"
#include "model/FactorImport.h"
#include "model/ModelFile.h"
#include "train/Presets.h"
#include "train/TrainedRun.h"
#include "train/TrainingData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;

namespace {

QString fixture(const QString& relative) {
    return QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/import/") + relative;
}

Dataset tinyDataset() {
    DatasetLoadConfig load;
    load.folder = SHELFSCOPE_TEST_DATA_DIR "/good/tiny";
    return loadDataset(load).dataset;
}

void writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

/// The message of the DataError an import throws, or a note that it threw none.
QString importError(const FactorImportConfig& config) {
    try {
        importFactors(config);
    } catch (const DataError& error) {
        return QString::fromUtf8(error.what());
    }
    return QStringLiteral("(no error)");
}

/// The model row holding a raw id, from the model's own id map.
std::int32_t rowOf(const std::vector<std::int32_t>& rawIds, std::int32_t id) {
    const auto rows = rowsByRawId(rawIds);
    const auto found = rows.find(id);
    return found == rows.end() ? -1 : found->second;
}

} // namespace

class TestFactorImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // What `export` writes (both tables, either format) imports as the very same vectors, so a
    // model without biases predicts what the exported one did for every pair.
    void exportedEmbeddingsImportBack_data() {
        QTest::addColumn<QString>("format");
        QTest::newRow("projector tsv") << QStringLiteral("projector");
        QTest::newRow("csv") << QStringLiteral("csv");
    }
    void exportedEmbeddingsImportBack() {
        QFETCH(QString, format);
        DemoConfig demo;
        demo.users = 200;
        demo.books = 90;
        demo.ratings = 4000;
        const Dataset dataset = generateDemoLibrary(demo).dataset;
        ExperimentConfig config = findPreset("notebook-dot")->config; // raw-id rows, no biases
        config.train.epochs = 2;
        const TrainedRun run = trainRun(dataset, config, "notebook-dot");
        QVERIFY(!run.model->config().biases);

        QTemporaryDir dir;
        const bool tsv = format == QStringLiteral("projector");
        const std::string users = dir.filePath(tsv ? "users" : "users.csv").toStdString();
        const std::string books = dir.filePath(tsv ? "books" : "books.csv").toStdString();
        if (tsv) {
            exportUserProjector(*run.model, run.metadata.userRawIds, users);
            exportProjector(*run.model, run.metadata.bookRawIds, dataset.books, books);
        } else {
            exportUserEmbeddingsCsv(*run.model, run.metadata.userRawIds, users);
            exportEmbeddingsCsv(*run.model, run.metadata.bookRawIds, dataset.books, books);
        }
        FactorImportConfig import;
        import.userFactors = users;
        import.bookFactors = books;
        import.dataset = &dataset;
        const FactorImportResult result = importFactors(import);
        QCOMPARE(result.users.format,
                 tsv ? FactorFormat::ProjectorTsv : FactorFormat::Csv); // detected
        QCOMPARE(result.users.read, static_cast<std::int64_t>(dataset.ratings.userCount()));
        QCOMPARE(result.books.read, static_cast<std::int64_t>(dataset.ratings.bookCount()));
        QCOMPARE(result.users.missing + result.books.missing + result.users.dropped, 0);
        const Model& imported = *result.saved.model;
        const ModelMetadata& m = result.saved.metadata;
        QCOMPARE(imported.config().dim, run.model->config().dim);
        QCOMPARE(m.datasetFingerprint, datasetFingerprint(dataset));

        const RatingTable& ratings = dataset.ratings;
        for (std::size_t i = 0; i < ratings.size(); i += 37) {
            const std::int32_t user = ratings.users.rawId(ratings.userIndex[i]);
            const std::int32_t book = ratings.books.rawId(ratings.bookIndex[i]);
            const std::int32_t u0 = rowOf(run.metadata.userRawIds, user);
            const std::int32_t b0 = rowOf(run.metadata.bookRawIds, book);
            const std::int32_t u1 = rowOf(m.userRawIds, user);
            const std::int32_t b1 = rowOf(m.bookRawIds, book);
            QVERIFY(u0 >= 0 && b0 >= 0 && u1 >= 0 && b1 >= 0);
            // The vectors come back bit for bit (floats are written as shortest exact text)...
            QVERIFY(imported.userEmbeddings().row(u1) == run.model->userEmbeddings().row(u0));
            QVERIFY(imported.bookEmbeddings().row(b1) == run.model->bookEmbeddings().row(b0));
            // ...so the same code predicts the same, which is the dot product.
            QCOMPARE(imported.predict(u1, b1), run.model->predict(u0, b0));
            const double dot = run.model->userEmbeddings().row(u0).cast<double>().dot(
                run.model->bookEmbeddings().row(b0).cast<double>());
            QVERIFY(std::abs(imported.predict(u1, b1) - dot) <= 1e-6);
        }
    }

    // Spark writes a folder per table: part files, _SUCCESS and .crc files, and an empty part
    // file for a partition without rows.
    void readsASparkFolderOfPartFiles() {
        const Dataset dataset = tinyDataset();
        FactorImportConfig config;
        config.userFactors = fixture(QStringLiteral("spark/userFactors")).toStdString();
        config.bookFactors = fixture(QStringLiteral("spark/itemFactors")).toStdString();
        config.dataset = &dataset;
        const FactorImportResult result = importFactors(config);
        QCOMPARE(result.users.format, FactorFormat::SparkJson);
        QCOMPARE(result.users.files.size(), std::size_t{2});
        QCOMPARE(result.books.files.size(), std::size_t{2});
        for (const std::string& file : result.users.files)
            QVERIFY2(QString::fromStdString(file).contains(QStringLiteral("/part-0000")),
                     file.c_str());
        QCOMPARE(result.users.read, 3);
        QCOMPARE(result.books.read, 3);
        const Model& model = *result.saved.model;
        const ModelMetadata& m = result.saved.metadata;
        QCOMPARE(model.config().dim, 3);
        QVERIFY(!model.config().biases);
        QCOMPARE(m.userRawIds, (std::vector<std::int32_t>{1, 2, 3}));
        QCOMPARE(m.bookRawIds, (std::vector<std::int32_t>{10, 11, 12}));
        QCOMPARE(m.datasetName, dataset.name);
        // User 3 (-2.5, 0.125, 3.0) and book 11 (-0.5, 0.25, 1.5E1), from the second part file.
        const float expected = -2.5f * -0.5f + 0.125f * 0.25f + 3.0f * 15.0f;
        QVERIFY(std::abs(model.predict(rowOf(m.userRawIds, 3), rowOf(m.bookRawIds, 11)) -
                         expected) < 1e-5f);
        QCOMPARE(model.userEmbeddings()(rowOf(m.userRawIds, 2), 0), 1.0E-4f);

        // Saved and loaded as the app loads a run: checked against the data set and assessed.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("spark.ssm")).toStdString();
        saveModel(path, model, m);
        const TrainedRun run = loadRun(dataset, path);
        QCOMPARE(run.model->userEmbeddings(), model.userEmbeddings());
        QCOMPARE(run.metadata.preset, std::string("imported"));
        QVERIFY(run.result.test.count > 0);
    }

    // Every bad input is a DataError naming the file, the line and the problem.
    void badFactorsNameFileLineAndProblem_data() {
        QTest::addColumn<QString>("users");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("problem");
        const auto row = [](const char* users, const char* file, int line, const char* problem) {
            QTest::newRow(users) << QString::fromLatin1(users) << QString::fromLatin1(file) << line
                                 << QString::fromLatin1(problem);
        };
        row("bad/bad_json.json", "bad/bad_json.json", 2, "bad JSON: expected ',' or '}'");
        row("bad/not_an_object.json", "bad/not_an_object.json", 2, "each line is one JSON object");
        row("bad/text_after_object.json", "bad/text_after_object.json", 2,
            "more text after the object");
        row("bad/wrong_feature_count.json", "bad/wrong_feature_count.json", 3,
            "has 2 features where");
        row("bad/duplicate_id.json", "bad/duplicate_id.json", 3, "id 1 appears twice (first at");
        row("bad/nan_feature.json", "bad/nan_feature.json", 2,
            "feature 2 is not a finite number: '\"NaN\"'");
        row("bad/infinite_feature.json", "bad/infinite_feature.json", 2,
            "feature 2 is not a finite number: 'Infinity'");
        row("bad/float_overflow.json", "bad/float_overflow.json", 2,
            "feature 2 is beyond the range of a float: '1e39'");
        row("bad/id_too_large.json", "bad/id_too_large.json", 2,
            "id is too large (the limit is 2147483647)");
        row("bad/id_zero.json", "bad/id_zero.json", 2, "id must be a positive integer");
        row("bad/id_fraction.json", "bad/id_fraction.json", 2, "id is not a whole number: '2.5'");
        row("bad/missing_features.json", "bad/missing_features.json", 2,
            "the object has no \"features\"");
        row("bad/unknown_key.json", "bad/unknown_key.json", 2, "unexpected key \"rank\"");
        row("bad/empty_features.json", "bad/empty_features.json", 2, "the features are empty");
        row("bad/empty.json", "bad/empty.json", 0, "holds no factors");
        row("bad/binary.json", "bad/binary.json", 2, "a NUL byte");
        row("spark/no_parts", "spark/no_parts", 0, "no part files");
        row("bad/short_vectors", "bad/short_vectors/vectors.tsv", 0, "has fewer vectors (1) than");
        row("bad/no_id_column", "bad/no_id_column/metadata.tsv", 1,
            "the header has no user_id or id column");
        row("bad/bad_number.csv", "bad/bad_number.csv", 3,
            "column 3 (e1): feature 2 is not a finite number: 'x'");
        row("bad/missing.json", "bad/missing.json", 0, "no such file or folder");
    }
    void badFactorsNameFileLineAndProblem() {
        QFETCH(QString, users);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        FactorImportConfig config;
        config.userFactors = fixture(users).toStdString();
        config.bookFactors = fixture(QStringLiteral("spark/itemFactors")).toStdString();
        const QString message = importError(config);
        const QString where =
            fixture(file) + (line > 0 ? QStringLiteral(":%1: ").arg(line) : QStringLiteral(": "));
        QVERIFY2(message.startsWith(where), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void userAndBookFactorsMustBeAlike() {
        QTemporaryDir dir;
        const QString books = dir.filePath(QStringLiteral("books.json"));
        writeText(books, "{\"id\":10,\"features\":[1.0,2.0]}\n");
        FactorImportConfig config;
        config.userFactors = fixture(QStringLiteral("spark/userFactors")).toStdString();
        config.bookFactors = books.toStdString();
        const QString message = importError(config);
        QVERIFY2(message.startsWith(books + QStringLiteral(":1: has 2 features where the user "
                                                           "factors")),
                 qPrintable(message));
    }

    // Ids the data set lacks: refused by default (naming the first), or dropped and counted.
    void idsNotInTheDataSetAreRefusedOrDropped() {
        const Dataset dataset = tinyDataset();
        QTemporaryDir dir;
        const QString users = dir.filePath(QStringLiteral("users.csv"));
        writeText(users, "id,a,b,c\n1,0.5,0.5,0.5\n99,1,1,1\n3,0.25,0.25,0.25\n");
        FactorImportConfig config;
        config.userFactors = users.toStdString();
        config.bookFactors = fixture(QStringLiteral("spark/itemFactors")).toStdString();
        config.dataset = &dataset;
        const QString message = importError(config);
        QVERIFY2(message.startsWith(users + QStringLiteral(":3: user id 99 is not in the data "
                                                           "set 'tiny'")),
                 qPrintable(message));

        config.unknownIds = UnknownFactorIds::Drop;
        const FactorImportResult result = importFactors(config);
        QCOMPARE(result.users.read, 3);
        QCOMPARE(result.users.dropped, 1);
        QCOMPARE(result.users.missing, 1); // user 2 has no factors: a zero row, no user
        const ModelMetadata& m = result.saved.metadata;
        QCOMPARE(m.userRawIds, (std::vector<std::int32_t>{1, 0, 3}));
        QCOMPARE(result.saved.model->userEmbeddings()(1, 0), 0.0f);
        QCOMPARE(result.saved.model->userEmbeddings()(2, 1), 0.25f);
    }

    void formatIsDetectedOrGiven_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("format");
        QTest::newRow("json extension")
            << "f.json" << QByteArray("x") << static_cast<int>(FactorFormat::SparkJson);
        QTest::newRow("gz json") << "f.json.gz" << QByteArray("x")
                                 << static_cast<int>(FactorFormat::SparkJson);
        QTest::newRow("csv extension")
            << "f.CSV" << QByteArray("{") << static_cast<int>(FactorFormat::Csv);
        QTest::newRow("json content") << "factors" << QByteArray("\n  {\"id\":1}")
                                      << static_cast<int>(FactorFormat::SparkJson);
        QTest::newRow("tab content") << "factors" << QByteArray("0.1\t0.2\n")
                                     << static_cast<int>(FactorFormat::ProjectorTsv);
        QTest::newRow("comma content")
            << "factors" << QByteArray("id,a\n") << static_cast<int>(FactorFormat::Csv);
    }
    void formatIsDetectedOrGiven() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(int, format);
        QTemporaryDir dir;
        writeText(dir.filePath(name), content);
        QCOMPARE(static_cast<int>(detectFactorFormat(dir.filePath(name).toStdString())), format);
        QCOMPARE(factorFormatFromName("spark-json"), std::optional(FactorFormat::SparkJson));
        QCOMPARE(factorFormatFromName("parquet"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestFactorImport)
#include "tst_factorimport.moc"
