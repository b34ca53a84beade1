// shelfscope-cli as a user runs it: usage errors (exit 2), bad input (exit 3), info, train (its
// epoch lines, save, export, Ctrl-C), import and generate. Recommend, similar and map:
// tst_clirecommend.
#include "BadInputCases.h"
#include "CliRunner.h"
#include "SanitizerBuild.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
