#pragma once

#include <QFileDialog>
#include <QString>
#include <functional>

namespace shelfscope::ui {

/// Asks for a file path with a window-modal, non-blocking dialog (open(), not exec(): no nested
/// event loop); `then` runs with the chosen path, and nothing runs when the dialog is cancelled.
void askForPath(QWidget* parent, const QString& title, const QString& filter, const QString& suffix,
                QFileDialog::AcceptMode mode, std::function<void(const QString&)> then);

/// Shows an error in a window-modal, non-blocking message box.
void showError(QWidget* parent, const QString& title, const QString& message);

} // namespace shelfscope::ui
