#pragma once

#include <QString>

namespace shelfscope::ui {

/// The app's own data folder: the platform's data location plus the application name
/// (~/.local/share/Shelfscope on Linux). QStandardPaths::AppDataLocation would put the
/// organisation name in front as well, which doubles it when both are "Shelfscope".
QString appDataFolder();

/// Where releases up to 0.1.0 kept downloaded data sets: AppDataLocation, i.e.
/// ~/.local/share/Shelfscope/Shelfscope on Linux.
QString legacyAppDataFolder();

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
