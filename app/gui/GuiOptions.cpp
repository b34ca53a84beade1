#include "GuiOptions.h"

#include "config/OptionValue.h"
#include "config/Version.h"

#include <cstring>

namespace {

using shelfscope::CliCommand;

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

/// The app's options that stand for shelfscope-cli's, with the table entry each one reads.
struct TableOption {
    const QCommandLineOption* option;
    const shelfscope::OptionDef* definition;
    bool list; ///< comma-separated values, each checked alone (--train's presets)
};

QString epochsHelp() {
    return QStringLiteral("With --train: train each preset for N epochs (%1) instead of its own "
                          "number.")
        .arg(text(shelfscope::rangeText(shelfscope::option(CliCommand::Train, "epochs"))));
}

QString mapHelp() {
    return QStringLiteral("With --train: once the last run ends, draw its book map (%1) on the "
                          "Map tab (the screenshot waits for the map).")
        .arg(text(shelfscope::choiceList(shelfscope::option(CliCommand::Map, "method").choices)));
}

} // namespace

GuiOptions::GuiOptions()
    : data(QStringList{QStringLiteral("data")}, QStringLiteral("Open the data set in folder DIR."),
           QStringLiteral("DIR")),
      demo(QStringList{QStringLiteral("demo")}, QStringLiteral("Open the built-in demo library.")),
      train(QStringList{QStringLiteral("train")},
            QStringLiteral("Once the data set is open, train with PRESETS "
                           "(comma-separated, one after the other)."),
            QStringLiteral("PRESETS")),
      screenshot(QStringList{QStringLiteral("screenshot")},
                 QStringLiteral("Save the window as a PNG to FILE once the data set is open (with "
                                "--train: once the run ends), then exit."),
                 QStringLiteral("FILE")),
      during(QStringList{QStringLiteral("screenshot-during")},
             QStringLiteral("With --train: save the window to FILE after epoch 2."),
             QStringLiteral("FILE")),
      epochs(QStringList{QStringLiteral("epochs")}, epochsHelp(), QStringLiteral("N")),
      tab(QStringList{QStringLiteral("tab")},
          QStringLiteral("Open on tab NAME: data, train, predictions (the Train tab showing the "
                         "selected run's test predictions) or readers (recommend is the same)."),
          QStringLiteral("NAME")),
      logScale(QStringList{QStringLiteral("log-scale")},
               QStringLiteral("Start the loss chart on a log scale.")),
      reader(QStringList{QStringLiteral("reader")},
             QStringLiteral("With --train: once the last run ends, show reader ID and their "
                            "recommendations on the Readers tab (the screenshot waits for the "
                            "list)."),
             QStringLiteral("ID")),
      newReader(QStringList{QStringLiteral("new-reader")},
                QStringLiteral("With --train: once the last run ends, be a new reader who gave "
                               "these books these stars, e.g. '2:5,25:4' (the screenshot waits "
                               "for the list)."),
                QStringLiteral("RATINGS")),
      compare(QStringList{QStringLiteral("compare")},
              QStringLiteral("With --reader or --new-reader: the last run's list beside the run "
                             "before it.")),
      map(QStringList{QStringLiteral("map")}, mapHelp(), QStringLiteral("METHOD")),
      man(QStringList{QStringLiteral("man")},
          QStringLiteral("Write the manual page to FILE and exit."), QStringLiteral("FILE")) {
    man.setFlags(QCommandLineOption::HiddenFromHelp);
}

QList<QCommandLineOption> GuiOptions::visible() const {
    return {data, demo,     train,  screenshot, during,  epochs,
            tab,  logScale, reader, newReader,  compare, map};
}

void GuiOptions::addTo(QCommandLineParser& parser) const {
    parser.setApplicationDescription(guiDescription());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(visible());
    parser.addOption(man);
}

QString tableProblem(const QCommandLineParser& parser, const GuiOptions& options) {
    using shelfscope::option;
    const TableOption checked[] = {
        {&options.train, &option(CliCommand::Train, "preset"), true},
        {&options.epochs, &option(CliCommand::Train, "epochs"), false},
        {&options.reader, &option(CliCommand::Recommend, "user"), false},
        {&options.map, &option(CliCommand::Map, "method"), false},
    };
    for (const TableOption& entry : checked) {
        if (!parser.isSet(*entry.option))
            continue;
        const QString value = parser.value(*entry.option);
        const std::string typed = entry.option->names().constFirst().toStdString();
        const QStringList values =
            entry.list ? value.split(QLatin1Char(','), Qt::SkipEmptyParts) : QStringList{value};
        for (const QString& one : values)
            if (const std::string problem =
                    shelfscope::optionValueProblem(*entry.definition, one.toStdString(), typed);
                !problem.empty())
                return text(problem);
    }
    return {};
}

QString guiDescription() {
    return QStringLiteral("Explore book recommendations: train, watch, map and recommend.");
}

bool answersWithoutWindow(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "-help", "--help-all", "-v", "--version", "--man"})
            if (std::strcmp(argv[i], flag) == 0 || std::strncmp(argv[i], "--man=", 6) == 0)
                return true;
    return false;
}

namespace {

QString roff(QString text) {
    text.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    text.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (text.startsWith(QLatin1Char('.')) || text.startsWith(QLatin1Char('\'')))
        text.prepend(QStringLiteral("\\&"));
    return text;
}

} // namespace

QString guiManPage(const GuiOptions& options) {
    QString page = QStringLiteral(".TH SHELFSCOPE 1 \"\" \"Shelfscope %1\" \"User Commands\"\n")
                       .arg(QString::fromLatin1(shelfscope::kVersion));
    page += QStringLiteral(".SH NAME\nshelfscope \\- %1\n").arg(roff(guiDescription()));
    page += QStringLiteral(".SH SYNOPSIS\n.B shelfscope\n[\\fIOPTIONS\\fR]\n");
    page += QStringLiteral(
        ".SH DESCRIPTION\nA desktop tool for exploring book recommendations on goodbooks\\-10k: "
        "open the ratings (or the built\\-in demo library), train recommendation models and "
        "watch them learn, map the learned book embeddings, and see which books a reader is "
        "recommended, and why. With no options it reopens the last data set or shows a welcome "
        "page. The command\\-line tool \\fBshelfscope\\-cli\\fR(1) does the same without a "
        "display.\n");
    page += QStringLiteral(".SH OPTIONS\n.TP\n.B \\-h, \\-\\-help\nShow the options and exit.\n"
                           ".TP\n.B \\-v, \\-\\-version\nShow the version and exit.\n");
    for (const QCommandLineOption& option : options.visible()) {
        page += QStringLiteral(".TP\n");
        const QString name = QStringLiteral("--") + option.names().constFirst();
        if (option.valueName().isEmpty())
            page += QStringLiteral(".B ") + roff(name);
        else
            page += QStringLiteral(".BI \"%1 \" \"%2\"").arg(roff(name), roff(option.valueName()));
        page += QLatin1Char('\n') + roff(option.description()) + QLatin1Char('\n');
    }
    page += QStringLiteral(".SH EXIT STATUS\n0 success, 2 a bad option value.\n"
                           ".SH SEE ALSO\n.BR shelfscope\\-cli (1)\n");
    return page;
}
