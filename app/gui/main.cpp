#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

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
    const QCommandLineOption screenshot(
        QStringList{QStringLiteral("screenshot")},
        QStringLiteral("Once the data set is open, save the window as a PNG to FILE and exit."),
        QStringLiteral("FILE"));
    parser.addOption(data);
    parser.addOption(demo);
    const QCommandLineOption tab(QStringList{QStringLiteral("tab")},
                                 QStringLiteral("Open on tab NAME: data or train."),
                                 QStringLiteral("NAME"));
    parser.addOption(screenshot);
    parser.addOption(tab);
    parser.process(app);

    shelfscope::ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (parser.value(tab) == QLatin1String("train"))
        window.showTab(1);
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        const auto saveAndQuit = [&window, file] {
            // Let the layout settle after the final update before grabbing.
            QTimer::singleShot(200, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                QCoreApplication::exit(saved ? 0 : 1);
            });
        };
        QObject::connect(window.loader(), &shelfscope::ui::DatasetLoader::loaded, &window,
                         saveAndQuit);
        QObject::connect(window.loader(), &shelfscope::ui::DatasetLoader::failed, &window,
                         saveAndQuit);
    }
    if (parser.isSet(data))
        window.openFolder(parser.value(data));
    else
        window.openDemo();
    return QApplication::exec();
}
