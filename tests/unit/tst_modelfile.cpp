#include "io/DataError.h"
#include "model/EmbeddingExport.h"
#include "model/ModelFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <zlib.h>

using namespace shelfscope;

namespace {

ModelMetadata metadataFor(const Model& model) {
    ModelMetadata m;
    m.config = model.config();
    for (std::int32_t i = 0; i < model.userRows(); ++i)
        m.userRawIds.push_back(i == 0 ? 0 : 100 + i);
    for (std::int32_t i = 0; i < model.bookRows(); ++i)
        m.bookRawIds.push_back(i == 0 ? 0 : i);
    m.indexing = RowIndexing::RawIds;
    m.datasetFingerprint = 0x1234abcd5678ULL;
    m.datasetName = "tiny";
    m.datasetFolder = "/data/tiny";
    m.preset = "tuned-dot";
    m.notes["test_rmse"] = "0.81";
    return m;
}

std::unique_ptr<Model> sampleModel(ModelKind kind) {
    ModelConfig config;
    config.kind = kind;
    config.dim = 6;
    config.biases = kind == ModelKind::Dot;
    config.hidden = {12, 5};
    config.embeddingInitScale = 0.5f;
    auto model = createModel(config, 9, 14, 4);
    model->setGlobalOffset(kind == ModelKind::Dot ? 3.75f : 0.0f);
    return model;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(bytes);
}

/// Re-seals a deliberately edited file with a valid checksum, to reach the checks behind it.
QByteArray withChecksum(QByteArray bytes) {
    bytes.chop(4);
    const auto crc = static_cast<std::uint32_t>(crc32(
        0L, reinterpret_cast<const Bytef*>(bytes.constData()), static_cast<uInt>(bytes.size())));
    bytes.append(reinterpret_cast<const char*>(&crc), 4);
    return bytes;
}

} // namespace

class TestModelFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripGivesIdenticalPredictions_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("dot with biases") << 0;
        QTest::newRow("neural") << 1;
    }

    void roundTripGivesIdenticalPredictions() {
        QFETCH(int, kind);
        const auto model = sampleModel(kind == 0 ? ModelKind::Dot : ModelKind::Neural);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("model.ssm")).toStdString();
        saveModel(path, *model, metadataFor(*model));
        const SavedModel loaded = loadModel(path);
        QCOMPARE(loaded.model->kind(), model->kind());
        QCOMPARE(loaded.model->parameterCount(), model->parameterCount());
        for (std::int32_t u = 0; u < 9; ++u)
            for (std::int32_t b = 0; b < 14; ++b)
                QCOMPARE(loaded.model->predict(u, b), model->predict(u, b));
        const ModelMetadata& m = loaded.metadata;
        QCOMPARE(m.userRawIds, metadataFor(*model).userRawIds);
        QCOMPARE(m.bookRawIds.size(), std::size_t{14});
        QCOMPARE(m.datasetFingerprint, std::uint64_t{0x1234abcd5678ULL});
        QCOMPARE(m.datasetName, std::string("tiny"));
        QCOMPARE(m.datasetFolder, std::string("/data/tiny"));
        QCOMPARE(m.preset, std::string("tuned-dot"));
        QCOMPARE(m.indexing, RowIndexing::RawIds);
        QCOMPARE(m.notes.at("test_rmse"), std::string("0.81"));
        QCOMPARE(m.config.hidden, model->config().hidden);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("model.ssm")});
    }

    void damagedFilesAreRefused_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QStringLiteral("empty")
                               << QStringLiteral("not a Shelfscope model file");
        QTest::newRow("other file")
            << QStringLiteral("other") << QStringLiteral("not a Shelfscope model file");
        QTest::newRow("truncated to half")
            << QStringLiteral("half") << QStringLiteral("truncated or corrupted");
        QTest::newRow("last byte missing")
            << QStringLiteral("minus1") << QStringLiteral("truncated or corrupted");
        QTest::newRow("only the magic") << QStringLiteral("magic") << QStringLiteral("truncated");
        QTest::newRow("flipped weight byte")
            << QStringLiteral("flip") << QStringLiteral("checksum mismatch");
        QTest::newRow("future version")
            << QStringLiteral("version")
            << QStringLiteral("format version 2; this Shelfscope reads version 1");
        QTest::newRow("wrong type")
            << QStringLiteral("type") << QStringLiteral("fit a neural model");
        QTest::newRow("missing") << QStringLiteral("missing")
                                 << QStringLiteral("cannot open the model file");
    }

    void damagedFilesAreRefused() {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        const auto model = sampleModel(ModelKind::Dot);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.ssm"));
        saveModel(path.toStdString(), *model, metadataFor(*model));
        QByteArray bytes = readAll(path);
        if (damage == QLatin1String("empty"))
            bytes.clear();
        else if (damage == QLatin1String("other"))
            bytes = "user_id,book_id,rating\n1,2,3\n";
        else if (damage == QLatin1String("half"))
            bytes.truncate(bytes.size() / 2);
        else if (damage == QLatin1String("minus1"))
            bytes.chop(1);
        else if (damage == QLatin1String("magic"))
            bytes.truncate(16);
        else if (damage == QLatin1String("flip"))
            bytes[bytes.size() - 40] = static_cast<char>(bytes[bytes.size() - 40] ^ 0x10);
        else if (damage == QLatin1String("version"))
            bytes[16] = 2;
        else if (damage == QLatin1String("type")) {
            // The header's length is stored before it (after the 16-byte magic and the version).
            std::uint32_t length = 0;
            std::memcpy(&length, bytes.constData() + 20, 4);
            length += 3;
            bytes.replace("kind=dot", "kind=neural");
            std::memcpy(bytes.data() + 20, &length, 4);
            bytes = withChecksum(bytes);
        }
        if (damage == QLatin1String("missing"))
            QFile::remove(path);
        else
            writeAll(path, bytes);
        try {
            loadModel(path.toStdString());
            QFAIL("a damaged file loaded");
        } catch (const DataError& error) {
            const QString text = QString::fromUtf8(error.what());
            QVERIFY2(text.startsWith(path + QStringLiteral(": ")), qPrintable(text));
            QVERIFY2(text.contains(message), qPrintable(text));
        }
    }

    void exportsForTheProjectorAndAsCsv() {
        const auto model = sampleModel(ModelKind::Dot);
        const ModelMetadata m = metadataFor(*model);
        BookCatalog catalog;
        Book book;
        book.id = 3;
        book.title = "Tabs\tand, commas";
        book.authors = "A. Author";
        book.year = 1999;
        book.averageRating = 4.25f;
        catalog.add(book);
        QTemporaryDir dir;
        exportProjector(*model, m.bookRawIds, catalog,
                        dir.filePath(QStringLiteral("projector")).toStdString());
        const QList<QByteArray> vectors =
            readAll(dir.filePath(QStringLiteral("projector/vectors.tsv"))).split('\n');
        const QList<QByteArray> metadata =
            readAll(dir.filePath(QStringLiteral("projector/metadata.tsv"))).split('\n');
        QCOMPARE(vectors.size(), 13 + 1);      // 13 books (row 0 has none) and the final newline
        QCOMPARE(metadata.size(), 1 + 13 + 1); // header too
        QCOMPARE(vectors.front().split('\t').size(), 6);
        QCOMPARE(metadata.front(), QByteArray("title\tauthor\tyear\taverage_rating"));
        QCOMPARE(metadata.at(3), QByteArray("Tabs and, commas\tA. Author\t1999\t4.25"));
        QCOMPARE(metadata.at(1), QByteArray("Book #1\t\t\t"));
        QCOMPARE(vectors.at(2).split('\t').at(0).toFloat(), model->bookEmbeddings()(3, 0));

        const QString csv = dir.filePath(QStringLiteral("embeddings.csv"));
        exportEmbeddingsCsv(*model, m.bookRawIds, catalog, csv.toStdString());
        const QList<QByteArray> lines = readAll(csv).split('\n');
        QCOMPARE(lines.front(),
                 QByteArray("book_id,title,authors,year,average_rating,e0,e1,e2,e3,e4,e5"));
        QVERIFY(lines.at(3).startsWith("3,\"Tabs\tand, commas\",A. Author,1999,4.25,"));
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
