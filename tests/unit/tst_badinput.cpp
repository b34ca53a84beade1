// Bad inputs made at run time (too big, or needing permissions, to be fixtures) through the
// command-line tool: each must exit non-zero with one line naming the file, the line where one
// applies, and the problem. docs/BAD_INPUT.md lists them with the messages quoted.
#include "BadInputFiles.h"
#include "CliRunner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;
using namespace bad_input;

class TestBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dataFolders_data() { addFolderRows(); }

    void dataFolders() {
        QFETCH(QString, name);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        QFETCH(bool, asOtherUser);
        QTemporaryDir dir;
        const QString folder = makeFolderCase(dir, name);
        const Run run =
            runCliAs(asOtherUser, {QStringLiteral("info"), QStringLiteral("--data"), folder});
        restorePermissions(folder);
        QCOMPARE(run.exitCode, 3);
        const QString prefix = QStringLiteral("shelfscope-cli: error: ") +
                               location(file.isEmpty() ? folder : folder + '/' + file, line);
        QVERIFY2(run.err.startsWith(prefix), qPrintable(run.err));
        QVERIFY2(run.err.contains(problem), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        if (asOtherUser) // the same user reads the folder once it may: the refusal was the mode
            QCOMPARE(runCliAs(true, {QStringLiteral("info"), QStringLiteral("--data"),
                                     makeFolderCase(dir, QStringLiteral("readable"))})
                         .exitCode,
                     0);
    }

    void modelFiles_data() { addModelRows(); }

    void modelFiles() {
        QFETCH(QString, name);
        QFETCH(QString, problem);
        QFETCH(bool, asOtherUser);
        QTemporaryDir dir;
        const ModelCase model = makeModelCase(dir, name);
        QVERIFY(!model.path.isEmpty());
        const Run run =
            runCliAs(asOtherUser, {QStringLiteral("recommend"), QStringLiteral("--model"),
                                   model.path, QStringLiteral("--data"), model.data,
                                   QStringLiteral("--user"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 3);
        const QString prefix = QStringLiteral("shelfscope-cli: error: ") + model.path + ": ";
        QVERIFY2(run.err.startsWith(prefix), qPrintable(run.err));
        QVERIFY2(run.err.contains(problem), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        if (asOtherUser) {
            QVERIFY(QFile::setPermissions(model.path, QFile::ReadOwner | QFile::ReadOther));
            const Run readable =
                runCliAs(true, {QStringLiteral("recommend"), QStringLiteral("--model"), model.path,
                                QStringLiteral("--data"), model.data, QStringLiteral("--user"),
                                QStringLiteral("1")});
            QVERIFY2(readable.exitCode == 0, qPrintable(readable.err));
        }
    }

    void titlesThatAreNotUtf8_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("info") << QStringList{QStringLiteral("info")};
        QTest::newRow("similar") << QStringList{QStringLiteral("similar"), QStringLiteral("--book"),
                                                QStringLiteral("11")};
        QTest::newRow("similar --json")
            << QStringList{QStringLiteral("similar"), QStringLiteral("--book"),
                           QStringLiteral("11"), QStringLiteral("--json")};
    }

    void titlesThatAreNotUtf8() {
        QFETCH(QStringList, arguments);
        const QString folder = fixture(QStringLiteral("good/latin1_titles"));
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("latin1.ssm"));
        QCOMPARE(runCli({QStringLiteral("train"), QStringLiteral("--data"), folder,
                         QStringLiteral("--preset"), QStringLiteral("tuned-dot"),
                         QStringLiteral("--save"), model})
                     .exitCode,
                 0);
        if (arguments.first() == QLatin1String("info"))
            arguments << QStringLiteral("--data") << folder;
        else
            arguments << QStringLiteral("--model") << model << QStringLiteral("--top")
                      << QStringLiteral("2");
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 0);
        // Every byte printed is UTF-8 (QString::fromUtf8 would have made U+FFFD of a bad one too,
        // so the check is on the bytes: re-encoding gives them back).
        QCOMPARE(QString::fromUtf8(run.out.toUtf8()), run.out);
        const QChar replacement(0xFFFD);
        if (arguments.first() == QLatin1String("info")) {
            // The warning is one line on standard error, as every message (BAD_INPUT.md).
            QVERIFY2(run.err.startsWith(QStringLiteral("shelfscope-cli: warning: ") + folder +
                                        QStringLiteral("/books.csv:2: column 7 (title): "
                                                       "not valid UTF-8; its bad bytes "
                                                       "are shown as ") +
                                        replacement),
                     qPrintable(run.err));
            QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(!run.out.contains(QStringLiteral("warning")), qPrintable(run.out));
        } else if (arguments.contains(QStringLiteral("--json"))) {
            const QJsonDocument json = QJsonDocument::fromJson(run.out.toUtf8());
            QVERIFY(json.isObject());
            QCOMPARE(json[QStringLiteral("title")].toString(), QStringLiteral("Eleven"));
            QStringList titles;
            for (const QJsonValue& book : json[QStringLiteral("similar")].toArray())
                titles << book[QStringLiteral("title")].toString();
            QVERIFY2(
                titles.contains(QStringLiteral("Les Mis") + replacement + QStringLiteral("rables")),
                qPrintable(titles.join(',')));
        } else {
            QVERIFY2(run.out.contains(QStringLiteral("Eleven (Fran") + replacement +
                                      QStringLiteral("ois)")),
                     qPrintable(run.out));
        }
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
