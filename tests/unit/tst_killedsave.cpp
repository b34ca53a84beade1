// A process killed (SIGKILL) while it saves a model or an export must leave the file that was
// there before, or the whole new one, never a mix; the temporary files it leaves are removed by
// the next save of the same file.
#include "ProgramRunner.h"
#include "SaveFile.h"
#include "model/ModelFile.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <functional>
#include <limits>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace shelfscope;

namespace {

namespace fs = std::filesystem;

constexpr int kTrials = 30;
constexpr int kDim = 48;

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// A factor table as `export --format csv` writes it: id then e0..e47, seeded values.
QByteArray factorCsv(const char* idColumn, int rows, quint32 seed) {
    QRandomGenerator random(seed);
    QByteArray text(idColumn);
    for (int c = 0; c < kDim; ++c)
        text += ",e" + QByteArray::number(c);
    text += '\n';
    for (int row = 1; row <= rows; ++row) {
        text += QByteArray::number(row);
        for (int c = 0; c < kDim; ++c)
            text += ',' + QByteArray::number(random.generateDouble() - 0.5, 'g', 9);
        text += '\n';
    }
    return text;
}

/// The temporary files in `folder` whose names start with `prefix`.
std::vector<fs::path> temporaries(const QString& folder, const std::string& prefix) {
    std::vector<fs::path> found;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder.toStdString(), error))
        if (entry.path().filename().string().rfind(prefix, 0) == 0)
            found.push_back(entry.path());
    return found;
}

/// Size of the largest temporary file, or -1 when there is none.
qint64 largestTemporary(const QString& folder, const std::string& prefix) {
    qint64 largest = -1;
    for (const fs::path& path : temporaries(folder, prefix)) {
        std::error_code error;
        const auto size = fs::file_size(path, error);
        if (!error)
            largest = std::max(largest, static_cast<qint64>(size));
    }
    return largest;
}

/// When a trial kills: at a random moment of the whole run, once the temporary file holds a
/// given share of the new file, or once it is whole (between the sync and the rename).
struct KillPlan {
    enum class When { AnyMoment, PartWritten, Written } when = When::AnyMoment;
    qint64 afterMicroseconds = 0;
    qint64 temporaryBytes = 0;
};

struct KillResult {
    bool killed = false;          ///< false: the process ended before the moment came
    bool temporaryAtKill = false; ///< a temporary file existed when the signal went
};

KillResult runAndKill(const QStringList& arguments, const QString& folder,
                      const std::string& prefix, const KillPlan& plan) {
    program_test::Program process(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                                  QProcessEnvironment::systemEnvironment(),
                                  program_test::Output::ErrorForwarded);
    KillResult result;
    if (!process.started())
        return result;
    QElapsedTimer clock;
    clock.start();
    while (process.running()) {
        const qint64 temporary = largestTemporary(folder, prefix);
        bool now = false;
        switch (plan.when) {
        case KillPlan::When::AnyMoment:
            now = clock.nsecsElapsed() / 1000 >= plan.afterMicroseconds;
            break;
        case KillPlan::When::PartWritten:
        case KillPlan::When::Written:
            now = temporary >= plan.temporaryBytes;
            break;
        }
        if (now) {
            result.temporaryAtKill = temporary >= 0;
            result.killed = ::kill(process.pid(), SIGKILL) == 0;
            break;
        }
        if (clock.elapsed() > 60000)
            break;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    process.finish(30000);
    return result;
}

struct Tally {
    int killed = 0, midWrite = 0, kept = 0, replaced = 0;
    int leftBehind = 0; ///< temporary files of killed processes before the next save
};

} // namespace

class TestKilledSave : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)); }

    /// Runs the CLI to the end; false (with its output logged) when it failed.
    bool runCli(const QStringList& arguments) {
        const program_test::Run run =
            program_test::runProgram(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                                     QProcessEnvironment::systemEnvironment(), 120000);
        if (run.exitCode != 0) {
            qWarning().noquote() << run.out << run.err;
            return false;
        }
        return true;
    }

    QStringList importTo(const char* side, const QString& out) {
        return {QStringLiteral("import"),
                QStringLiteral("--users"),
                path(side == std::string("a") ? "usersA.csv" : "usersB.csv"),
                QStringLiteral("--books"),
                path(side == std::string("a") ? "booksA.csv" : "booksB.csv"),
                QStringLiteral("--format"),
                QStringLiteral("csv"),
                QStringLiteral("--data"),
                path("lib"),
                QStringLiteral("--drop-unknown"),
                QStringLiteral("--out"),
                out};
    }

    QStringList exportTo(const QString& model, const QString& out) {
        return {QStringLiteral("export"),   QStringLiteral("--model"), model,
                QStringLiteral("--format"), QStringLiteral("csv"),     QStringLiteral("--table"),
                QStringLiteral("users"),    QStringLiteral("--out"),   out};
    }

    /// Kills `arguments` (which write `target` in `folder`) kTrials times over a good old file
    /// and checks each time that the target is the old file or the new one, whole.
    Tally killTrials(const QStringList& arguments, const QString& target,
                     const QByteArray& oldBytes, const QByteArray& newBytes, quint32 seed,
                     const std::function<void()>& checkTarget) {
        const QString folder = QFileInfo(target).absolutePath();
        const std::string prefix = QFileInfo(target).fileName().toStdString() + ".partial-";
        // How long a whole save takes, so AnyMoment kills spread over it.
        QElapsedTimer clock;
        clock.start();
        [&] { QVERIFY(runCli(arguments)); }();
        const qint64 wholeRun = std::max<qint64>(clock.nsecsElapsed() / 1000, 1000);
        QRandomGenerator random(seed);
        Tally tally;
        for (int trial = 0; trial < kTrials; ++trial) {
            if (!writeAll(target, oldBytes))
                return tally;
            KillPlan plan;
            plan.when = static_cast<KillPlan::When>(trial % 3);
            plan.afterMicroseconds = static_cast<qint64>(random.bounded(static_cast<int>(
                std::min<qint64>(wholeRun * 11 / 10, std::numeric_limits<int>::max()))));
            plan.temporaryBytes = plan.when == KillPlan::When::Written
                                      ? newBytes.size()
                                      : 1 + random.bounded(static_cast<int>(newBytes.size()));
            const KillResult result = runAndKill(arguments, folder, prefix, plan);
            tally.killed += result.killed;
            tally.midWrite += result.temporaryAtKill;
            const QByteArray now = readAll(target);
            if (now == oldBytes)
                ++tally.kept;
            else if (now == newBytes)
                ++tally.replaced;
            else
                QTest::qFail(qPrintable(QStringLiteral("trial %1: the target is neither the old "
                                                       "nor the new file (%2 bytes)")
                                            .arg(trial)
                                            .arg(now.size())),
                             __FILE__, __LINE__);
            checkTarget();
        }
        // A save after the kills: it succeeds and removes what the killed ones left.
        tally.leftBehind = static_cast<int>(temporaries(folder, prefix).size());
        [&] { QVERIFY(runCli(arguments)); }();
        [&] {
            QCOMPARE(readAll(target), newBytes);
            QCOMPARE(temporaries(folder, prefix).size(), std::size_t{0});
        }();
        return tally;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // A generated library the models are bound to (export reads its books), and factors
        // for 24,000 readers and 8,000 books of 48 features: a 6 MB model, a 13 MB export.
        QVERIFY(runCli({QStringLiteral("generate"), QStringLiteral("--out"), path("lib"),
                        QStringLiteral("--users"), QStringLiteral("24000"),
                        QStringLiteral("--books"), QStringLiteral("8000"),
                        QStringLiteral("--ratings"), QStringLiteral("240000")}));
        QVERIFY(writeAll(path("usersA.csv"), factorCsv("user_id", 24000, 1)));
        QVERIFY(writeAll(path("booksA.csv"), factorCsv("book_id", 8000, 2)));
        QVERIFY(writeAll(path("usersB.csv"), factorCsv("user_id", 24000, 3)));
        QVERIFY(writeAll(path("booksB.csv"), factorCsv("book_id", 8000, 4)));
        QVERIFY(runCli(importTo("a", path("old.ssm"))));
        QVERIFY(runCli(importTo("b", path("new.ssm"))));
        QVERIFY(runCli(exportTo(path("old.ssm"), path("old-users.csv"))));
        QVERIFY(runCli(exportTo(path("new.ssm"), path("new-users.csv"))));
        QVERIFY(readAll(path("old.ssm")) != readAll(path("new.ssm")));
    }

    void killedModelSaveKeepsOldOrNewFile() {
        const QByteArray oldBytes = readAll(path("old.ssm"));
        const QByteArray newBytes = readAll(path("new.ssm"));
        const QString target = path("target.ssm");
        const Tally tally = killTrials(importTo("b", target), target, oldBytes, newBytes, 13, [&] {
            QVERIFY(loadModel(target.toStdString()).model != nullptr); // loads, checksum holds
        });
        qInfo("model: %d of %d trials killed, %d while a temporary file existed; %d kept the "
              "old file, %d had the new one; %d temporary files left until the next save",
              tally.killed, kTrials, tally.midWrite, tally.kept, tally.replaced, tally.leftBehind);
        QVERIFY(tally.leftBehind > 0); // a kill mid-write leaves one, the next save removes it
        // Two trials in three wait for the temporary file, so most kills land in the write.
        QVERIFY2(tally.midWrite >= kTrials / 3, qPrintable(QString::number(tally.midWrite)));
        QCOMPARE(tally.kept + tally.replaced, kTrials);
    }

    void killedExportKeepsOldOrNewFile() {
        const QByteArray oldBytes = readAll(path("old-users.csv"));
        const QByteArray newBytes = readAll(path("new-users.csv"));
        QVERIFY(oldBytes != newBytes);
        const QString target = path("target-users.csv");
        const Tally tally =
            killTrials(exportTo(path("new.ssm"), target), target, oldBytes, newBytes, 17, [] {});
        qInfo("export: %d of %d trials killed, %d while a temporary file existed; %d kept the "
              "old file, %d had the new one; %d temporary files left until the next save",
              tally.killed, kTrials, tally.midWrite, tally.kept, tally.replaced, tally.leftBehind);
        QVERIFY(tally.leftBehind > 0); // a kill mid-write leaves one, the next save removes it
        QVERIFY2(tally.midWrite >= kTrials / 3, qPrintable(QString::number(tally.midWrite)));
        QCOMPARE(tally.kept + tally.replaced, kTrials);
    }

    /// The GUI's exports (CSV, PNG, SVG) all go through ui::writeFileAtomically (QSaveFile): a
    /// child process forked from this one writes with it and is killed at a random moment.
    void killedGuiWriterKeepsOldOrNewFile() {
        const QByteArray oldBytes = readAll(path("old-users.csv"));
        const QByteArray newBytes = readAll(path("new-users.csv"));
        QTemporaryDir folder(path("gui-XXXXXX"));
        QVERIFY(folder.isValid());
        const QString target = folder.filePath(QStringLiteral("export.csv"));
        const auto writeInChild = [&]() -> pid_t {
            const pid_t child = ::fork();
            if (child == 0) {
                QString error;
                ::_exit(ui::writeFileAtomically(target, newBytes, &error) ? 0 : 1);
            }
            return child;
        };
        // The fastest of five whole writes: one slowed by other programs would put the kills
        // after the end of most writes.
        qint64 wholeWrite = std::numeric_limits<qint64>::max();
        pid_t child = 0;
        int status = 0;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer clock;
            clock.start();
            child = writeInChild();
            QVERIFY(child > 0);
            QCOMPARE(::waitpid(child, &status, 0), child);
            QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
            wholeWrite = std::min(wholeWrite, clock.nsecsElapsed() / 1000);
        }
        QCOMPARE(readAll(target), newBytes);
        wholeWrite = std::max<qint64>(wholeWrite, 100);
        QRandomGenerator random(19);
        int kept = 0, replaced = 0, killed = 0;
        // QSaveFile writes an unnamed file (O_TMPFILE) on Linux, but over an existing target it
        // commits by linking that file to a name (the target's plus ".XXXXXX") and renaming it
        // (qtemporaryfile.cpp, materializeUnnamedFile): a kill between the two leaves that
        // file, whole. Where O_TMPFILE is refused it writes under such a name from the start,
        // and a kill leaves the part written. Either is the start of the new file; anything
        // else in the folder is a fault.
        const QRegularExpression leftoverName(QStringLiteral("^export\\.csv\\.[A-Za-z0-9]{6}$"));
        QSet<QString> leftovers;
        // The kills fall in a window that shrinks whenever a child finished before its kill:
        // a write measured while other programs slowed it (a loaded machine, a sanitizer's
        // fork) would otherwise put most kills after the end.
        qint64 window = std::min<qint64>(wholeWrite * 4 / 5, 1 << 30);
        for (int trial = 0; trial < kTrials; ++trial) {
            QVERIFY(writeAll(target, oldBytes));
            const auto delay = static_cast<qint64>(random.bounded(static_cast<int>(window)));
            child = writeInChild();
            QVERIFY(child > 0);
            std::this_thread::sleep_for(std::chrono::microseconds(delay));
            ::kill(child, SIGKILL);
            QCOMPARE(::waitpid(child, &status, 0), child);
            killed += WIFSIGNALED(status);
            if (!WIFSIGNALED(status))
                window = std::max<qint64>(window * 2 / 3, 100);
            const QByteArray now = readAll(target);
            QVERIFY2(now == oldBytes || now == newBytes,
                     qPrintable(QStringLiteral("trial %1: %2 bytes").arg(trial).arg(now.size())));
            kept += now == oldBytes;
            replaced += now == newBytes;
            const QStringList names = QDir(folder.path()).entryList(QDir::Files | QDir::Hidden);
            QVERIFY(names.contains(QStringLiteral("export.csv")));
            for (const QString& name : names) {
                if (name == QLatin1String("export.csv") || leftovers.contains(name))
                    continue;
                QVERIFY2(leftoverName.match(name).hasMatch(),
                         qPrintable(QStringLiteral("trial %1 left %2").arg(trial).arg(name)));
                const QByteArray left = readAll(folder.filePath(name));
                QVERIFY2(newBytes.startsWith(left),
                         qPrintable(QStringLiteral("trial %1 left %2 (%3 bytes), not the start "
                                                   "of the new file")
                                        .arg(trial)
                                        .arg(name)
                                        .arg(left.size())));
                leftovers.insert(name);
            }
        }
        qInfo("GUI writer: %d of %d trials killed before the end (whole write %lld us, last "
              "window %lld us); %d kept the old file, %d had the new one; %lld named temporary "
              "files left",
              killed, kTrials, static_cast<long long>(wholeWrite), static_cast<long long>(window),
              kept, replaced, static_cast<long long>(leftovers.size()));
        QVERIFY(killed >= kTrials / 3); // the kills spread over the write, not after it
        // Whatever the kills left, the next save replaces the old file with the new one.
        QVERIFY(writeAll(target, oldBytes));
        child = writeInChild();
        QVERIFY(child > 0);
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QCOMPARE(readAll(target), newBytes);
    }
};

QTEST_GUILESS_MAIN(TestKilledSave)
#include "tst_killedsave.moc"
