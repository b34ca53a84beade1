// The app's data folder is ~/.local/share/Shelfscope, not .../Shelfscope/Shelfscope (the
// organisation and the application are both named Shelfscope); a goodbooks-10k folder an earlier
// release downloaded there moves to the new place, with the settings that name it.
#include "AppDataFolder.h"
#include "CoverCache.h"
#include "DatasetDownloader.h"
#include "RecentFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace shelfscope::ui;

namespace {

const QString kDataset = QStringLiteral("goodbooks-10k");

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// An old release's download: the legacy folder with a ratings file in it.
QString makeLegacyDownload(const QByteArray& ratings) {
    const QString folder = legacyAppDataFolder() + QLatin1Char('/') + kDataset;
    if (!QDir().mkpath(folder) || !writeFile(folder + QStringLiteral("/ratings.csv"), ratings))
        return {};
    return folder;
}

} // namespace

class TestAppDataFolder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // The names the app itself sets (app/gui/main.cpp), which doubled the folder's name.
        QCoreApplication::setOrganizationName(QStringLiteral("Shelfscope"));
        QCoreApplication::setApplicationName(QStringLiteral("Shelfscope"));
        QStandardPaths::setTestModeEnabled(true);
    }

    void init() {
        QSettings().clear();
        QDir(appDataFolder()).removeRecursively();
        QDir(appCacheFolder()).removeRecursively();
    }
    void cleanupTestCase() {
        QDir(appDataFolder()).removeRecursively();
        QDir(appCacheFolder()).removeRecursively();
    }

    void theNameIsNotDoubled() {
        const QString generic =
            QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        QCOMPARE(appDataFolder(), generic + QStringLiteral("/Shelfscope"));
        QCOMPARE(downloadedDatasetFolder(), generic + QStringLiteral("/Shelfscope/goodbooks-10k"));
        QVERIFY(!downloadedDatasetFolder().contains(QStringLiteral("Shelfscope/Shelfscope")));
        // What earlier releases used, and what the migration moves from.
        QCOMPARE(legacyAppDataFolder(), generic + QStringLiteral("/Shelfscope/Shelfscope"));
    }

    void theCoverCacheNameIsNotDoubled() {
        const QString generic =
            QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
        QCOMPARE(appCacheFolder(), generic + QStringLiteral("/Shelfscope"));
        QCOMPARE(defaultCoverFolder(), generic + QStringLiteral("/Shelfscope/covers"));
        QCOMPARE(legacyAppCacheFolder(), generic + QStringLiteral("/Shelfscope/Shelfscope"));
    }

    void anOldCoverCacheMovesOnce() {
        const QString old = legacyAppCacheFolder() + QStringLiteral("/covers");
        QVERIFY(QDir().mkpath(old));
        QVERIFY(writeFile(old + QStringLiteral("/cover.png"), "png"));
        QVERIFY(migrateLegacyCoverCache());
        QCOMPARE(readFile(defaultCoverFolder() + QStringLiteral("/cover.png")), QByteArray("png"));
        QVERIFY(!QFileInfo::exists(legacyAppCacheFolder()));
        QVERIFY(!migrateLegacyCoverCache()); // nothing left to move on the next start
    }

    void anOldCoverCacheBesideANewOneIsRemoved() {
        const QString old = legacyAppCacheFolder() + QStringLiteral("/covers");
        QVERIFY(QDir().mkpath(old));
        QVERIFY(writeFile(old + QStringLiteral("/cover.png"), "old"));
        QVERIFY(QDir().mkpath(defaultCoverFolder()));
        QVERIFY(writeFile(defaultCoverFolder() + QStringLiteral("/cover.png"), "new"));
        QVERIFY(migrateLegacyCoverCache());
        QCOMPARE(readFile(defaultCoverFolder() + QStringLiteral("/cover.png")), QByteArray("new"));
        QVERIFY(!QFileInfo::exists(old));
    }

    void nothingToMoveOnAFirstStart() {
        const DataFolderMigration migration = migrateLegacyDataFolder();
        QCOMPARE(migration.outcome, DataFolderMigration::Outcome::NothingToMove);
        QVERIFY(!QFileInfo::exists(migration.to));
    }

    void anOldDownloadMovesWithItsSettings() {
        const QString old = makeLegacyDownload("book_id,user_id,rating\n1,1,5\n");
        QVERIFY(!old.isEmpty());
        QSettings().setValue(QStringLiteral("lastDataset"), old);
        RecentFiles::dataFolders().add(QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"));
        RecentFiles::dataFolders().add(old);

        const DataFolderMigration migration = migrateLegacyDataFolder();
        QCOMPARE(migration.outcome, DataFolderMigration::Outcome::Moved);
        QCOMPARE(migration.from, old);
        QCOMPARE(migration.to, downloadedDatasetFolder());
        QCOMPARE(readFile(migration.to + QStringLiteral("/ratings.csv")),
                 QByteArray("book_id,user_id,rating\n1,1,5\n"));
        QVERIFY(!QFileInfo::exists(old));
        QVERIFY(!QFileInfo::exists(legacyAppDataFolder())); // it was empty after the move
        QCOMPARE(QSettings().value(QStringLiteral("lastDataset")).toString(), migration.to);
        QCOMPARE(RecentFiles::dataFolders().paths().first(), migration.to);
        QVERIFY(!RecentFiles::dataFolders().paths().contains(old));
        QCOMPARE(RecentFiles::dataFolders().paths().size(), 2);
        // Run again (the next start): nothing left to do.
        QCOMPARE(migrateLegacyDataFolder().outcome, DataFolderMigration::Outcome::NothingToMove);
    }

    void otherFilesInTheOldFolderStay() {
        QVERIFY(!makeLegacyDownload("x").isEmpty());
        QVERIFY(writeFile(legacyAppDataFolder() + QStringLiteral("/notes.txt"), "mine"));
        QCOMPARE(migrateLegacyDataFolder().outcome, DataFolderMigration::Outcome::Moved);
        QCOMPARE(readFile(legacyAppDataFolder() + QStringLiteral("/notes.txt")),
                 QByteArray("mine"));
    }

    void aNewerDownloadWinsAndTheOldOneStays() {
        const QString old = makeLegacyDownload("old");
        QVERIFY(!old.isEmpty());
        const QString current = appDataFolder() + QLatin1Char('/') + kDataset;
        QVERIFY(QDir().mkpath(current));
        QVERIFY(writeFile(current + QStringLiteral("/ratings.csv"), "new"));

        QCOMPARE(migrateLegacyDataFolder().outcome, DataFolderMigration::Outcome::KeptBoth);
        QCOMPARE(readFile(old + QStringLiteral("/ratings.csv")), QByteArray("old"));
        QCOMPARE(readFile(current + QStringLiteral("/ratings.csv")), QByteArray("new"));
        QCOMPARE(downloadedDatasetFolder(), current);
    }

    void aFailedMoveKeepsUsingTheOldFolder() {
        const QString old = makeLegacyDownload("old");
        QVERIFY(!old.isEmpty());
        // A dangling link where the folder should go: it does not exist, yet the rename
        // cannot replace it (root ignores permissions, so a read-only folder would not do).
        const QString current = appDataFolder() + QLatin1Char('/') + kDataset;
        QVERIFY(QFile::link(appDataFolder() + QStringLiteral("/nowhere"), current));
        QVERIFY(!QFileInfo::exists(current));

        QCOMPARE(migrateLegacyDataFolder().outcome, DataFolderMigration::Outcome::MoveFailed);
        QCOMPARE(readFile(old + QStringLiteral("/ratings.csv")), QByteArray("old"));
        QCOMPARE(downloadedDatasetFolder(), old);
    }
};

QTEST_MAIN(TestAppDataFolder)
#include "tst_appdatafolder.moc"
