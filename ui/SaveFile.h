#pragma once

#include <QByteArray>
#include <QString>

namespace shelfscope::ui {

/// Writes `bytes` to `path` atomically (QSaveFile: an unnamed or temporary file in the same
/// folder, synced and renamed into place on success), so a failure or a killed process never
/// leaves a half-written file and never harms the file that was there. Every export of the GUI
/// goes through here. False with "path: reason" (e.g. "No space left on device") in *error.
bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error);

} // namespace shelfscope::ui
