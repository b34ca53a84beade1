// Saving where nothing can be written: the CLI exits non-zero with a message naming the file and
// the system's reason, the file that was there stays whole and no temporary file is left; the
// GUI shows the message and keeps the run, which still recommends and maps.
//
// The full-disk and read-only-file-system cases mount a small tmpfs in a private mount
// namespace (unshare --mount, which needs root or CAP_SYS_ADMIN); they are their own ctest entry
// (tst_savefaults_mounted), which starts this program itself under unshare --mount where that is
// allowed, so the GUI's saving threads see the mounts too, and skip, saying why, where it is not.
// chmod 0555 does not stop root: as root, the read-only folder case runs the CLI as the user
// nobody, and ctest's tst_savefaults_nobody runs the GUI's read-only folder case, this whole
// program, as nobody.
#include "MainWindow.h"
#include "ProgramRunner.h"
#include "RunsModel.h"
#include "TrainPanel.h"
#include "Workspace.h"
#include "maps/BookEmbeddings.h"
#include "maps/BookMap.h"
#include "recommend/Recommender.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <string>
#include <unistd.h>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

using CliRun = program_test::Run;

CliRun run(const QString& program, const QStringList& arguments) {
    return program_test::runProgram(program, arguments, QProcessEnvironment::systemEnvironment(),
                                    120000);
}

CliRun cli(const QStringList& arguments) {
    return run(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments);
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A factor CSV of `rows` ids and 32 features.
QByteArray factors(const char* idColumn, int rows) {
    QByteArray text(idColumn);
    for (int c = 0; c < 32; ++c)
        text += ",e" + QByteArray::number(c);
    text += '\n';
    for (int row = 1; row <= rows; ++row) {
        text += QByteArray::number(row);
        for (int c = 0; c < 32; ++c)
            text += ',' + QByteArray::number((row * 31 + c) % 17 * 0.01 - 0.08, 'g', 6);
        text += '\n';
    }
    return text;
}

bool mountNamespacesAllowed() {
    return run(QStringLiteral("unshare"), {QStringLiteral("--mount"), QStringLiteral("true")})
               .exitCode == 0;
}

/// True when this process has a mount namespace of its own (ctest's tst_savefaults_mounted
/// starts it under unshare --mount): only then may it mount, unseen by the rest of the machine.
bool inPrivateMountNamespace() {
    const auto namespaceOf = [](const std::string& link) {
        char target[128] = {};
        const ssize_t length = ::readlink(link.c_str(), target, sizeof target - 1);
        return length > 0 ? std::string(target, static_cast<std::size_t>(length)) : std::string();
    };
    const std::string own = namespaceOf("/proc/self/ns/mnt"); // "mnt:[4026531841]"
    const std::string parent = namespaceOf("/proc/" + std::to_string(::getppid()) + "/ns/mnt");
    return !own.empty() && !parent.empty() && own != parent;
}

/// Runs the CLI as the user nobody when this process is root (whom a folder's mode does not
/// stop), else as this user.
CliRun cliAsOtherUser(const QStringList& arguments) {
    if (::geteuid() != 0)
        return cli(arguments);
    return run(QStringLiteral("setpriv"),
               QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                           QStringLiteral("--clear-groups"), QStringLiteral(SHELFSCOPE_CLI_PATH)} +
                   arguments);
}

/// Fills the file system holding `folder` with a file until a write fails for want of space.
bool fillUp(const QString& folder) {
    QFile filler(folder + QStringLiteral("/filler"));
    if (!filler.open(QIODevice::WriteOnly))
        return false;
    const QByteArray block(4096, 'x');
    while (filler.write(block) == block.size() && filler.flush()) {
    }
    return filler.error() != QFileDevice::NoError;
}

} // namespace

class TestSaveFaults : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)); }

    QStringList importArguments(const char* users, const QString& out) const {
        return {QStringLiteral("import"),  QStringLiteral("--users"), path(users),
                QStringLiteral("--books"), path("books.csv"),         QStringLiteral("--format"),
                QStringLiteral("csv"),     QStringLiteral("--out"),   out};
    }

    /// Runs the CLI inside a private mount namespace with a tmpfs of `size` on `folder` holding
    /// a copy of small.ssm as m.ssm; `readOnly` remounts it read-only first. After the CLI the
    /// shell says whether m.ssm is still the copy (KEPT) and lists the folder.
    CliRun importInMountedFolder(const QString& folder, const char* size, bool readOnly) const {
        const QString script = QStringLiteral("mount -t tmpfs -o size=%1 none \"$0\" || exit 90\n"
                                              "cp \"$1\" \"$0/m.ssm\" || exit 91\n"
                                              "%2"
                                              "shift\n"
                                              "\"$@\"; rc=$?\n"
                                              "cmp -s \"$SMALL\" \"$FOLDER/m.ssm\" && echo KEPT\n"
                                              "ls -A \"$FOLDER\"\n"
                                              "exit $rc\n")
                                   .arg(QString::fromLatin1(size),
                                        readOnly ? QStringLiteral("mount -o remount,ro \"$0\" "
                                                                  "|| exit 92\n")
                                                 : QString());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SMALL"), path("small.ssm"));
        environment.insert(QStringLiteral("FOLDER"), folder);
        QStringList arguments{QStringLiteral("--mount"),
                              QStringLiteral("sh"),
                              QStringLiteral("-c"),
                              script,
                              folder,
                              path("small.ssm"),
                              QStringLiteral(SHELFSCOPE_CLI_PATH)};
        arguments += importArguments("users-big.csv", folder + QStringLiteral("/m.ssm"));
        return program_test::runProgram(QStringLiteral("unshare"), arguments, environment, 120000);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        // The user nobody reads the inputs here in the read-only folder case (as root).
        QVERIFY(QFile::setPermissions(
            dir_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                             QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
        QVERIFY(writeAll(path("users-small.csv"), factors("user_id", 10)));
        QVERIFY(writeAll(path("users-big.csv"), factors("user_id", 20000))); // a 2.6 MB model
        QVERIFY(writeAll(path("books.csv"), factors("book_id", 50)));
        QCOMPARE(cli(importArguments("users-small.csv", path("small.ssm"))).exitCode, 0);
        // export reads the model's data set: a small generated library and a model bound to it.
        QCOMPARE(cli({QStringLiteral("generate"), QStringLiteral("--out"), path("lib"),
                      QStringLiteral("--users"), QStringLiteral("100"), QStringLiteral("--books"),
                      QStringLiteral("50"), QStringLiteral("--ratings"), QStringLiteral("2000")})
                     .exitCode,
                 0);
        QCOMPARE(cli(importArguments("users-small.csv", path("bound.ssm"))
                     << QStringLiteral("--data") << path("lib") << QStringLiteral("--drop-unknown"))
                     .exitCode,
                 0);
    }

    void cliReportsAnUnwritableFolder_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("asOtherUser");
        QVERIFY(writeAll(path("a-file"), "not a folder"));
        QTest::newRow("a file where the folder should be")
            << path("a-file") << QStringLiteral("Not a directory") << false;
        QTest::newRow("no such folder")
            << path("missing") << QStringLiteral("No such file or directory") << false;
        QVERIFY(QDir().mkpath(path("read-only")));
        QVERIFY(QFile::setPermissions(path("read-only"), QFile::ReadOwner | QFile::ExeOwner |
                                                             QFile::ReadOther | QFile::ExeOther));
        QTest::newRow("read-only folder")
            << path("read-only") << QStringLiteral("Permission denied") << true;
    }

    void cliReportsAnUnwritableFolder() {
        QFETCH(QString, folder);
        QFETCH(QString, reason);
        QFETCH(bool, asOtherUser);
        const QString model = folder + QStringLiteral("/m.ssm");
        const QString csv = folder + QStringLiteral("/books.csv");
        const QList<QStringList> commands{importArguments("users-small.csv", model),
                                          {QStringLiteral("export"), QStringLiteral("--model"),
                                           path("bound.ssm"), QStringLiteral("--format"),
                                           QStringLiteral("csv"), QStringLiteral("--out"), csv}};
        for (const QStringList& command : commands) {
            const CliRun result = asOtherUser ? cliAsOtherUser(command) : cli(command);
            const QString target = command.last();
            QVERIFY2(result.exitCode > 0, qPrintable(result.err));
            QVERIFY2(result.err.contains(target) && result.err.contains(reason),
                     qPrintable(result.err));
        }
    }

    void cliReportsAFullDisk() {
        if (!mountNamespacesAllowed())
            QSKIP("unshare --mount is not allowed here (needs root or CAP_SYS_ADMIN)");
        const QString folder = path("full");
        QVERIFY(QDir().mkpath(folder));
        // 1 MB holds small.ssm but not the 2.6 MB model.
        const CliRun result = importInMountedFolder(folder, "1m", false);
        QVERIFY2(result.exitCode > 0 && result.exitCode < 90, qPrintable(result.err));
        QVERIFY2(result.err.contains(folder + QStringLiteral("/m.ssm")), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("No space left on device")),
                 qPrintable(result.err));
        QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList({QStringLiteral("KEPT"), QStringLiteral("m.ssm")}));
    }

    void cliReportsAReadOnlyFileSystem() {
        if (!mountNamespacesAllowed())
            QSKIP("unshare --mount is not allowed here (needs root or CAP_SYS_ADMIN)");
        const QString folder = path("read-only-fs");
        QVERIFY(QDir().mkpath(folder));
        const CliRun result = importInMountedFolder(folder, "8m", true);
        QVERIFY2(result.exitCode > 0 && result.exitCode < 90, qPrintable(result.err));
        QVERIFY2(result.err.contains(folder + QStringLiteral("/m.ssm")), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("Read-only file system")),
                 qPrintable(result.err));
        QCOMPARE(result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList({QStringLiteral("KEPT"), QStringLiteral("m.ssm")}));
    }

    void guiKeepsTheRunWhenASaveFails() {
        guiKeepsTheRun(path("a-file") + QStringLiteral("/run.ssm"),
                       QStringLiteral("Not a directory"));
    }

    void guiKeepsTheRunInAReadOnlyFolder() {
        // chmod 0555 does not stop root, and the GUI cannot drop to another user inside this
        // process: ctest's tst_savefaults_nobody runs this function as the user nobody.
        if (::geteuid() == 0)
            QSKIP("a read-only folder does not stop root: ctest's tst_savefaults_nobody runs "
                  "this as the user nobody");
        const QString folder = path("gui-read-only-folder");
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + QStringLiteral("/run.ssm");
        QVERIFY(QFile::copy(path("small.ssm"), target));
        const QByteArray earlierExport("an earlier export\n");
        QVERIFY(writeAll(folder + QStringLiteral("/runs.csv"), earlierExport));
        const QFile::Permissions readOnly = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                                            QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
        QVERIFY(QFile::setPermissions(folder, readOnly));
        // The files themselves stay writable: the folder, where the temporary file would go, is
        // what refuses, and the export's message names it.
        guiKeepsTheRun(target, QStringLiteral("Permission denied"));
        QCOMPARE(readAll(target), readAll(path("small.ssm")));
        QCOMPARE(readAll(folder + QStringLiteral("/runs.csv")), earlierExport);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 QStringList({QStringLiteral("run.ssm"), QStringLiteral("runs.csv")}));
        QVERIFY(QFile::setPermissions(folder, readOnly | QFile::WriteOwner));
    }

    void guiKeepsTheRunOnAFullOrReadOnlyDisk_data() {
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("reason");
        QTest::newRow("full disk") << false << QStringLiteral("No space left on device");
        QTest::newRow("read-only file system") << true << QStringLiteral("Read-only file system");
    }

    void guiKeepsTheRunOnAFullOrReadOnlyDisk() {
        // The save fails inside the write on the full disk (the temporary file is made, its
        // bytes do not fit), at the open on the read-only one; either way the model that was
        // there stays as it was, no temporary file is left and the run stays.
        QFETCH(bool, readOnly);
        QFETCH(QString, reason);
        if (!inPrivateMountNamespace())
            QSKIP("not in a mount namespace of its own: ctest's tst_savefaults_mounted starts "
                  "this under unshare --mount, which needs root or CAP_SYS_ADMIN");
        const QString folder = path(readOnly ? "gui-read-only-fs" : "gui-full");
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(run(QStringLiteral("mount"),
                     {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                      QStringLiteral("size=1m"), QStringLiteral("none"), folder})
                     .exitCode,
                 0);
        const QString target = folder + QStringLiteral("/run.ssm");
        QVERIFY(QFile::copy(path("small.ssm"), target));
        const QByteArray earlierExport("an earlier export\n");
        QVERIFY(writeAll(folder + QStringLiteral("/runs.csv"), earlierExport));
        if (readOnly)
            QCOMPARE(run(QStringLiteral("mount"),
                         {QStringLiteral("-o"), QStringLiteral("remount,ro"), folder})
                         .exitCode,
                     0);
        else
            QVERIFY(fillUp(folder));
        guiKeepsTheRun(target, reason);
        QCOMPARE(readAll(target), readAll(path("small.ssm")));
        QCOMPARE(readAll(folder + QStringLiteral("/runs.csv")), earlierExport);
        QStringList left = QDir(folder).entryList(QDir::Files | QDir::Hidden);
        left.removeAll(QStringLiteral("filler"));
        QCOMPARE(left, QStringList({QStringLiteral("run.ssm"), QStringLiteral("runs.csv")}));
        QCOMPARE(run(QStringLiteral("umount"), {folder}).exitCode, 0);
    }

private:
    /// Trains the demo library's default preset in the GUI, saves the run to `target`, which
    /// must fail for `reason`, and checks the message and that the run still recommends, maps
    /// and saves elsewhere. An export to runs.csv beside `target` fails the same way: every
    /// export of the GUI (lists, maps, charts, runs) writes through writeFileAtomically.
    void guiKeepsTheRun(const QString& target, const QString& reason) {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QSignalSpy opened(window->loader(), &DatasetLoader::loaded);
        window->openDemo({});
        QVERIFY(opened.wait(30000));
        window->showTab(1);
        TrainPanel* panel = window->trainPanel();
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        const int runNumber = finished.at(0).at(0).value<TrainingRun>().run;

        QSignalSpy failed(panel->fileJobs(), &ModelFileJobs::failed);
        panel->saveRunModel(runNumber, target);
        QVERIFY(failed.wait(10000));
        const QString message = panel->messageLabel()->text();
        QVERIFY2(message.contains(target) && message.contains(reason), qPrintable(message));
        const QString exported =
            target.left(target.lastIndexOf(QLatin1Char('/'))) + QStringLiteral("/runs.csv");
        QString exportError;
        QVERIFY(!window->workspace()->runs()->exportCsv(exported, &exportError));
        QVERIFY2(exportError.contains(exported) && exportError.contains(reason),
                 qPrintable(exportError));

        // The run is still there and still works: it recommends, maps and saves elsewhere.
        QCOMPARE(window->workspace()->runs()->rowCount(), 1);
        QCOMPARE(window->workspace()->activeRun(), runNumber);
        const std::shared_ptr<const TrainingRun> kept =
            window->workspace()->runs()->finished(runNumber);
        QVERIFY(kept && kept->model);
        const std::shared_ptr<const Dataset> dataset = window->workspace()->dataset();
        const Recommender recommender(*kept->model, kept->metadata, *dataset);
        const std::int32_t reader = dataset->ratings.users.rawId(0);
        QCOMPARE(recommender.forReader(reader).items.size(), std::size_t{10});
        BookMapConfig map;
        map.method = MapMethod::Pca;
        const BookEmbeddings books = bookEmbeddingsOf(*kept->model, kept->metadata.bookRawIds);
        const BookMapResult drawn = computeBookMap(books, dataset->books, map);
        QCOMPARE(drawn.xy.size(), 2 * books.bookIds.size());
        QVERIFY(!books.bookIds.empty());
        const QString elsewhere = path("run.ssm");
        QFile::remove(elsewhere);
        QSignalSpy saved(panel->fileJobs(), &ModelFileJobs::saved);
        panel->saveRunModel(runNumber, elsewhere);
        QVERIFY(saved.wait(10000));
        QVERIFY(!readAll(elsewhere).isEmpty());
    }
};

QTEST_MAIN(TestSaveFaults)
#include "tst_savefaults.moc"
