// Runs the built shelfscope-cli (SHELFSCOPE_CLI_PATH) for the command-line suites.
#pragma once

#include <QProcess>
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

/// Runs shelfscope-cli with `arguments`, killing it after `timeoutMs`.
inline Run runCli(const QStringList& arguments, int timeoutMs = 60000) {
    QProcess process;
    process.start(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments);
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

} // namespace cli_test
