#pragma once

#include <QString>

class QWidget;

namespace shelfscope::ui {

/// Saves the values of the input widgets under `root` that have an object name (spin boxes,
/// check boxes, combo boxes by their text, line edits, sliders) in QSettings under `group`, so
/// a form comes back as the user left it after a restart.
void saveInputs(const QWidget* root, const QString& group);

/// Sets the input widgets under `root` back to the values saveInputs stored; a stored value a
/// widget no longer accepts (an item no longer offered, a number out of range) is left out.
void restoreInputs(QWidget* root, const QString& group);

/// Saves the state of every named QSplitter under `root` (where the user dragged its handles).
void saveSplitters(const QWidget* root, const QString& group);
void restoreSplitters(QWidget* root, const QString& group);

} // namespace shelfscope::ui
