#pragma once

#include <QString>
#include <QStringList>

namespace shelfscope::ui {

class MainWindow;

/// What the app does by itself once a data set is open: for demos, documentation screenshots
/// and people who want a model trained as soon as the app starts.
struct Automation {
    QStringList trainPresets; ///< train with these presets, one after the other (empty: do not)
    QString screenshot; ///< save the window here when done (loaded, or the run finished), then quit
    QString screenshotDuring; ///< save the window here after `duringEpoch` epochs of the run
    int duringEpoch = 2;
    bool logScale = false; ///< start the loss chart on a log scale
    /// Once the last run is ready on the Recommend tab, recommend for this reader id (the
    /// screenshot then waits for the list).
    QString reader;
    /// Once the last run ends, draw its book map ("tsne" or "pca") on the Map tab (the
    /// screenshot then waits for the map).
    QString map;
};

/// Wires the automation to the window's signals. Unknown presets quit with an error message.
void automate(MainWindow& window, const Automation& automation);

/// Call after choosing what to open: with nothing to wait for (the welcome page is showing),
/// the screenshot is taken at once.
void captureIfIdle(MainWindow& window, const Automation& automation);

} // namespace shelfscope::ui
