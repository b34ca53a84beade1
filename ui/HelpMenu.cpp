#include "HelpMenu.h"

#include "AboutDialog.h"

#include <QApplication>
#include <QDesktopServices>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenuBar>

namespace shelfscope::ui {

QUrl documentationUrl() {
    const QFileInfo installed(QCoreApplication::applicationDirPath() +
                              QStringLiteral("/../share/doc/shelfscope/README.md"));
    if (installed.isFile())
        return QUrl::fromLocalFile(installed.canonicalFilePath());
    return QUrl(QString::fromLatin1(kDocumentationWebUrl));
}

QMenu* addHelpMenu(QMainWindow* window) {
    QMenu* help = window->menuBar()->addMenu(QObject::tr("&Help"));
    QAction* docs = help->addAction(QObject::tr("&Documentation"), QKeySequence::HelpContents,
                                    window, [] { QDesktopServices::openUrl(documentationUrl()); });
    docs->setObjectName(QStringLiteral("documentationAction"));
    help->addSeparator();
    QAction* about = help->addAction(QObject::tr("&About Shelfscope"), window, [window] {
        auto* dialog = new AboutDialog(window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open(); // window-modal, no nested event loop
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(QObject::tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    return help;
}

} // namespace shelfscope::ui
