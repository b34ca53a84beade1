// Under a decimal-comma locale (de_DE.UTF-8, set with setlocale as QApplication does from the
// environment), core reads and writes numbers with dots and gives the very results of the C
// locale; so does the CLI run with LC_ALL=de_DE.UTF-8 (it never adopts the environment's
// locale, so that half guards against a change that would). The app itself: tst_guilocale.
#include "ProgramRunner.h"
#include "data/Dataset.h"
#include "io/DataError.h"
#include "model/EmbeddingExport.h"
#include "model/ModelFile.h"
#include "recommend/ShelfFile.h"
#include "train/Experiment.h"
#include "train/Presets.h"
#include "train/RankingEvaluation.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <clocale>
#include <cstdio>
#include <string>

using namespace shelfscope;

namespace {

constexpr const char* kCommaLocale = "de_DE.UTF-8";

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// What core reads and writes in one locale.
struct Outcome {
    float halfStar = 0.0f;   ///< the first rating of a file of half stars ("3.5")
    std::string scaleError;  ///< the message for a rating outside the scale
    QByteArray model;        ///< the saved model file
    QByteArray exported;     ///< the embedding CSV
    QByteArray shelf;        ///< a written shelf file
    RatedBooks shelfRead;    ///< and read back
    double testFraction = 0; ///< from the saved model's notes
    float popularityBlend = 0;
};

ExperimentConfig experiment() {
    ExperimentConfig config = findPreset("notebook-dot")->config;
    config.train.epochs = 2;
    config.train.threads = 1;
    config.split = SplitKind::Random;
    config.testFraction = 0.3;      // not the default: a note that does not parse would show
    config.popularityBlend = 0.25f; // as would this one
    return config;
}

Outcome runCore(const QString& library, const QString& out) {
    Outcome outcome;
    DatasetLoadConfig half;
    half.folder = SHELFSCOPE_TEST_DATA_DIR "/good/gz_half_stars";
    half.scale = {0.5f, 5.0f};
    outcome.halfStar = loadDataset(half).dataset.ratings.rating[0];
    half.scale = {1.0f, 5.0f};
    try {
        loadDataset(half);
    } catch (const DataError& error) {
        outcome.scaleError = error.what();
    }

    DatasetLoadConfig load;
    load.folder = library.toStdString();
    const Dataset dataset = loadDataset(load).dataset;
    const ExperimentConfig config = experiment();
    const ExperimentResult result = runExperiment(experimentRatings(dataset, config), config);
    const ModelMetadata metadata = describeModel(dataset, config, result, "notebook-dot");
    const std::string modelPath = (out + QStringLiteral("/model.ssm")).toStdString();
    saveModel(modelPath, *result.model, metadata);
    outcome.model = readAll(QString::fromStdString(modelPath));
    const SavedModel saved = loadModel(modelPath);
    outcome.testFraction = experimentOf(saved.metadata).testFraction;
    outcome.popularityBlend = recordedPopularityBlend(saved.metadata);

    const std::string csv = (out + QStringLiteral("/books.csv")).toStdString();
    exportEmbeddingsCsv(*saved.model, saved.metadata.bookRawIds, dataset.books, csv);
    outcome.exported = readAll(QString::fromStdString(csv));

    const std::string shelf = (out + QStringLiteral("/shelf.csv")).toStdString();
    writeShelfFile(
        shelf, {{saved.metadata.bookRawIds.at(1), 4.0f}, {saved.metadata.bookRawIds.at(2), 2.0f}});
    outcome.shelf = readAll(QString::fromStdString(shelf));
    ShelfFileReadConfig read;
    read.path = shelf;
    read.scale = dataset.ratings.scale;
    outcome.shelfRead = readShelfFile(read).ratings;
    return outcome;
}

/// Runs the CLI with LC_ALL set; true when it succeeded (its error logged when not).
bool runCli(const QString& locale, const QStringList& arguments) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), locale);
    environment.insert(QStringLiteral("LC_NUMERIC"), locale);
    const program_test::Run run = program_test::runProgram(QStringLiteral(SHELFSCOPE_CLI_PATH),
                                                           arguments, environment, 120000);
    if (run.exitCode != 0) {
        qWarning().noquote() << run.err;
        return false;
    }
    return true;
}

} // namespace

class TestLocale : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString library_;

private Q_SLOTS:
    void initTestCase() {
        // Without the locale this test proves nothing: say so (packaging/install-deps.sh makes
        // it with localedef).
        if (std::setlocale(LC_ALL, kCommaLocale) == nullptr)
            QSKIP("the de_DE.UTF-8 locale is not installed (run packaging/install-deps.sh)");
        char text[16];
        std::snprintf(text, sizeof text, "%.1f", 1.5);
        QCOMPARE(QByteArray(text), QByteArray("1,5")); // the locale does change C's numbers
        std::setlocale(LC_ALL, "C");
        QVERIFY(dir_.isValid());
        library_ = dir_.filePath(QStringLiteral("library"));
        QVERIFY(
            runCli(QStringLiteral("C"),
                   {QStringLiteral("generate"), QStringLiteral("--out"), library_,
                    QStringLiteral("--users"), QStringLiteral("300"), QStringLiteral("--books"),
                    QStringLiteral("120"), QStringLiteral("--ratings"), QStringLiteral("6000")}));
    }

    void cleanupTestCase() { std::setlocale(LC_ALL, "C"); }

    void coreUsesDotsUnderADecimalComma() {
        QTemporaryDir cOut, commaOut;
        std::setlocale(LC_ALL, "C");
        const Outcome c = runCore(library_, cOut.path());
        QVERIFY(std::setlocale(LC_ALL, kCommaLocale) != nullptr);
        const Outcome comma = runCore(library_, commaOut.path());
        std::setlocale(LC_ALL, "C");

        QCOMPARE(comma.halfStar, 3.5f);
        QCOMPARE(comma.scaleError, c.scaleError);
        QVERIFY2(comma.scaleError.find("0.5") != std::string::npos, comma.scaleError.c_str());
        QCOMPARE(comma.testFraction, 0.3);
        QCOMPARE(comma.popularityBlend, 0.25f);
        QCOMPARE(c.testFraction, 0.3);
        // The same bytes as in the C locale: notes, header floats, weights, CSV numbers.
        QVERIFY(comma.model == c.model);
        QVERIFY(comma.model.contains("\npopularity_blend=0.25\n"));
        QVERIFY(comma.model.contains("\ntest_fraction=0.3\n"));
        QVERIFY(comma.model.contains("\nlearning_rate=0.")); // no "0,001"
        QCOMPARE(comma.exported, c.exported);
        QVERIFY(comma.exported.contains('.'));
        QCOMPARE(comma.shelf, c.shelf);
        QCOMPARE(comma.shelfRead, c.shelfRead);
    }

    void cliUsesDotsUnderADecimalComma() {
        QByteArray model[2], exported[2];
        const QString locales[2] = {QStringLiteral("C"), QString::fromLatin1(kCommaLocale)};
        for (int i = 0; i < 2; ++i) {
            QTemporaryDir out;
            const QString modelPath = out.filePath(QStringLiteral("m.ssm"));
            const QString csv = out.filePath(QStringLiteral("books.csv"));
            QVERIFY(runCli(locales[i], {QStringLiteral("train"), QStringLiteral("--data"), library_,
                                        QStringLiteral("--preset"), QStringLiteral("notebook-dot"),
                                        QStringLiteral("--epochs"), QStringLiteral("2"),
                                        QStringLiteral("--save"), modelPath}));
            QVERIFY(runCli(locales[i], {QStringLiteral("export"), QStringLiteral("--model"),
                                        modelPath, QStringLiteral("--format"),
                                        QStringLiteral("csv"), QStringLiteral("--out"), csv}));
            model[i] = readAll(modelPath);
            exported[i] = readAll(csv);
        }
        QVERIFY(!model[0].isEmpty());
        QVERIFY(model[1] == model[0]);
        QCOMPARE(exported[1], exported[0]);
        QVERIFY(exported[1].contains('.'));
    }
};

QTEST_GUILESS_MAIN(TestLocale)
#include "tst_locale.moc"
