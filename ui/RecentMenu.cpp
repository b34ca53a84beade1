#include "RecentMenu.h"

#include <QDir>
#include <utility>

namespace shelfscope::ui {

RecentMenu::RecentMenu(const QString& title, RecentFiles files, QWidget* parent)
    : QMenu(title, parent), files_(std::move(files)) {
    connect(this, &QMenu::aboutToShow, this, &RecentMenu::rebuild);
    rebuild();
}

void RecentMenu::rebuild() {
    // Not QMenu::clear(): that deletes the actions at once, and "Clear the list" rebuilds from
    // inside its own triggered() signal.
    for (QAction* old : actions()) {
        removeAction(old);
        if (old->parent() == this)
            old->deleteLater();
    }
    files_.removeMissing();
    const QStringList paths = files_.paths();
    for (qsizetype i = 0; i < paths.size(); ++i) {
        // "&1" .. "&8" give keyboard access; '&' in a path must not become a mnemonic.
        QString shown = QDir::toNativeSeparators(paths[i]);
        shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction* item = addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(shown));
        item->setData(paths[i]);
        item->setToolTip(paths[i]);
        connect(item, &QAction::triggered, this, [this, path = paths[i]] { Q_EMIT chosen(path); });
    }
    if (paths.isEmpty())
        addAction(tr("(none)"))->setEnabled(false);
    addSeparator();
    clear_ = addAction(tr("&Clear the list"));
    clear_->setEnabled(!paths.isEmpty());
    connect(clear_, &QAction::triggered, this, [this] {
        files_.clear();
        rebuild();
    });
}

QStringList RecentMenu::shownPaths() const {
    QStringList paths;
    for (const QAction* item : actions())
        if (item->data().isValid())
            paths.append(item->data().toString());
    return paths;
}

} // namespace shelfscope::ui
