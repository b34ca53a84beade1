// Starts the programs a suite runs (shelfscope-cli, the GUI, a test rerun as another user,
// setpriv, unshare, objdump): with QProcess, or with posix_spawn in a ThreadSanitizer build.
//
// Why not QProcess there: Qt 6.4's QProcess starts a program with clone(CLONE_VM | CLONE_VFORK),
// and ThreadSanitizer's clone interceptor (GCC 12's libtsan) then runs its after-fork code in
// the child, which shares the parent's memory and thread state: the parent is left marked as
// forked (its next new thread ends it, "starting new threads after multi-threaded fork is not
// supported") and its calling thread ignoring memory accesses and reports, so a "no report"
// after such a start would mean nothing. glibc's posix_spawn clones internally, past the
// interceptor. Every suite that starts a program goes through this header (docs/SANITIZERS.md).
#pragma once

#include <QByteArray>
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

namespace program_test {

/// What one run of a program left: its exit code (-1 when it did not start or did not finish
/// in time, -2 when it crashed) and what it printed (empty where its output was forwarded).
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Where a started program's output goes.
enum class Output {
    Captured,       ///< kept, for Run::out and Run::err
    ErrorForwarded, ///< standard output kept, standard error to this process's
    Forwarded,      ///< both to this process's standard output and error
};

/// Starts `program` (searched in PATH when it has no slash) with posix_spawnp, standard input
/// from /dev/null and its output going to the files `outPath` and `errPath` (an empty path:
/// this process's stream); returns its process id, or 0 when it did not start.
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
    if (!outPath.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 1, outPath.constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (!errPath.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 2, errPath.constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    return spawned == 0 ? pid : 0;
}

/// True while `pid` has not ended, without reaping it.
inline bool spawnedRunning(pid_t pid) {
    siginfo_t info{};
    return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == 0;
}

/// Waits for `pid` until `deadline` (SIGKILL after it), then reads what it wrote to the files
/// (an empty path is skipped).
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
    if (!outPath.isEmpty() && out.open(QIODevice::ReadOnly))
        run.out = QString::fromUtf8(out.readAll());
    if (!errPath.isEmpty() && err.open(QIODevice::ReadOnly))
        run.err = QString::fromUtf8(err.readAll());
    return run;
}

/// A program started with `arguments` in `environment`, which the test may watch, signal (by
/// its process id) and wait for. One that is still running when this is destroyed is killed.
class Program {
public:
    Program(const QString& program, const QStringList& arguments,
            const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
            Output output = Output::Captured) {
#if defined(__SANITIZE_THREAD__)
        if (output != Output::Forwarded)
            outPath_ = QFile::encodeName(dir_.filePath(QStringLiteral("out")));
        if (output == Output::Captured)
            errPath_ = QFile::encodeName(dir_.filePath(QStringLiteral("err")));
        pid_ = spawnToFiles(program, arguments, environment, outPath_, errPath_);
#else
        process_.setProcessEnvironment(environment);
        process_.setProcessChannelMode(output == Output::Forwarded ? QProcess::ForwardedChannels
                                       : output == Output::ErrorForwarded
                                           ? QProcess::ForwardedErrorChannel
                                           : QProcess::SeparateChannels);
        process_.start(program, arguments);
        started_ = process_.waitForStarted(30000);
#endif
    }

    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    ~Program() {
#if defined(__SANITIZE_THREAD__)
        if (pid_ != 0 && !reaped_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
#else
        if (process_.state() != QProcess::NotRunning) {
            process_.kill();
            process_.waitForFinished();
        }
#endif
    }

    /// False when the program could not be started (not found, not executable).
    bool started() const {
#if defined(__SANITIZE_THREAD__)
        return pid_ != 0;
#else
        return started_;
#endif
    }

    /// Its process id while it runs.
    pid_t pid() const {
#if defined(__SANITIZE_THREAD__)
        return pid_;
#else
        return static_cast<pid_t>(process_.processId());
#endif
    }

    /// True while it has not ended.
    bool running() {
#if defined(__SANITIZE_THREAD__)
        return pid_ != 0 && !reaped_ && spawnedRunning(pid_);
#else
        if (process_.state() == QProcess::Running)
            process_.waitForFinished(0); // QProcess learns of the exit only in a wait or its loop
        return process_.state() == QProcess::Running;
#endif
    }

    /// Waits for it to end, killing it after `timeoutMs`; its exit code and output.
    Run finish(int timeoutMs) {
#if defined(__SANITIZE_THREAD__)
        if (pid_ == 0 || reaped_)
            return {};
        reaped_ = true;
        return collectSpawned(pid_, QDeadlineTimer(timeoutMs), outPath_, errPath_);
#else
        Run run;
        if (!started_)
            return run;
        // waitForFinished is false for a program that already ended (seen by running()).
        if (process_.state() != QProcess::NotRunning && !process_.waitForFinished(timeoutMs)) {
            process_.kill();
            process_.waitForFinished();
            return run;
        }
        run.exitCode = process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -2;
        run.out = QString::fromUtf8(process_.readAllStandardOutput());
        run.err = QString::fromUtf8(process_.readAllStandardError());
        return run;
#endif
    }

private:
#if defined(__SANITIZE_THREAD__)
    QTemporaryDir dir_;
    QByteArray outPath_, errPath_;
    pid_t pid_ = 0;
    bool reaped_ = false;
#else
    QProcess process_;
    bool started_ = false;
#endif
};

/// Runs `program` with `arguments` in `environment` to its end, killing it after `timeoutMs`.
inline Run
runProgram(const QString& program, const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000, Output output = Output::Captured) {
    return Program(program, arguments, environment, output).finish(timeoutMs);
}

} // namespace program_test
