#include "AppDataFolder.h"

#include "RecentFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace shelfscope::ui {

namespace {
const QString kDatasetName = QStringLiteral("goodbooks-10k");
const QString kLastDatasetKey = QStringLiteral("lastDataset");

/// Settings that remember a data folder by path follow it to its new place.
void repointSettings(const QString& from, const QString& to) {
    QSettings settings;
    if (settings.value(kLastDatasetKey).toString() == from)
        settings.setValue(kLastDatasetKey, to);
    RecentFiles folders = RecentFiles::dataFolders();
    folders.replace(from, to);
}
} // namespace

QString appDataFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QLatin1Char('/') + QCoreApplication::applicationName();
}

QString legacyAppDataFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString appCacheFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QLatin1Char('/') + QCoreApplication::applicationName();
}

QString legacyAppCacheFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

bool migrateLegacyCoverCache() {
    const QString legacy = legacyAppCacheFolder();
    const QString current = appCacheFolder();
    const QString from = legacy + QStringLiteral("/covers");
    const QString to = current + QStringLiteral("/covers");
    if (QDir::cleanPath(legacy) == QDir::cleanPath(current) || !QFileInfo(from).isDir())
        return false;
    const bool moved = !QFileInfo::exists(to) && QDir().mkpath(current) && QDir().rename(from, to);
    if (!moved)
        QDir(from).removeRecursively();
    QDir().rmdir(legacy); // only when empty
    return true;
}

DataFolderMigration migrateLegacyDataFolder() {
    DataFolderMigration migration;
    const QString legacy = legacyAppDataFolder();
    const QString current = appDataFolder();
    migration.from = legacy + QLatin1Char('/') + kDatasetName;
    migration.to = current + QLatin1Char('/') + kDatasetName;
    if (QDir::cleanPath(legacy) == QDir::cleanPath(current) || !QFileInfo(migration.from).isDir()) {
        migration.outcome = DataFolderMigration::Outcome::NothingToMove;
        return migration;
    }
    if (QFileInfo::exists(migration.to)) {
        migration.outcome = DataFolderMigration::Outcome::KeptBoth;
        return migration;
    }
    if (!QDir().mkpath(current) || !QDir().rename(migration.from, migration.to)) {
        migration.outcome = DataFolderMigration::Outcome::MoveFailed;
        return migration;
    }
    QDir().rmdir(legacy); // only when empty: anything else the user put there stays
    repointSettings(migration.from, migration.to);
    migration.outcome = DataFolderMigration::Outcome::Moved;
    return migration;
}

} // namespace shelfscope::ui
