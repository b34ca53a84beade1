#pragma once

#include "RecentFiles.h"

#include <QMenu>

namespace shelfscope::ui {

/// File > Open Recent ...: one item per path of a RecentFiles list, most recent first, then
/// "Clear". Each time it opens it drops the paths that no longer exist.
class RecentMenu : public QMenu {
    Q_OBJECT
public:
    RecentMenu(const QString& title, RecentFiles files, QWidget* parent = nullptr);

    /// Refills the menu from the settings (the menu does so before it shows).
    void rebuild();
    /// The paths the items open, in menu order.
    QStringList shownPaths() const;
    QAction* clearAction() const { return clear_; }

Q_SIGNALS:
    /// The user picked `path`.
    void chosen(const QString& path);

private:
    RecentFiles files_;
    QAction* clear_ = nullptr;
};

} // namespace shelfscope::ui
