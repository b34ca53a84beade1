#include "config/OptionTable.h"
#include "demo/DemoGenerator.h"
#include "io/DataError.h"
#include "model/EmbeddingExport.h"
#include "model/ModelFile.h"
#include "train/Presets.h"
#include "train/RankingEvaluation.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cstring>
#include <functional>
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

/// Replaces the header of a saved file's bytes by edit(header), keeping the file consistent.
QByteArray withHeader(QByteArray bytes, const std::function<QByteArray(QByteArray)>& edit) {
    constexpr qsizetype kHeaderAt = 16 + 4 + 4; // magic, version, the header's length
    std::uint32_t length = 0;
    std::memcpy(&length, bytes.constData() + 20, 4);
    const QByteArray header = edit(bytes.mid(kHeaderAt, length));
    bytes.replace(kHeaderAt, length, header);
    length = static_cast<std::uint32_t>(header.size());
    std::memcpy(bytes.data() + 20, &length, 4);
    return withChecksum(bytes);
}

/// Sets the user id map's count to `count`, keeping the file consistent when it is the number of
/// ids left in place (fewer) and leaving the ids as they are when it is more.
QByteArray withUserCount(QByteArray bytes, std::uint64_t count) {
    std::uint32_t headerLength = 0;
    std::memcpy(&headerLength, bytes.constData() + 20, 4);
    const qsizetype at = 24 + static_cast<qsizetype>(headerLength);
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.constData() + at, 8);
    if (count < stored)
        bytes.remove(at + 8 + static_cast<qsizetype>(count) * 4,
                     static_cast<qsizetype>(stored - count) * 4);
    std::memcpy(bytes.data() + at, &count, 8);
    return withChecksum(bytes);
}

/// Drops the header line of `key`.
QByteArray withoutKey(const QByteArray& header, const QByteArray& key) {
    QList<QByteArray> lines = header.split('\n');
    lines.removeIf([&](const QByteArray& line) { return line.startsWith(key + '='); });
    return lines.join('\n');
}

/// A small generated library, as a data set made in memory (no folder, no repeated pairs).
const Dataset& smallLibrary() {
    static const Dataset dataset = [] {
        DemoConfig config;
        config.users = 240;
        config.books = 90;
        config.ratings = 5993;
        config.genres = 4;
        config.seed = 5;
        return generateDemoLibrary(config).dataset;
    }();
    return dataset;
}

/// One option of a preset changed, by name (empty: the preset as it is).
void applyChange(ExperimentConfig& c, const QString& change) {
    ModelConfig& m = c.model;
    if (change == QLatin1String("biases"))
        m.biases = true;
    else if (change == QLatin1String("no biases"))
        m.biases = false;
    else if (change == QLatin1String("dot term"))
        m.dotTerm = true;
    else if (change == QLatin1String("product features"))
        m.productFeatures = true;
    else if (change == QLatin1String("product features, dot term, biases"))
        m.productFeatures = m.dotTerm = m.biases = true;
    else if (change == QLatin1String("no hidden layers"))
        m.hidden.clear();
    else if (change == QLatin1String("three hidden layers"))
        m.hidden = {12, 6, 3};
    else if (change == QLatin1String("dim 3"))
        m.dim = 3;
    else if (change == QLatin1String("kernel l2"))
        m.kernelL2 = 0.0123f;
    else if (change == QLatin1String("init scale"))
        m.embeddingInitScale = 0.0731f;
    else if (change == QLatin1String("odd alpha, lambda and min rating")) {
        c.als.confidence.alpha = 7.25f;
        c.als.regularization = 0.375f;
        c.als.confidence.minRating = 2.5f;
        c.als.cgSteps = 4;
    } else if (change == QLatin1String("raw-id indexing"))
        c.data.indexing = RowIndexing::RawIds;
    else if (change == QLatin1String("dense indexing"))
        c.data.indexing = RowIndexing::Dense;
    else if (change == QLatin1String("random split, odd fraction")) {
        c.split = SplitKind::Random;
        c.testFraction = 0.123456789;
        c.splitSeed = 77;
    } else if (change == QLatin1String("per-user split")) {
        c.split = SplitKind::PerUser;
        c.holdoutPerUser = 3;
    } else if (change == QLatin1String("popularity blend"))
        c.popularityBlend = 1.2345678f;
    else if (change == QLatin1String("clip"))
        c.train.clipPredictions = true;
    else if (change == QLatin1String("odd training settings")) {
        c.train.batchSize = 17;
        c.train.adam.learningRate = 0.00123f;
        c.train.sgdLearningRate = 0.00123f;
        c.train.adam.beta1 = 0.85f;
        c.train.adam.beta2 = 0.9995f;
        c.train.adam.epsilon = 3e-8f;
        c.train.l2 = 0.0042f;
        c.train.shuffleSeed = 1234;
        c.train.threads = 2;
        c.train.earlyStopPatience = 3;
        c.data.validationFraction = 0.125;
    } else if (change == QLatin1String("sgd")) {
        c.train.optimizer = OptimizerKind::Sgd;
        c.train.sgdLearningRate = c.train.adam.learningRate = 0.0321f;
    } else if (change == QLatin1String("odd BPR settings")) {
        c.bpr.learningRate = 0.0333f;
        c.bpr.l2 = 0.0011f;
    } else if (change == QLatin1String("odd implicit settings")) {
        c.implicit.learningRate = 0.0123f;
        c.implicit.learningRateDecay = 0.85f;
        c.implicit.l2 = 0.0456f;
        c.implicit.biasL2 = 0.0789f;
        c.implicit.warmStartEpochs = 1;
        c.implicit.sets.toRead = false;
    } else if (change == QLatin1String("neighbours and shrink")) {
        m.knnNeighbours = 7;
        m.knnShrink = 3.5f;
    } else if (change == QLatin1String("lambda"))
        m.easeLambda = 12.5f;
    else if (change == QLatin1String("to-read weight"))
        c.als.confidence.toReadWeight = 0.75f;
    else
        QVERIFY2(change.isEmpty(), qPrintable(change));
}

/// Exactly the same bits: QCOMPARE compares floats fuzzily.
bool sameBits(std::span<const float> a, std::span<const float> b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size_bytes()) == 0;
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

    void savedModelsPredictExactlyAsTrained_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("change");
        for (const Preset& preset : presets())
            QTest::newRow(preset.name.c_str()) << QString::fromStdString(preset.name) << QString();
        const QList<std::pair<const char*, const char*>> changes = {
            {"notebook-dot", "biases"},
            {"notebook-dot", "dense indexing"},
            {"notebook-dot", "dim 3"},
            {"notebook-dot", "init scale"},
            {"notebook-dot", "random split, odd fraction"},
            {"tuned-dot", "no biases"},
            {"tuned-dot", "raw-id indexing"},
            {"tuned-dot", "per-user split"},
            {"notebook-nn", "biases"},
            {"notebook-nn", "dot term"},
            {"notebook-nn", "product features"},
            {"notebook-nn", "product features, dot term, biases"},
            {"notebook-nn", "no hidden layers"},
            {"notebook-nn", "three hidden layers"},
            {"notebook-nn", "kernel l2"},
            {"notebook-nn", "clip"},
            {"tuned-nn", "no biases"},
            {"tuned-nn", "product features"},
            {"ranking-dot", "popularity blend"},
            {"ials", "odd alpha, lambda and min rating"},
            {"ials", "raw-id indexing"},
            {"ials", "to-read weight"},
            {"notebook-dot", "odd training settings"},
            {"notebook-dot", "sgd"},
            {"notebook-nn", "odd training settings"},
            {"ranking-dot", "odd BPR settings"},
            {"tuned-implicit", "odd implicit settings"},
            {"item-knn", "neighbours and shrink"},
            {"ease", "lambda"},
        };
        for (const auto& [preset, change] : changes)
            QTest::addRow("%s, %s", preset, change)
                << QString::fromLatin1(preset) << QString::fromLatin1(change);
    }

    void savedModelsPredictExactlyAsTrained() {
        // Every setting that changes what a model predicts, or which rows it is judged on, must
        // come back from its file exactly: the same binary on the same machine then predicts the
        // same bits.
        QFETCH(QString, preset);
        QFETCH(QString, change);
        const Dataset& library = smallLibrary();
        ExperimentConfig config = findPreset(preset.toStdString())->config;
        applyChange(config, change);
        config.train.epochs = 1;
        config.bpr.epochs = 1;
        config.als.iterations = 1;
        const RatingTable table = experimentRatings(library, config);
        const ExperimentResult trained = runExperiment(table, config);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("model.ssm")).toStdString();
        const ModelMetadata metadata =
            describeModel(library, config, trained, preset.toStdString());
        saveModel(path, *trained.model, metadata);
        const SavedModel loaded = loadModel(path);

        QVERIFY(loaded.model->config() == config.model);
        QVERIFY(loaded.metadata.config == config.model);
        QCOMPARE(std::bit_cast<std::uint32_t>(loaded.model->globalOffset()),
                 std::bit_cast<std::uint32_t>(trained.model->globalOffset()));
        const ModelMetadata& m = loaded.metadata;
        QCOMPARE(m.indexing, metadata.indexing);
        QCOMPARE(m.userRawIds, metadata.userRawIds);
        QCOMPARE(m.bookRawIds, metadata.bookRawIds);
        QCOMPARE(m.datasetFingerprint, metadata.datasetFingerprint);
        QCOMPARE(m.datasetName, metadata.datasetName);
        QCOMPARE(m.datasetFolder, metadata.datasetFolder);
        QCOMPARE(m.preset, metadata.preset);
        for (const auto& [key, value] : metadata.notes)
            QCOMPARE(m.notes.count(key) ? m.notes.at(key) : "(missing)", value);
        QCOMPARE(std::bit_cast<std::uint32_t>(recordedPopularityBlend(m)),
                 std::bit_cast<std::uint32_t>(config.popularityBlend));

        // The experiment the file describes: the same split, rows and clipping.
        const ExperimentConfig reread = experimentOf(m);
        QCOMPARE(reread.split, config.split);
        QCOMPARE(std::bit_cast<std::uint64_t>(reread.testFraction),
                 std::bit_cast<std::uint64_t>(config.testFraction));
        QCOMPARE(reread.splitSeed, config.splitSeed);
        QCOMPARE(reread.holdoutPerUser, config.holdoutPerUser);
        QCOMPARE(reread.keepDuplicates, config.keepDuplicates);
        QCOMPARE(reread.data.indexing, config.data.indexing);
        QCOMPARE(reread.data.dropDuplicateTrainPairs, config.data.dropDuplicateTrainPairs);
        QCOMPARE(reread.objective, config.objective);
        if (config.objective == TrainObjective::ImplicitAls) { // what its fold-in repeats
            QCOMPARE(reread.als.confidence.alpha, config.als.confidence.alpha);
            QCOMPARE(reread.als.confidence.minRating, config.als.confidence.minRating);
            QCOMPARE(reread.als.confidence.toReadWeight, config.als.confidence.toReadWeight);
            QCOMPARE(reread.als.regularization, config.als.regularization);
            QCOMPARE(reread.als.cgSteps, config.als.cgSteps);
        }
        QCOMPARE(reread.train.clipPredictions, config.train.clipPredictions);
        QVERIFY(reread.model == config.model);
        // Every setting the option table names comes back, so a loaded run is described (runs
        // table, compare) with the settings it was trained with.
        for (const OptionDef* o : optionsOf(CliCommand::Train))
            if (o->get)
                QVERIFY2(o->get(reread) == o->get(config),
                         qPrintable(QStringLiteral("--%1: %2 after loading, %3 trained")
                                        .arg(QString::fromStdString(o->name))
                                        .arg(o->get(reread), 0, 'g', 17)
                                        .arg(o->get(config), 0, 'g', 17)));

        const TrainingData rows =
            prepareTrainingData(table, experimentSplit(table, config), config.data);
        const TrainingData rereadRows =
            prepareTrainingData(table, experimentSplit(table, reread), reread.data);
        QCOMPARE(rereadRows.test.users, rows.test.users);
        QCOMPARE(rereadRows.test.books, rows.test.books);
        QVERIFY(rows.test.size() > 100);
        std::vector<float> before(rows.test.size());
        std::vector<float> after(rows.test.size());
        trained.model->predictBatch(rows.test.users, rows.test.books, before);
        loaded.model->predictBatch(rereadRows.test.users, rereadRows.test.books, after);
        QVERIFY(sameBits(before, after));
        std::vector<float> scores(static_cast<std::size_t>(trained.model->bookRows()));
        std::vector<float> reloadedScores(scores.size());
        trained.model->scoreAllBooks(rows.test.users[0], scores);
        loaded.model->scoreAllBooks(rows.test.users[0], reloadedScores);
        QVERIFY(sameBits(scores, reloadedScores));
    }

    void versionOneFilesAreStillRead_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("dotTerm");
        QTest::newRow("tuned-nn had its dot term") << QStringLiteral("tuned-nn") << true;
        QTest::newRow("other neural models had none") << QStringLiteral("custom") << false;
    }

    void versionOneFilesAreStillRead() {
        // Version 1 wrote neither the dot term, product features, kernel L2 nor the
        // initialisation scale, and the global offset to six decimals.
        QFETCH(QString, preset);
        QFETCH(bool, dotTerm);
        auto model = sampleModel(ModelKind::Neural);
        model->setGlobalOffset(3.5f);
        ModelMetadata metadata = metadataFor(*model);
        metadata.preset = preset.toStdString();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.ssm"));
        saveModel(path.toStdString(), *model, metadata);
        QByteArray bytes = withHeader(readAll(path), [](QByteArray header) {
            for (const char* key : {"product_features", "dot_term", "kernel_l2",
                                    "embedding_init_scale", "global_offset"})
                header = withoutKey(header, key);
            return header + "global_offset=3.500000\n";
        });
        bytes[16] = 1;
        writeAll(path, withChecksum(bytes));
        const SavedModel loaded = loadModel(path.toStdString());
        QCOMPARE(loaded.metadata.config.dotTerm, dotTerm);
        QCOMPARE(loaded.metadata.config.productFeatures, false);
        QCOMPARE(loaded.metadata.config.kernelL2, 0.0f);
        QCOMPARE(loaded.metadata.config.embeddingInitScale, ModelConfig{}.embeddingInitScale);
        QCOMPARE(loaded.model->globalOffset(), 3.5f);
        QCOMPARE(loaded.model->config().hidden, model->config().hidden);
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
            << QStringLiteral("format version 4; this Shelfscope reads versions 1 to 3");
        QTest::newRow("version 2 without the dot term")
            << QStringLiteral("no dot_term") << QStringLiteral("header has no 'dot_term' entry");
        QTest::newRow("a flag neither 0 nor 1")
            << QStringLiteral("dot_term=2")
            << QStringLiteral("has 'dot_term=2' where 0 or 1 belongs");
        QTest::newRow("a number that is none")
            << QStringLiteral("global_offset=3.7x")
            << QStringLiteral("has 'global_offset=3.7x' where a number belongs");
        QTest::newRow("wrong type")
            << QStringLiteral("type") << QStringLiteral("fit a neural model");
        // Found by fuzz_model: an empty id map reached memcpy with a null target (UBSan).
        QTest::newRow("no users") << QStringLiteral("no users")
                                  << QStringLiteral("has no users or no books");
        // Found by fuzz_model: the ids were allocated (8 GB) before the file was checked to hold
        // them.
        QTest::newRow("an id map longer than the file")
            << QStringLiteral("huge id map") << QStringLiteral("it ends inside the id map");
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
            bytes[16] = 4;
        else if (damage == QLatin1String("no dot_term"))
            bytes =
                withHeader(bytes, [](const QByteArray& h) { return withoutKey(h, "dot_term"); });
        else if (damage.contains(QLatin1Char('='))) {
            const QByteArray key = damage.section(QLatin1Char('='), 0, 0).toLatin1();
            bytes = withHeader(bytes, [&](const QByteArray& h) {
                return withoutKey(h, key) + damage.toLatin1() + '\n';
            });
        } else if (damage == QLatin1String("type")) {
            // The header's length is stored before it (after the 16-byte magic and the version).
            std::uint32_t length = 0;
            std::memcpy(&length, bytes.constData() + 20, 4);
            length += 3;
            bytes.replace("kind=dot", "kind=neural");
            std::memcpy(bytes.data() + 20, &length, 4);
            bytes = withChecksum(bytes);
        } else if (damage == QLatin1String("no users"))
            bytes = withUserCount(bytes, 0);
        else if (damage == QLatin1String("huge id map"))
            bytes = withUserCount(bytes, std::uint64_t{1} << 31);
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

    void layersLargerThanTheFileAreRefused_data() {
        QTest::addColumn<QString>("header");
        QTest::newRow("sixteen layers of 8192 (4 GB of kernels)")
            << QStringLiteral("hidden=8192,8192,8192,8192,8192,8192,8192,8192,8192,8192,8192,"
                              "8192,8192,8192,8192,8192");
        QTest::newRow("the largest embeddings") << QStringLiteral("dim=4096");
    }

    void layersLargerThanTheFileAreRefused() {
        // The model was made (its weights allocated and filled) before the file was checked to
        // hold them, so a few edited header bytes cost gigabytes.
        QFETCH(QString, header);
        const auto model = sampleModel(ModelKind::Neural);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.ssm"));
        saveModel(path.toStdString(), *model, metadataFor(*model));
        const QByteArray key = header.section(QLatin1Char('='), 0, 0).toLatin1();
        writeAll(path, withHeader(readAll(path), [&](const QByteArray& h) {
                     return withoutKey(h, key) + header.toLatin1() + '\n';
                 }));
        try {
            loadModel(path.toStdString());
            QFAIL("a model larger than its file loaded");
        } catch (const DataError& error) {
            const QString text = QString::fromUtf8(error.what());
            QVERIFY2(text.contains(QStringLiteral("the file is too short for them")),
                     qPrintable(text));
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
        QCOMPARE(metadata.front(), QByteArray("title\tauthor\tyear\taverage_rating\tbook_id"));
        QCOMPARE(metadata.at(3), QByteArray("Tabs and, commas\tA. Author\t1999\t4.25\t3"));
        QCOMPARE(metadata.at(1), QByteArray("Book #1\t\t\t\t1"));
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
