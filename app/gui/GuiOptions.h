#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

/// The options of the shelfscope program, defined once for its parser, its --help and its
/// manual page.
struct GuiOptions {
    GuiOptions();
    /// Adds --help, --version and every option below to `parser`.
    void addTo(QCommandLineParser& parser) const;
    /// The options a user sees (not --man), in the order --help lists them.
    QList<QCommandLineOption> visible() const;

    QCommandLineOption data;
    QCommandLineOption demo;
    QCommandLineOption train;
    QCommandLineOption screenshot;
    QCommandLineOption during;
    QCommandLineOption epochs;
    QCommandLineOption tab;
    QCommandLineOption logScale;
    QCommandLineOption reader;
    QCommandLineOption newReader;
    QCommandLineOption compare;
    QCommandLineOption map;
    QCommandLineOption man; ///< hidden: writes the manual page shelfscope(1) to FILE
};

/// The first value the option table refuses, in shelfscope-cli's words ("--epochs must be
/// between 1 and 10000, got 20000"): --epochs is train's --epochs, --reader recommend's --user,
/// --map map's --method and each preset of --train train's --preset. Empty when all suit.
QString tableProblem(const QCommandLineParser& parser, const GuiOptions& options);

/// What --help says the program does.
QString guiDescription();

/// True when argv asks for --help, --help-all, --version or --man: those are answered
/// without a display (a QCoreApplication), before any window exists.
bool answersWithoutWindow(int argc, char** argv);

/// The manual page shelfscope(1) in roff, from the options above.
QString guiManPage(const GuiOptions& options);
