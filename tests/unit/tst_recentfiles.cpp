// File > Open recent data folder / model: most recent first, at most eight, missing paths
// dropped, a Clear item, kept across windows; the window adds what it opens, loads and saves.
#include "DatasetLoader.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "RecentMenu.h"
#include "TrainPanel.h"

#include <QAction>
#include <QDir>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

const QString kTiny = QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny");

/// `count` folders that exist, named 0, 1, 2, ... inside `root`.
QStringList makeFolders(const QTemporaryDir& root, int count) {
    QStringList folders;
    for (int i = 0; i < count; ++i) {
        const QString folder = root.filePath(QString::number(i));
        QDir().mkpath(folder);
        folders.append(folder);
    }
    return folders;
}

/// The menu item that opens `path`, or null.
QAction* itemFor(const RecentMenu* menu, const QString& path) {
    for (QAction* item : menu->actions())
        if (item->data().toString() == path)
            return item;
    return nullptr;
}

} // namespace

class TestRecentFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void mostRecentFirst_data() {
        QTest::addColumn<QList<int>>("opened"); // indexes into the folders, in the order opened
        QTest::addColumn<QList<int>>("listed");
        QTest::newRow("three") << QList<int>{0, 1, 2} << QList<int>{2, 1, 0};
        QTest::newRow("reopened moves to the top") << QList<int>{0, 1, 2, 0} << QList<int>{0, 2, 1};
        QTest::newRow("the same twice") << QList<int>{1, 1} << QList<int>{1};
        QTest::newRow("past the limit")
            << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9} << QList<int>{9, 8, 7, 6, 5, 4, 3, 2};
        QTest::newRow("an old one back after the limit")
            << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 0} << QList<int>{0, 8, 7, 6, 5, 4, 3, 2};
    }

    void mostRecentFirst() {
        QFETCH(QList<int>, opened);
        QFETCH(QList<int>, listed);
        QTemporaryDir root;
        const QStringList folders = makeFolders(root, 10);
        RecentFiles recent(QStringLiteral("recent/test"));
        for (const int i : opened)
            recent.add(folders[i]);
        QStringList expected;
        for (const int i : listed)
            expected.append(folders[i]);
        QCOMPARE(recent.paths(), expected);
        QVERIFY(recent.paths().size() <= RecentFiles::kDefaultLimit);
        // A menu made afterwards (a new window) lists the same, in the same order.
        RecentMenu menu(QStringLiteral("Recent"), RecentFiles(QStringLiteral("recent/test")));
        QCOMPARE(menu.shownPaths(), expected);
    }

    void relativePathsAreStoredAbsolute() {
        RecentFiles recent(QStringLiteral("recent/test"));
        recent.add(QStringLiteral("."));
        QCOMPARE(recent.paths(), QStringList{QDir::currentPath()});
    }

    void missingPathsLeaveTheMenu() {
        QTemporaryDir root;
        const QStringList folders = makeFolders(root, 3);
        RecentFiles recent(QStringLiteral("recent/test"));
        for (const QString& folder : folders)
            recent.add(folder);
        RecentMenu menu(QStringLiteral("Recent"), recent);
        QCOMPARE(menu.shownPaths().size(), 3);
        QVERIFY(QDir(folders[1]).removeRecursively());
        Q_EMIT menu.aboutToShow(); // what opening the menu does
        QCOMPARE(menu.shownPaths(), (QStringList{folders[2], folders[0]}));
        QCOMPARE(recent.paths(), (QStringList{folders[2], folders[0]})); // and the settings
    }

    void clearEmptiesTheList() {
        QTemporaryDir root;
        RecentFiles recent(QStringLiteral("recent/test"));
        for (const QString& folder : makeFolders(root, 2))
            recent.add(folder);
        RecentMenu menu(QStringLiteral("Recent"), recent);
        QVERIFY(menu.clearAction()->isEnabled());
        menu.clearAction()->trigger();
        QVERIFY(recent.paths().isEmpty());
        QVERIFY(menu.shownPaths().isEmpty());
        QVERIFY(!menu.clearAction()->isEnabled());
        QVERIFY(!QSettings().contains(QStringLiteral("recent/test")));
    }

    void choosingAnItemSaysWhich() {
        QTemporaryDir root;
        const QStringList folders = makeFolders(root, 2);
        RecentFiles recent(QStringLiteral("recent/test"));
        for (const QString& folder : folders)
            recent.add(folder);
        RecentMenu menu(QStringLiteral("Recent"), recent);
        QSignalSpy chosen(&menu, &RecentMenu::chosen);
        itemFor(&menu, folders[0])->trigger();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), folders[0]);
    }

    void theWindowRemembersFoldersAndModels() {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("tiny.ssm"));
        {
            MainWindow window;
            QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
            window.openFolder(kTiny);
            QVERIFY(loaded.wait(10000));
            Q_EMIT window.recentFoldersMenu()->aboutToShow(); // the menu refills as it opens
            QCOMPARE(window.recentFoldersMenu()->shownPaths(),
                     QStringList{QFileInfo(kTiny).absoluteFilePath()});
            // The demo library is not a folder: it does not go on the list.
            window.openDemo();
            QVERIFY(loaded.wait(30000));
            Q_EMIT window.recentFoldersMenu()->aboutToShow();
            QCOMPARE(window.recentFoldersMenu()->shownPaths().size(), 1);

            window.openFolder(kTiny);
            QVERIFY(loaded.wait(10000));
            TrainPanel* panel = window.trainPanel();
            QSignalSpy finished(panel->controller(), &TrainingController::finished);
            QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
            QVERIFY(finished.wait(60000));
            QSignalSpy saved(panel->fileJobs(), &ModelFileJobs::saved);
            panel->saveRunModel(finished.at(0).at(0).value<TrainingRun>().run, model);
            QVERIFY(saved.wait(10000));
            Q_EMIT window.recentModelsMenu()->aboutToShow();
            QCOMPARE(window.recentModelsMenu()->shownPaths(), QStringList{model});
        }
        // A new window (the next session) offers both, and opens them from the menu.
        MainWindow window;
        QCOMPARE(window.recentFoldersMenu()->shownPaths(),
                 QStringList{QFileInfo(kTiny).absoluteFilePath()});
        QCOMPARE(window.recentModelsMenu()->shownPaths(), QStringList{model});
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        itemFor(window.recentFoldersMenu(), QFileInfo(kTiny).absoluteFilePath())->trigger();
        QVERIFY(loaded.wait(10000));
        QSignalSpy modelLoaded(window.trainPanel()->fileJobs(), &ModelFileJobs::loaded);
        itemFor(window.recentModelsMenu(), model)->trigger();
        QVERIFY(modelLoaded.wait(10000));
        QCOMPARE(QString::fromStdString(modelLoaded.at(0).at(0).value<TrainingRun>().loadedFrom),
                 model);
    }
};

QTEST_MAIN(TestRecentFiles)
#include "tst_recentfiles.moc"
