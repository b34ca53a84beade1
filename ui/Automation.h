#pragma once

#include "recommend/ShelfFile.h"

#include <QString>
#include <QStringList>

namespace shelfscope::ui {

class MainWindow;

/// What the app does by itself once a data set is open: for demos, documentation screenshots
/// and people who want a model trained as soon as the app starts.
struct Automation {
    QStringList trainPresets; ///< train with these presets, one after the other (empty: do not)
    int epochs = 0;           ///< train each preset for this many epochs (0: the preset's own)
    QString screenshot; ///< save the window here when done (loaded, or the run finished), then quit
    QString screenshotDuring; ///< save the window here after `duringEpoch` epochs of the run
    int duringEpoch = 2;
    bool logScale = false; ///< start the loss chart on a log scale
    /// Once the last run ends, show this reader id on the Readers tab (the screenshot then
    /// waits for the recommendations).
    QString reader;
    /// Once the last run ends, draw its book map ("tsne" or "pca") on the Map tab (the
    /// screenshot then waits for the map).
    QString map;
    /// Once the last run ends, be a new reader with these ratings on the Readers tab.
    RatedBooks newReader;
    /// With reader or newReader: the last run's list beside the run before it.
    bool compare = false;
};

/// Reads "BOOK_ID:STARS,..." (e.g. "2:5,25:4") for --new-reader; false with the reason in
/// *error for anything else.
bool parseRatingsOption(const QString& text, RatedBooks* ratings, QString* error);

/// Wires the automation to the window's signals. Unknown presets quit with an error message.
void automate(MainWindow& window, const Automation& automation);

/// Call after choosing what to open: with nothing to wait for (the welcome page is showing),
/// the screenshot is taken at once.
void captureIfIdle(MainWindow& window, const Automation& automation);

} // namespace shelfscope::ui
