#include "SaveFile.h"

#include <QSaveFile>

namespace shelfscope::ui {

bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    // commit() flushes, syncs and closes, and fails if any of them (or the rename) does.
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace shelfscope::ui
