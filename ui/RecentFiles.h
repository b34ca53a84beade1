#pragma once

#include <QString>
#include <QStringList>

namespace shelfscope::ui {

/// A most-recent-first list of paths kept in QSettings under one key: File > Open Recent.
/// Every call reads and writes the settings, so windows and later sessions see the same list.
class RecentFiles {
public:
    /// Lists at most `limit` paths under the settings key `key`.
    RecentFiles(QString key, int limit = kDefaultLimit);

    /// Data folders the app opened.
    static RecentFiles dataFolders();
    /// Model files the app loaded or saved.
    static RecentFiles models();

    /// The paths, most recent first.
    QStringList paths() const;
    /// Puts `path` (made absolute) first; an older entry for it goes, the oldest past the limit
    /// too.
    void add(const QString& path);
    void remove(const QString& path);
    /// Replaces `from` by `to` in place (a folder that moved).
    void replace(const QString& from, const QString& to);
    /// Drops the paths that no longer exist; returns them.
    QStringList removeMissing();
    void clear();
    int limit() const { return limit_; }

    static constexpr int kDefaultLimit = 8;

private:
    void store(const QStringList& paths) const;

    QString key_;
    int limit_;
};

} // namespace shelfscope::ui
