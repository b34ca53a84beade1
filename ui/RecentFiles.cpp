#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>
#include <utility>

namespace shelfscope::ui {

RecentFiles::RecentFiles(QString key, int limit) : key_(std::move(key)), limit_(limit) {}

RecentFiles RecentFiles::dataFolders() {
    return RecentFiles(QStringLiteral("recent/dataFolders"));
}

RecentFiles RecentFiles::models() {
    return RecentFiles(QStringLiteral("recent/models"));
}

QStringList RecentFiles::paths() const {
    QStringList paths = QSettings().value(key_).toStringList();
    paths.removeAll(QString());
    if (paths.size() > limit_) // a larger list written by hand or by another version
        paths.resize(limit_);
    return paths;
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = this->paths();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    if (paths.size() > limit_)
        paths.resize(limit_);
    store(paths);
}

void RecentFiles::remove(const QString& path) {
    QStringList paths = this->paths();
    if (paths.removeAll(path) > 0)
        store(paths);
}

void RecentFiles::replace(const QString& from, const QString& to) {
    QStringList paths = this->paths();
    if (!paths.contains(from))
        return;
    paths.removeAll(to);
    paths[paths.indexOf(from)] = to;
    store(paths);
}

QStringList RecentFiles::removeMissing() {
    QStringList kept;
    QStringList missing;
    for (const QString& path : paths())
        (QFileInfo::exists(path) ? kept : missing).append(path);
    if (!missing.isEmpty())
        store(kept);
    return missing;
}

void RecentFiles::clear() {
    QSettings().remove(key_);
}

void RecentFiles::store(const QStringList& paths) const {
    QSettings().setValue(key_, paths);
}

} // namespace shelfscope::ui
