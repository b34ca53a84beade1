#pragma once

#include <QWidget>

namespace shelfscope::ui {

/// What the app shows when no data set is open yet: the ways to get one.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

Q_SIGNALS:
    void openFolderRequested();
    void downloadRequested();
    void demoRequested();
};

} // namespace shelfscope::ui
