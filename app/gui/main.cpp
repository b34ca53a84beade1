#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Shelfscope"));
    QApplication::setOrganizationName(QStringLiteral("Shelfscope"));
    QApplication::setApplicationVersion(QStringLiteral(SHELFSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Explore book recommendations."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption data(QStringList{QStringLiteral("data")},
                                  QStringLiteral("Open the data set in folder DIR."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption demo(QStringList{QStringLiteral("demo")},
                                  QStringLiteral("Open the built-in demo library."));
    parser.addOption(data);
    parser.addOption(demo);
    parser.process(app);

    shelfscope::ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (parser.isSet(data))
        window.openFolder(parser.value(data));
    else
        window.openDemo();
    return QApplication::exec();
}
