#pragma once

#include <QString>

namespace shelfscope::ui {

/// The app's own data folder: the platform's data location plus the application name
/// (~/.local/share/Shelfscope on Linux). QStandardPaths::AppDataLocation would put the
/// organisation name in front as well, which doubles it when both are "Shelfscope".
QString appDataFolder();

/// Where builds before the rename (531dcf2; all of them version 0.1.0) kept downloaded data
/// sets: AppDataLocation, i.e. ~/.local/share/Shelfscope/Shelfscope on Linux.
QString legacyAppDataFolder();

/// The app's own cache folder (~/.cache/Shelfscope on Linux), named the way appDataFolder() is.
QString appCacheFolder();

/// Where builds before 5bbe57a (version 0.1.0 too) kept the cover cache's parent:
/// CacheLocation, i.e. ~/.cache/Shelfscope/Shelfscope on Linux.
QString legacyAppCacheFolder();

/// Moves the cover cache an earlier release kept in legacyAppCacheFolder() to appCacheFolder()
/// (one rename), or removes it when the new place already has one: it only ever held downloaded
/// covers, which can be fetched again. Removes the old folder if that leaves it empty. Returns
/// true when something was moved or removed.
bool migrateLegacyCoverCache();

/// What migrateLegacyDataFolder() did.
struct DataFolderMigration {
    enum class Outcome {
        NothingToMove, ///< no old folder, or it holds nothing the app made
        Moved,         ///< the old goodbooks-10k folder is now in appDataFolder()
        KeptBoth,      ///< both folders hold goodbooks-10k: the new one is used, the old one stays
        MoveFailed,    ///< the rename failed: the old folder stays in use
    };
    Outcome outcome = Outcome::NothingToMove;
    QString from;
    QString to;
};

/// Moves a goodbooks-10k folder downloaded by an earlier release from legacyAppDataFolder() to
/// appDataFolder() (one rename: the old folder lies inside the new one), removes the old folder
/// if that leaves it empty, and points the remembered data set and recent folders at the new
/// place. Call once at start-up, after the application and organisation names are set.
DataFolderMigration migrateLegacyDataFolder();

} // namespace shelfscope::ui
