#pragma once

#include <QDialog>

namespace shelfscope::ui {

/// Help > About Shelfscope's text (HTML): version, licence, the data set's attribution and the
/// Qt it runs on.
QString aboutText();

/// Help > About Shelfscope: the app's icon beside aboutText(), links open in the browser.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace shelfscope::ui
