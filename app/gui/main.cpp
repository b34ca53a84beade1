#include "AppDataFolder.h"
#include "Automation.h"
#include "GuiOptions.h"
#include "MainWindow.h"
#include "NumericLocale.h"
#include "SaveFile.h"
#include "TrainPanel.h"
#include "config/Version.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QTabWidget>
#include <cstdio>

namespace {

void describe() {
    QCoreApplication::setApplicationName(QStringLiteral("Shelfscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Shelfscope"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(shelfscope::kVersion));
}

/// --help, --version and --man, answered on a QCoreApplication: no window, no display needed.
int answerWithoutWindow(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    describe();
    QCommandLineParser parser;
    const GuiOptions options;
    options.addTo(parser);
    parser.process(app); // --help and --version print and exit here
    QString error;
    if (!shelfscope::ui::writeFileAtomically(parser.value(options.man),
                                             guiManPage(options).toUtf8(), &error)) {
        std::fprintf(stderr, "shelfscope: cannot write %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (answersWithoutWindow(argc, argv))
        return answerWithoutWindow(argc, argv);
    QApplication app(argc, argv);
    // QApplication adopts the user's locale for the C library too (tst_guilocale).
    shelfscope::ui::keepCNumericLocale();
    describe();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/shelfscope/shelfscope.svg")));
    // Ties the windows to the installed desktop entry (Wayland's app id, the taskbar's icon).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.shelfscope.Shelfscope"));

    QCommandLineParser parser;
    const GuiOptions options;
    options.addTo(parser);
    // parse() rather than process(): process() words its own errors ("Shelfscope: Missing value
    // after '--epochs'.") and exits 1, where every other usage error here says "shelfscope: ..."
    // and exits 2, as shelfscope-cli's do.
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "shelfscope: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    // QCommandLineParser keeps every value and value() answers the last: a second value would
    // silently win over the first, so an option given twice is refused, as shelfscope-cli does.
    const QStringList given = parser.optionNames();
    for (const QString& name : given)
        if (given.count(name) > 1) {
            std::fprintf(stderr, "shelfscope: --%s is given twice; give it once\n",
                         qPrintable(name));
            return 2;
        }
    const QCommandLineOption& data = options.data;
    const QCommandLineOption& demo = options.demo;
    const QCommandLineOption& train = options.train;
    const QCommandLineOption& screenshot = options.screenshot;
    const QCommandLineOption& during = options.during;
    const QCommandLineOption& epochs = options.epochs;
    const QCommandLineOption& tab = options.tab;
    const QCommandLineOption& logScale = options.logScale;
    const QCommandLineOption& reader = options.reader;
    const QCommandLineOption& newReader = options.newReader;
    const QCommandLineOption& compare = options.compare;
    const QCommandLineOption& map = options.map;

    const QString tabName = parser.value(tab);
    const QStringList tabNames{QStringLiteral("data"), QStringLiteral("train"),
                               QStringLiteral("predictions"), QStringLiteral("readers"),
                               QStringLiteral("recommend")};
    if (parser.isSet(tab) && !tabNames.contains(tabName)) {
        std::fprintf(stderr,
                     "shelfscope: --tab is data, train, predictions or readers (or recommend), "
                     "got '%s'\n",
                     qPrintable(tabName));
        return 2;
    }
    // The options that stand for shelfscope-cli's are checked against the same table entries.
    if (const QString problem = tableProblem(parser, options); !problem.isEmpty()) {
        std::fprintf(stderr, "shelfscope: %s\n", qPrintable(problem));
        return 2;
    }
    const int epochCount = parser.isSet(epochs) ? parser.value(epochs).toInt() : 0;
    shelfscope::RatedBooks newReaderRatings;
    if (parser.isSet(newReader)) {
        QString error;
        if (!shelfscope::ui::parseRatingsOption(parser.value(newReader), &newReaderRatings,
                                                &error)) {
            std::fprintf(stderr, "shelfscope: %s\n", qPrintable(error));
            return 2;
        }
    }
    const shelfscope::ui::DataFolderMigration migration = shelfscope::ui::migrateLegacyDataFolder();
    if (migration.outcome == shelfscope::ui::DataFolderMigration::Outcome::Moved)
        std::fprintf(stderr, "shelfscope: moved the downloaded data set from %s to %s\n",
                     qPrintable(migration.from), qPrintable(migration.to));
    else if (migration.outcome == shelfscope::ui::DataFolderMigration::Outcome::MoveFailed)
        std::fprintf(stderr, "shelfscope: could not move %s to %s; still using it there\n",
                     qPrintable(migration.from), qPrintable(migration.to));
    shelfscope::ui::migrateLegacyCoverCache();
    shelfscope::ui::MainWindow window;
    // A first start, or a picture for the docs (always the same size); otherwise the window
    // comes back as the user left it.
    if (!QSettings().contains(QStringLiteral("window/geometry")) || parser.isSet(screenshot) ||
        parser.isSet(during))
        window.resize(1280, 800);
    window.show();
    if (tabName == QLatin1String("train") || tabName == QLatin1String("predictions"))
        window.showTab(1);
    if (tabName == QLatin1String("predictions"))
        window.trainPanel()->lowerTabs()->setCurrentIndex(1);
    if (tabName == QLatin1String("readers") || tabName == QLatin1String("recommend"))
        window.showTab(shelfscope::ui::MainWindow::ReadersTab);
    const shelfscope::ui::Automation automation{
        parser.value(train).split(QLatin1Char(','), Qt::SkipEmptyParts),
        epochCount,
        parser.value(screenshot),
        parser.value(during),
        2,
        parser.isSet(logScale),
        parser.value(reader),
        parser.value(map),
        newReaderRatings,
        parser.isSet(compare)};
    shelfscope::ui::automate(window, automation);
    if (parser.isSet(data))
        window.openFolder(parser.value(data));
    else if (parser.isSet(demo))
        window.openDemo();
    else
        window.openLastOrWelcome();
    shelfscope::ui::captureIfIdle(window, automation);
    return QApplication::exec();
}
