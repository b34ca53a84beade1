#include "Automation.h"
#include "MainWindow.h"
#include "TrainPanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QTabWidget>
#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Shelfscope"));
    QApplication::setOrganizationName(QStringLiteral("Shelfscope"));
    QApplication::setApplicationVersion(QStringLiteral(SHELFSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/shelfscope/shelfscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Explore book recommendations."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption data(QStringList{QStringLiteral("data")},
                                  QStringLiteral("Open the data set in folder DIR."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption demo(QStringList{QStringLiteral("demo")},
                                  QStringLiteral("Open the built-in demo library."));
    const QCommandLineOption train(QStringList{QStringLiteral("train")},
                                   QStringLiteral("Once the data set is open, train with PRESETS "
                                                  "(comma-separated, one after the other)."),
                                   QStringLiteral("PRESETS"));
    const QCommandLineOption screenshot(
        QStringList{QStringLiteral("screenshot")},
        QStringLiteral("Save the window as a PNG to FILE once the data set is open (with --train: "
                       "once the run ends), then exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption during(
        QStringList{QStringLiteral("screenshot-during")},
        QStringLiteral("With --train: save the window to FILE after epoch 2."),
        QStringLiteral("FILE"));
    const QCommandLineOption tab(QStringList{QStringLiteral("tab")},
                                 QStringLiteral("Open on tab NAME: data, train, predictions "
                                                "(the Train tab showing the selected run's test "
                                                "predictions) or readers (recommend is the same)."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption reader(
        QStringList{QStringLiteral("reader")},
        QStringLiteral("With --train: once the last run ends, show reader ID and their "
                       "recommendations on the Readers tab (the screenshot waits for the list)."),
        QStringLiteral("ID"));
    const QCommandLineOption newReader(
        QStringList{QStringLiteral("new-reader")},
        QStringLiteral("With --train: once the last run ends, be a new reader who gave these "
                       "books these stars, e.g. '2:5,25:4' (the screenshot waits for the list)."),
        QStringLiteral("RATINGS"));
    const QCommandLineOption compare(
        QStringList{QStringLiteral("compare")},
        QStringLiteral("With --reader or --new-reader: the last run's list beside the run "
                       "before it."));
    const QCommandLineOption map(
        QStringList{QStringLiteral("map")},
        QStringLiteral("With --train: once the last run ends, draw its book map (tsne, umap or pca) "
                       "on the Map tab (the screenshot waits for the map)."),
        QStringLiteral("METHOD"));
    const QCommandLineOption logScale(QStringList{QStringLiteral("log-scale")},
                                      QStringLiteral("Start the loss chart on a log scale."));
    parser.addOptions(
        {data, demo, train, screenshot, during, tab, logScale, reader, newReader, compare, map});
    parser.process(app);

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
    shelfscope::RatedBooks newReaderRatings;
    if (parser.isSet(newReader)) {
        QString error;
        if (!shelfscope::ui::parseRatingsOption(parser.value(newReader), &newReaderRatings,
                                                &error)) {
            std::fprintf(stderr, "shelfscope: %s\n", qPrintable(error));
            return 2;
        }
    }
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
        parser.value(screenshot),
        parser.value(during),
        2,
        parser.isSet(logScale),
        parser.value(reader),
        parser.value(map),
        newReaderRatings,
        parser.isSet(compare)};
    if (!automation.map.isEmpty() && automation.map != QLatin1String("tsne") &&
        automation.map != QLatin1String("umap") && automation.map != QLatin1String("pca")) {
        std::fprintf(stderr, "shelfscope: --map is tsne, umap or pca, got '%s'\n",
                     qPrintable(automation.map));
        return 2;
    }
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
