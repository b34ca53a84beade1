// Runs the built shelfscope-cli (SHELFSCOPE_CLI_PATH) for the command-line suites.
#pragma once

#include "ProgramRunner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <sys/wait.h>

namespace cli_test {

using program_test::Run;
using program_test::runProgram;

/// Runs shelfscope-cli with `arguments`, killing it after `timeoutMs`.
inline Run runCli(const QStringList& arguments, int timeoutMs = 60000) {
    return runProgram(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                      QProcessEnvironment::systemEnvironment(), timeoutMs);
}

/// Runs shelfscope-cli with `arguments` and sends it Ctrl-C (SIGINT) once its standard output
/// holds `lines` lines; then waits for it, killing it after `timeoutMs` in all. posix_spawn in
/// every build (see ProgramRunner.h), as the output is read while the program runs.
inline Run runCliInterrupted(const QStringList& arguments, int lines, int timeoutMs = 60000) {
    QTemporaryDir dir;
    const QByteArray outPath = QFile::encodeName(dir.filePath(QStringLiteral("out")));
    const QByteArray errPath = QFile::encodeName(dir.filePath(QStringLiteral("err")));
    const QDeadlineTimer deadline(timeoutMs);
    const pid_t pid =
        program_test::spawnToFiles(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                                   QProcessEnvironment::systemEnvironment(), outPath, errPath);
    if (pid == 0)
        return {};
    QFile out(QFile::decodeName(outPath));
    while (!deadline.hasExpired() && program_test::spawnedRunning(pid)) { // reaped below
        if (out.open(QIODevice::ReadOnly)) {
            const bool ready = out.readAll().count('\n') >= lines;
            out.close();
            if (ready) {
                kill(pid, SIGINT);
                break;
            }
        }
        QThread::msleep(10);
    }
    return program_test::collectSpawned(pid, deadline, outPath, errPath);
}

/// The size of a library `generate` writes.
struct LibrarySize {
    int users = 300;
    int books = 100;
    int ratings = 9000;
};

/// `generate`s a library of `size` into `library`, then `train`s `preset` on it for `epochs`
/// epochs and saves the model to `model`, adding `trainOptions` to train's command line.
/// Returns the train run, or the generate run when that failed (exitCode != 0, err says why).
inline Run generateAndTrain(const QString& library, const QString& model, const QString& preset,
                            int epochs, const LibrarySize& size = {},
                            const QStringList& trainOptions = {}) {
    const Run generated =
        runCli({QStringLiteral("generate"), QStringLiteral("--users"), QString::number(size.users),
                QStringLiteral("--books"), QString::number(size.books), QStringLiteral("--ratings"),
                QString::number(size.ratings), QStringLiteral("--out"), library});
    if (generated.exitCode != 0)
        return generated;
    return runCli(QStringList{QStringLiteral("train"), QStringLiteral("--data"), library,
                              QStringLiteral("--preset"), preset, QStringLiteral("--epochs"),
                              QString::number(epochs), QStringLiteral("--save"), model} +
                  trainOptions);
}

} // namespace cli_test
