#include "SaveFile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace shelfscope::ui {

namespace {

/// The system's reason when `path` may not be written (access(2)), or an empty string.
QString accessFailure(const QString& path, int mode) {
    const QByteArray native = QFile::encodeName(path);
    if (::access(native.constData(), mode) == 0)
        return {};
    const int reason = errno; // before anything else can change it
    return QString::fromLocal8Bit(std::strerror(reason));
}

/// Why QSaveFile could not start. It words an existing file it may not replace as "Existing
/// file X is not writable", which hides the cause the user can act on (a read-only file system,
/// the file's permissions): the system's own reason is given instead, and when the file could
/// be written but its folder cannot (the temporary file goes there), the folder is named.
QString openFailure(const QSaveFile& file, const QString& path) {
    const QFileInfo info(path);
    if (info.exists() && !info.isDir()) {
        if (const QString ofFile = accessFailure(path, W_OK); !ofFile.isEmpty())
            return ofFile;
        if (const QString ofFolder = accessFailure(info.absolutePath(), W_OK | X_OK);
            !ofFolder.isEmpty())
            return QStringLiteral("%1 (the folder %2)").arg(ofFolder, info.absolutePath());
    }
    return file.errorString();
}

bool failed(QString* error, const QString& path, const QString& reason) {
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, reason);
    return false;
}

} // namespace

bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(error, path, openFailure(file, path));
    // flush() before commit(): Qt 6.4's commit() does not notice that flushing its buffer
    // failed (QTBUG-75077) and renames the short temporary file over the old one, which turned
    // an earlier export into an empty file on a full disk (tst_savefaults). An uncommitted
    // QSaveFile removes its temporary file. commit() then syncs, closes and renames.
    if (file.write(bytes) != bytes.size() || !file.flush() || !file.commit())
        return failed(error, path, file.errorString());
    return true;
}

} // namespace shelfscope::ui
