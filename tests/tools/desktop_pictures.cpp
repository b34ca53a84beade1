// Saves pictures of the desktop conventions for a look and for docs/PACKAGING.md: the About
// box, the File menu and its recent data folders. Not a test: run by hand, offscreen.
//
//   desktop_pictures --out DIR       writes welcome.png, about.png, file-menu.png,
//                                    recent-folders.png
#include "AboutDialog.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "RecentMenu.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <cstdio>

using namespace shelfscope::ui;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "desktop_pictures: %s\n", what);
    std::exit(1);
}

void save(QWidget* widget, const QString& path) {
    if (!widget->grab().save(path))
        fail("could not save a picture");
    std::printf("%s\n", qPrintable(path));
}

QMenu* fileMenu(MainWindow& window) {
    for (QAction* entry : window.menuBar()->actions())
        if (entry->menu() && entry->text() == QStringLiteral("&File"))
            return entry->menu();
    fail("no File menu");
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Shelfscope"));
    QApplication::setOrganizationName(QStringLiteral("Shelfscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(SHELFSCOPE_ICON_PATH)));
    QStandardPaths::setTestModeEnabled(true); // the user's own settings stay out of it
    QSettings().clear();
    const QStringList args = QApplication::arguments();
    const auto at = args.indexOf(QStringLiteral("--out"));
    const QString out = at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
    if (out.isEmpty() || !QDir(out).exists())
        fail("give --out DIR, an existing folder");

    // Folders that exist, oldest first, so the menu lists them the other way round.
    const QString fixtures = QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/");
    for (const char* name : {"tags_only", "shelves", "kaggle_crlf_bom", "tiny"})
        RecentFiles::dataFolders().add(fixtures + QString::fromLatin1(name));

    MainWindow window;
    window.resize(900, 600);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        fail("the window did not show");

    // No data set remembered: the window opens on the welcome page.
    window.openLastOrWelcome();
    window.resize(1280, 800);
    QTest::qWait(100);
    save(&window, out + QStringLiteral("/welcome.png"));
    window.resize(900, 600);
    QTest::qWait(100);

    QMenu* file = fileMenu(window);
    file->popup(window.mapToGlobal(QPoint(0, 0)));
    QTest::qWait(100);
    save(file, out + QStringLiteral("/file-menu.png"));
    file->hide();

    window.recentFoldersMenu()->popup(window.mapToGlobal(QPoint(0, 0)));
    QTest::qWait(100);
    save(window.recentFoldersMenu(), out + QStringLiteral("/recent-folders.png"));
    window.recentFoldersMenu()->hide();

    AboutDialog about(&window);
    about.show();
    QTest::qWait(100);
    save(&about, out + QStringLiteral("/about.png"));
    QSettings().clear();
    return 0;
}
