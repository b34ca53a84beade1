#include "SaveFile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace shelfscope::ui {

namespace {

/// Why QSaveFile could not start. It words an existing file it may not replace as "Existing
/// file X is not writable", which hides the cause the user can act on (a read-only file system,
/// the file's permissions): the system's own reason is given instead.
QString openFailure(const QSaveFile& file, const QString& path) {
    if (QFileInfo::exists(path) && ::access(QFile::encodeName(path).constData(), W_OK) != 0)
        return QString::fromLocal8Bit(std::strerror(errno));
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
