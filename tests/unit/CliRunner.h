// Runs the built shelfscope-cli (SHELFSCOPE_CLI_PATH) for the command-line suites.
#pragma once

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

namespace cli_test {

/// What one run of the command-line tool left: its exit code (-1 when it did not finish in
/// time, -2 when it crashed) and what it printed.
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Starts `program` with posix_spawn, standard input from /dev/null and its output going to
/// the files `outPath` and `errPath`; returns its process id, or 0 when it did not start.
inline pid_t spawnToFiles(const QString& program, const QStringList& arguments,
                          const QProcessEnvironment& environment, const QByteArray& outPath,
                          const QByteArray& errPath) {
    std::vector<QByteArray> strings{QFile::encodeName(program)};
    for (const QString& argument : arguments)
        strings.push_back(argument.toLocal8Bit());
    const std::size_t argc = strings.size();
    for (const QString& variable : environment.toStringList())
        strings.push_back(variable.toLocal8Bit());
    std::vector<char*> argv, envp;
    for (std::size_t i = 0; i < strings.size(); ++i)
        (i < argc ? argv : envp).push_back(strings[i].data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    return spawned == 0 ? pid : 0;
}

/// Waits for `pid` until `deadline` (SIGKILL after it), then reads what it wrote.
inline Run collectSpawned(pid_t pid, const QDeadlineTimer& deadline, const QByteArray& outPath,
                          const QByteArray& errPath) {
    Run run;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (deadline.hasExpired()) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return run;
        }
        QThread::msleep(20);
    }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -2;
    QFile out(QFile::decodeName(outPath)), err(QFile::decodeName(errPath));
    if (out.open(QIODevice::ReadOnly))
        run.out = QString::fromUtf8(out.readAll());
    if (err.open(QIODevice::ReadOnly))
        run.err = QString::fromUtf8(err.readAll());
    return run;
}

#if defined(__SANITIZE_THREAD__)
/// Under ThreadSanitizer: posix_spawn, with the output going to files. Qt's QProcess starts a
/// program with clone(CLONE_VM | CLONE_VFORK), and ThreadSanitizer's clone interceptor then runs
/// its after-fork code in the child, which shares the parent's memory and thread state: the
/// parent is left marked as forked (its next new thread ended the test, "starting new threads
/// after multi-threaded fork is not supported") and its calling thread ignoring memory accesses
/// and reports. glibc's posix_spawn clones internally, past the interceptor.
inline Run spawnProgram(const QString& program, const QStringList& arguments,
                        const QProcessEnvironment& environment, int timeoutMs) {
    QTemporaryDir dir;
    const QByteArray outPath = QFile::encodeName(dir.filePath(QStringLiteral("out")));
    const QByteArray errPath = QFile::encodeName(dir.filePath(QStringLiteral("err")));
    const QDeadlineTimer deadline(timeoutMs);
    const pid_t pid = spawnToFiles(program, arguments, environment, outPath, errPath);
    return pid == 0 ? Run{} : collectSpawned(pid, deadline, outPath, errPath);
}
#endif

/// Runs `program` with `arguments` in `environment`, killing it after `timeoutMs`.
inline Run
runProgram(const QString& program, const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000) {
#if defined(__SANITIZE_THREAD__)
    return spawnProgram(program, arguments, environment, timeoutMs);
#endif
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// Runs shelfscope-cli with `arguments`, killing it after `timeoutMs`.
inline Run runCli(const QStringList& arguments, int timeoutMs = 60000) {
    return runProgram(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                      QProcessEnvironment::systemEnvironment(), timeoutMs);
}

/// Runs shelfscope-cli with `arguments` and sends it Ctrl-C (SIGINT) once its standard output
/// holds `lines` lines; then waits for it, killing it after `timeoutMs` in all. posix_spawn in
/// every build (see spawnProgram), as the output is read while the program runs.
inline Run runCliInterrupted(const QStringList& arguments, int lines, int timeoutMs = 60000) {
    QTemporaryDir dir;
    const QByteArray outPath = QFile::encodeName(dir.filePath(QStringLiteral("out")));
    const QByteArray errPath = QFile::encodeName(dir.filePath(QStringLiteral("err")));
    const QDeadlineTimer deadline(timeoutMs);
    const pid_t pid = spawnToFiles(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                                   QProcessEnvironment::systemEnvironment(), outPath, errPath);
    if (pid == 0)
        return {};
    QFile out(QFile::decodeName(outPath));
    const auto running = [pid] { // without reaping it: collectSpawned does
        siginfo_t info{};
        return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
               info.si_pid == 0;
    };
    while (!deadline.hasExpired() && running()) {
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
    return collectSpawned(pid, deadline, outPath, errPath);
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
