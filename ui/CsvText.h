#pragma once

#include <QString>
#include <QStringList>

namespace shelfscope::ui {

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
QString csvText(const QString& field);

/// One CSV line (fields quoted as needed) with its line break.
QString csvLine(const QStringList& fields);

/// Writes UTF-8 text to `path` atomically (writeFileAtomically), so a
/// failure never leaves a half-written file. False with "path: reason" in *error.
bool writeTextAtomically(const QString& path, const QString& text, QString* error);

} // namespace shelfscope::ui
