#pragma once

#include <QUrl>

class QMainWindow;
class QMenu;

namespace shelfscope::ui {

/// The project's web page, where the README is.
inline constexpr const char* kDocumentationWebUrl =
    "https://github.com/shelfscope/shelfscope#readme";

/// The documentation Help > Documentation opens: the installed README
/// (<prefix>/share/doc/shelfscope/README.md beside <prefix>/bin) when there is one, else the
/// project's web page.
QUrl documentationUrl();

/// Adds Help (Documentation, About Shelfscope, About Qt) to the window's menu bar.
QMenu* addHelpMenu(QMainWindow* window);

} // namespace shelfscope::ui
