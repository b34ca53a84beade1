// Runs the built shelfscope-cli (SHELFSCOPE_CLI_PATH) for the command-line suites.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cli_test {

/// What one run of the command-line tool left: its exit code (-1 when it did not finish in
/// time, -2 when it crashed) and what it printed.
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs `program` with `arguments` in `environment`, killing it after `timeoutMs`.
inline Run
runProgram(const QString& program, const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000) {
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
