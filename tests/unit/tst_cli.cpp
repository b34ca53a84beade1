#include "BadInputCases.h"
#include "CliRunner.h"
#include "SanitizerBuild.h"

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

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void badInputExitsWithThree_data() { addBadInputRows(); }

    void badInputExitsWithThree() {
        QFETCH(QString, folder);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        const QString path = fixture(QStringLiteral("bad/") + folder);
        const Run run = runCli({QStringLiteral("info"), QStringLiteral("--data"), path});
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.out.isEmpty());
        const QString prefix =
            QStringLiteral("shelfscope-cli: error: ") + expectedLocation(path, file, line);
        QVERIFY2(run.err.startsWith(prefix), qPrintable(run.err));
        QVERIFY2(run.err.contains(problem), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1); // one clear line
    }

    void usageErrorsExitWithTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << QString();
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("info without --data")
            << QStringList{QStringLiteral("info")} << QStringLiteral("--data is required");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("info"), QStringLiteral("--dat"), QStringLiteral("x")}
            << QStringLiteral("unknown option --dat");
        QTest::newRow("option given twice")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"),
                           QStringLiteral("x"),     QStringLiteral("--epochs"),
                           QStringLiteral("3"),     QStringLiteral("--epochs=5")}
            << QStringLiteral("--epochs is given twice; give it once");
        QTest::newRow("flag given twice")
            << QStringList{QStringLiteral("info"), QStringLiteral("--data"), QStringLiteral("x"),
                           QStringLiteral("--keep-duplicates"), QStringLiteral("--keep-duplicates")}
            << QStringLiteral("--keep-duplicates is given twice; give it once");
        QTest::newRow("missing value")
            << QStringList{QStringLiteral("info"), QStringLiteral("--data")}
            << QStringLiteral("--data needs a value");
        QTest::newRow("bad number")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--out"), QStringLiteral("x"),
                           QStringLiteral("--users"), QStringLiteral("many")}
            << QStringLiteral("--users must be a whole number");
        QTest::newRow("unknown preset")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("x"),
                           QStringLiteral("--preset"), QStringLiteral("best")}
            << QStringLiteral("--preset is notebook-dot, notebook-nn, tuned-dot, tuned-nn, "
                              "ranking-dot, ease, item-knn, ials or tuned-implicit, got 'best'");
        QTest::newRow("zero batch")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("x"),
                           QStringLiteral("--batch"), QStringLiteral("0")}
            << QStringLiteral("--batch must be between 1 and 1000000");
        QTest::newRow("bad hidden")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("x"),
                           QStringLiteral("--hidden"), QStringLiteral("12,x")}
            << QStringLiteral("--hidden takes comma-separated layer widths");
        QTest::newRow("beta1 of one")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("x"),
                           QStringLiteral("--beta1"), QStringLiteral("1")}
            << QStringLiteral("--beta1 must be a number between");
        QTest::newRow("bad optimizer")
            << QStringList{QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("x"),
                           QStringLiteral("--optimizer"), QStringLiteral("rmsprop")}
            << QStringLiteral("--optimizer is adam or sgd");
        QTest::newRow("bad export format")
            << QStringList{QStringLiteral("export"), QStringLiteral("--model"),
                           QStringLiteral("x"),      QStringLiteral("--format"),
                           QStringLiteral("xml"),    QStringLiteral("--out"),
                           QStringLiteral("y")}
            << QStringLiteral("--format is projector or csv");
        QTest::newRow("bad import format")
            << QStringList{QStringLiteral("import"),  QStringLiteral("--users"),
                           QStringLiteral("u"),       QStringLiteral("--books"),
                           QStringLiteral("b"),       QStringLiteral("--format"),
                           QStringLiteral("parquet"), QStringLiteral("--out"),
                           QStringLiteral("y")}
            << QStringLiteral("--format is spark-json, tsv or csv");
        QTest::newRow("drop unknown without data")
            << QStringList{QStringLiteral("import"), QStringLiteral("--users"),
                           QStringLiteral("u"),      QStringLiteral("--books"),
                           QStringLiteral("b"),      QStringLiteral("--drop-unknown"),
                           QStringLiteral("--out"),  QStringLiteral("y")}
            << QStringLiteral("--drop-unknown needs --data DIR");
        QTest::newRow("unknown map method")
            << QStringList{QStringLiteral("map"), QStringLiteral("--method"), QStringLiteral("mds"),
                           QStringLiteral("--out"), QStringLiteral("x")}
            << QStringLiteral("--method is pca, tsne or umap");
        QTest::newRow("UMAP start")
            << QStringList{QStringLiteral("map"),    QStringLiteral("--method"),
                           QStringLiteral("umap"),   QStringLiteral("--init"),
                           QStringLiteral("random"), QStringLiteral("--out"),
                           QStringLiteral("x")}
            << QStringLiteral("--init is spectral or pca for UMAP");
        QTest::newRow("UMAP min-dist")
            << QStringList{QStringLiteral("map"),  QStringLiteral("--method"),
                           QStringLiteral("umap"), QStringLiteral("--min-dist"),
                           QStringLiteral("2"),    QStringLiteral("--out"),
                           QStringLiteral("x")}
            << QStringLiteral("--min-dist must be a number between");
        QTest::newRow("impossible library")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--out"),
                           QStringLiteral("x"),        QStringLiteral("--users"),
                           QStringLiteral("10"),       QStringLiteral("--books"),
                           QStringLiteral("10"),       QStringLiteral("--ratings"),
                           QStringLiteral("1000")}
            << QStringLiteral("--ratings is too many");
        QTest::newRow("more genres than the list")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--out"), QStringLiteral("x"),
                           QStringLiteral("--genres"), QStringLiteral("24")}
            << QStringLiteral("--genres must be between 1 and 23, got 24");
    }

    void usageErrorsExitWithTwo() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message) || run.out.contains(QStringLiteral("usage:")),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("usage:")) ||
                run.out.contains(QStringLiteral("usage:")));
    }

    void infoJsonReportsCounts() {
        const Run run =
            runCli({QStringLiteral("info"), QStringLiteral("--data"),
                    fixture(QStringLiteral("good/kaggle_crlf_bom")), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(info.value(QStringLiteral("rows_read")).toInt(), 6);
        QCOMPARE(info.value(QStringLiteral("duplicates_dropped")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("conflicting_pairs")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("ratings_kept")).toInt(), 5);
        QCOMPARE(info.value(QStringLiteral("users")).toInt(), 3);
        QCOMPARE(info.value(QStringLiteral("books")).toInt(), 4);
        QCOMPARE(info.value(QStringLiteral("books_without_metadata")).toInt(), 1);
        const QJsonObject perUser = info.value(QStringLiteral("ratings_per_user")).toObject();
        QCOMPARE(perUser.value(QStringLiteral("min")).toInt(), 1);
        QCOMPARE(perUser.value(QStringLiteral("median")).toDouble(), 2.0);
        QCOMPARE(perUser.value(QStringLiteral("max")).toInt(), 2);
        const QJsonArray histogram = info.value(QStringLiteral("histogram_before_dedup")).toArray();
        QCOMPARE(histogram.size(), 5);
        QCOMPARE(histogram.at(4).toObject().value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("warnings")).toArray().size(), 1);
    }

    void infoTextIsReadable() {
        const Run run = runCli({QStringLiteral("info"), QStringLiteral("--data"),
                                fixture(QStringLiteral("good/kaggle_crlf_bom"))});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("duplicates dropped")));
        QVERIFY(run.out.contains(QStringLiteral("1 repeated pairs, 1 with conflicting ratings")));
        // A warning is a message: on standard error, as the errors are.
        QVERIFY2(run.err.startsWith(
                     QStringLiteral("shelfscope-cli: warning: 1 rated books are not in books.csv")),
                 qPrintable(run.err));
        QVERIFY2(!run.out.contains(QStringLiteral("warning")), qPrintable(run.out));
    }

    void infoReportsShelvesAndGenres() {
        const QString folder = fixture(QStringLiteral("good/shelves"));
        const Run run = runCli(
            {QStringLiteral("info"), QStringLiteral("--data"), folder, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(info.value(QStringLiteral("tags_file"))
                    .toString()
                    .endsWith(QStringLiteral("tags.csv")));
        QVERIFY(info.value(QStringLiteral("book_tags_file"))
                    .toString()
                    .endsWith(QStringLiteral("book_tags.csv")));
        QCOMPARE(info.value(QStringLiteral("tags")).toInt(), 11);
        QCOMPARE(info.value(QStringLiteral("book_tags_rows")).toInt(), 15);
        QCOMPARE(info.value(QStringLiteral("book_tags_unknown_counts")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("book_tags_repeated_pairs")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("book_tags_unmatched_rows")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("books_with_shelves")).toInt(), 3);
        QCOMPARE(info.value(QStringLiteral("books_with_genre")).toInt(), 2);
        // A number of seconds, not a missing key (which would read as 0).
        QVERIFY(info.value(QStringLiteral("book_tags_seconds")).isDouble());
        QVERIFY(info.value(QStringLiteral("book_tags_seconds")).toDouble() >= 0.0);
        const QJsonArray genres = info.value(QStringLiteral("genres")).toArray();
        QCOMPARE(genres.size(), 2);
        QCOMPARE(genres.at(0).toObject().value(QStringLiteral("genre")).toString(),
                 QStringLiteral("Fantasy"));
        QCOMPARE(genres.at(0).toObject().value(QStringLiteral("books")).toInt(), 1);
        QCOMPARE(info.value(QStringLiteral("warnings")).toArray().size(), 3);

        const Run text = runCli({QStringLiteral("info"), QStringLiteral("--data"), folder});
        QCOMPARE(text.exitCode, 0);
        for (const char* expected :
             {"  tags     ", "[11 shelf names]", "  shelves  ", "book_tags rows",
              "(1 with count -1, ignored; 1 repeated pairs, larger count kept; 1 naming books not "
              "in books.csv, ignored)",
              "books with a genre", "66.67%", "Genres (each book's most-used genre shelf)",
              "  Mystery  "})
            QVERIFY2(text.out.contains(QString::fromUtf8(expected)), expected);
    }

    void epochLinesHoldWhatTheRunHas_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("header");
        QTest::addColumn<bool>("ratingErrors");
        QTest::addColumn<int>("epochLines");
        QTest::newRow("notebook-dot")
            << QStringLiteral("notebook-dot") << QStringLiteral("test MSE  test RMSE") << true << 2;
        QTest::newRow("ranking-dot")
            << QStringLiteral("ranking-dot") << QStringLiteral("BPR loss") << false << 2;
        QTest::newRow("ials") << QStringLiteral("ials") << QStringLiteral("objective") << false
                              << 2;
        QTest::newRow("item-knn") << QStringLiteral("item-knn")
                                  << QStringLiteral("Fitted in closed form") << false << 0;
    }

    // A run that ranks books has no rating errors: its epoch lines, in text and JSON, hold none
    // (they printed zeros), and a closed-form fit prints no epoch table at all.
    void epochLinesHoldWhatTheRunHas() {
        QFETCH(QString, preset);
        QFETCH(QString, header);
        QFETCH(bool, ratingErrors);
        QFETCH(int, epochLines);
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const Run text =
            generateAndTrain(library, dir.filePath(QStringLiteral("a.ssm")), preset, 2);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        const QStringList lines = text.out.split(QLatin1Char('\n'));
        QVERIFY2(lines.size() > 2 && lines.at(1).contains(header), qPrintable(text.out));
        QCOMPARE(lines.at(1).contains(QStringLiteral("test MSE")), ratingErrors);
        const Run json = runCli({QStringLiteral("train"), QStringLiteral("--data"), library,
                                 QStringLiteral("--preset"), preset, QStringLiteral("--epochs"),
                                 QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QStringList objects = json.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(objects.size(), epochLines + 1); // the epochs and the summary
        const QJsonObject summary = QJsonDocument::fromJson(objects.last().toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("predicts_ratings")).toBool(), ratingErrors);
        for (const char* key : {"test_mse", "test_rmse", "test_mae"})
            QCOMPARE(summary.contains(QLatin1String(key)), ratingErrors);
        for (int e = 0; e < epochLines; ++e) {
            const QJsonObject epoch = QJsonDocument::fromJson(objects.at(e).toUtf8()).object();
            QCOMPARE(epoch.value(QStringLiteral("epoch")).toInt(), e + 1);
            QVERIFY(epoch.contains(QStringLiteral("train_loss")));
            QCOMPARE(epoch.contains(QStringLiteral("test_mse")), ratingErrors);
            QCOMPARE(epoch.contains(QStringLiteral("test_rmse")), ratingErrors);
            QCOMPARE(epoch.contains(QStringLiteral("test_mae")), ratingErrors);
        }
    }

    void trainSaveAndExport() {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const QString model = dir.filePath(QStringLiteral("model.ssm"));
        const Run train = generateAndTrain(library, model, QStringLiteral("notebook-dot"), 3, {},
                                           {QStringLiteral("--json")});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const QStringList lines = train.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4); // three epochs and the summary
        const QJsonObject epoch3 = QJsonDocument::fromJson(lines.at(2).toUtf8()).object();
        QCOMPARE(epoch3.value(QStringLiteral("epoch")).toInt(), 3);
        for (const char* key : {"train_loss", "test_mse", "test_rmse", "test_mae", "seconds"})
            QVERIFY2(epoch3.contains(QLatin1String(key)), key);
        const QJsonObject summary = QJsonDocument::fromJson(lines.at(3).toUtf8()).object();
        for (const char* key :
             {"test_mse", "test_rmse", "test_mae", "baseline_global_mean_rmse",
              "baseline_bias_rmse", "train_seconds", "ratings_per_second", "parameters"})
            QVERIFY2(summary.contains(QLatin1String(key)), key);
        QCOMPARE(summary.value(QStringLiteral("test_mse")).toDouble(),
                 epoch3.value(QStringLiteral("test_mse")).toDouble());
        QCOMPARE(summary.value(QStringLiteral("test_rows")).toInt(), 1800);
        QVERIFY(QFileInfo::exists(model));

        // The model file remembers its data folder; the export needs nothing else.
        const QString projector = dir.filePath(QStringLiteral("projector"));
        const Run exported = runCli({QStringLiteral("export"), QStringLiteral("--model"), model,
                                     QStringLiteral("--out"), projector});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY(QFileInfo::exists(projector + QStringLiteral("/vectors.tsv")));
        QVERIFY(QFileInfo::exists(projector + QStringLiteral("/metadata.tsv")));

        // Another data set is refused with exit 3.
        const Run mismatch = runCli({QStringLiteral("export"), QStringLiteral("--model"), model,
                                     QStringLiteral("--data"), fixture(QStringLiteral("good/tiny")),
                                     QStringLiteral("--out"), projector});
        QCOMPARE(mismatch.exitCode, 3);
        QVERIFY2(mismatch.err.contains(
                     QStringLiteral("the model was trained on another data set ('lib'")),
                 qPrintable(mismatch.err));
    }

    // train's summary gives test errors for the models that predict stars (tuned-implicit's
    // objective is not "ratings" but it predicts them) and none for those that rank books.
    void trainSummarySaysWhetherTheModelPredictsStars_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("predictsStars");
        QTest::newRow("tuned-dot") << QStringLiteral("tuned-dot") << true;
        QTest::newRow("tuned-implicit") << QStringLiteral("tuned-implicit") << true;
        QTest::newRow("ials") << QStringLiteral("ials") << false;
    }

    void trainSummarySaysWhetherTheModelPredictsStars() {
        QFETCH(QString, preset);
        QFETCH(bool, predictsStars);
        QTemporaryDir dir;
        const Run train =
            generateAndTrain(dir.filePath(QStringLiteral("lib")),
                             dir.filePath(QStringLiteral("model.ssm")), preset, 2, {}, {});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        QCOMPARE(train.out.contains(QStringLiteral("  RMSE ")), predictsStars);
        QCOMPARE(train.out.contains(QStringLiteral("no rating errors, the model ranks books")),
                 !predictsStars);
    }

    // Ctrl-C stops a model trained in epochs at its next look: train prints its summary, saves
    // the weights reached and exits with 130, as a shell reports a program Ctrl-C ends.
    void ctrlCStopsTrainingAndKeepsTheWeightsReached() {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const QString model = dir.filePath(QStringLiteral("model.ssm"));
        QCOMPARE(runCli({QStringLiteral("generate"), QStringLiteral("--out"), library}).exitCode,
                 0);
        // The header's two lines and the first epoch's, then Ctrl-C: far from the 500th epoch.
        const Run train = runCliInterrupted(
            {QStringLiteral("train"), QStringLiteral("--data"), library, QStringLiteral("--preset"),
             QStringLiteral("tuned-nn"), QStringLiteral("--epochs"), QStringLiteral("500"),
             QStringLiteral("--save"), model},
            3, shelfscope::test::timeLimitMs(120000));
        QCOMPARE(train.exitCode, 130);
        QVERIFY2(train.out.contains(QStringLiteral("Outcome: stopped: stopped ")),
                 qPrintable(train.out));
        QVERIFY(train.out.contains(QStringLiteral("Saved the model reached when stopped to")));
        QVERIFY(!train.out.contains(QStringLiteral("\n  500  ")));
        QVERIFY(QFileInfo::exists(model));
        const Run evaluated = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), model,
                                      QStringLiteral("--max-readers"), QStringLiteral("50")});
        QVERIFY2(evaluated.exitCode == 0, qPrintable(evaluated.err));
    }

    // Spark's factor folders become a model the other commands use; bad lines exit with 3.
    void importTurnsSparkFactorsIntoAModel() {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("spark.ssm"));
        const QString users = fixture(QStringLiteral("import/spark/userFactors"));
        const QString books = fixture(QStringLiteral("import/spark/itemFactors"));
        const Run imported =
            runCli({QStringLiteral("import"), QStringLiteral("--users"), users,
                    QStringLiteral("--books"), books, QStringLiteral("--data"),
                    fixture(QStringLiteral("good/tiny")), QStringLiteral("--out"), model});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.contains(QStringLiteral("Read 3 users from 2 files (spark-json)")),
                 qPrintable(imported.out));
        QVERIFY2(imported.out.contains(QStringLiteral("bound to 'tiny'")),
                 qPrintable(imported.out));
        const Run recommended =
            runCli({QStringLiteral("recommend"), QStringLiteral("--model"), model,
                    QStringLiteral("--user"), QStringLiteral("3"), QStringLiteral("--json")});
        QCOMPARE(recommended.exitCode, 0);
        const QJsonArray items = QJsonDocument::fromJson(recommended.out.toUtf8())
                                     .object()
                                     .value(QStringLiteral("items"))
                                     .toArray();
        QCOMPARE(items.size(), 2); // books 10 and 12; reader 3 rated 11
        // (-2.5, 0.125, 3.0) . (0.0, -3.0, 0.5) = 1.125 for book 12, before book 10's -5.25.
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("book_id")).toInt(), 12);
        // Book 12 is explained by book 11, which reader 3 liked (cosine 0.15); book 10 points
        // away from it (cosine -0.41), so it has no reason and no measure.
        const QJsonObject explained = items.at(0).toObject();
        QCOMPARE(explained.value(QStringLiteral("because_book_id")).toInt(), 11);
        QVERIFY(explained.value(QStringLiteral("because_similarity")).toDouble() > 0.0);
        const QJsonObject unexplained = items.at(1).toObject();
        QCOMPARE(unexplained.value(QStringLiteral("book_id")).toInt(), 10);
        QVERIFY(unexplained.value(QStringLiteral("because_book_id")).isNull());
        QVERIFY(unexplained.value(QStringLiteral("because_title")).isNull());
        QVERIFY(unexplained.value(QStringLiteral("because_similarity")).isNull());

        const Run unbound = runCli({QStringLiteral("import"), QStringLiteral("--users"), users,
                                    QStringLiteral("--books"), books, QStringLiteral("--out"),
                                    dir.filePath(QStringLiteral("unbound.ssm"))});
        QCOMPARE(unbound.exitCode, 0);
        QVERIFY2(unbound.out.contains(QStringLiteral("bound to no data set")),
                 qPrintable(unbound.out));

        const QString bad = fixture(QStringLiteral("import/bad/duplicate_id.json"));
        const Run refused = runCli({QStringLiteral("import"), QStringLiteral("--users"), bad,
                                    QStringLiteral("--books"), books, QStringLiteral("--out"),
                                    dir.filePath(QStringLiteral("bad.ssm"))});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(bad + QStringLiteral(":3: id 1 appears twice")),
                 qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("bad.ssm"))));
    }

    // export's user and book tables, imported back, recommend what the exported model did.
    void exportedTablesImportBack() {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const QString model = dir.filePath(QStringLiteral("model.ssm"));
        const Run train =
            generateAndTrain(library, model, QStringLiteral("notebook-dot"), 2, {200, 80, 5000});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        for (const QString& table : {QStringLiteral("users"), QStringLiteral("books")})
            QCOMPARE(runCli({QStringLiteral("export"), QStringLiteral("--model"), model,
                             QStringLiteral("--table"), table, QStringLiteral("--out"),
                             dir.filePath(table)})
                         .exitCode,
                     0);
        const QString imported = dir.filePath(QStringLiteral("imported.ssm"));
        const Run run = runCli({QStringLiteral("import"), QStringLiteral("--users"),
                                dir.filePath(QStringLiteral("users")), QStringLiteral("--books"),
                                dir.filePath(QStringLiteral("books")), QStringLiteral("--data"),
                                library, QStringLiteral("--out"), imported});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("(tsv)")), qPrintable(run.out));
        const auto top = [](const QString& path) {
            const Run listed =
                runCli({QStringLiteral("recommend"), QStringLiteral("--model"), path,
                        QStringLiteral("--user"), QStringLiteral("7"), QStringLiteral("--top"),
                        QStringLiteral("10"), QStringLiteral("--json")});
            return QJsonDocument::fromJson(listed.out.toUtf8())
                .object()
                .value(QStringLiteral("items"))
                .toArray();
        };
        const QJsonArray original = top(model);
        QCOMPARE(original.size(), 10);
        QCOMPARE(top(imported), original); // notebook-dot has no biases: the same scores
    }

    void generateWritesALoadableLibrary() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("lib"));
        const Run generated =
            runCli({QStringLiteral("generate"), QStringLiteral("--users"), QStringLiteral("200"),
                    QStringLiteral("--books"), QStringLiteral("120"), QStringLiteral("--ratings"),
                    QStringLiteral("5000"), QStringLiteral("--genres"), QStringLiteral("4"),
                    QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--out"), out});
        QCOMPARE(generated.exitCode, 0);
        QVERIFY(generated.out.contains(QStringLiteral("5,000 ratings by 200 readers")));
        const Run info = runCli(
            {QStringLiteral("info"), QStringLiteral("--data"), out, QStringLiteral("--json")});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("ratings_kept")).toInt(), 5000);
        QCOMPARE(json.value(QStringLiteral("users")).toInt(), 200);
        QCOMPARE(json.value(QStringLiteral("duplicates_dropped")).toInt(), 0);
        QCOMPARE(json.value(QStringLiteral("books_in_catalog")).toInt(), 120);
        // The planted genres come back through tags.csv and book_tags.csv.
        QCOMPARE(json.value(QStringLiteral("books_with_genre")).toInt(), 120);
        QCOMPARE(json.value(QStringLiteral("genres")).toArray().size(), 4);
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/book_tags.csv")));
    }

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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
