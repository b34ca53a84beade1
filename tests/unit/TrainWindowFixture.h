#pragma once

// What the Train tab's suites share: a main window with the demo library open, a click on Train
// that waits for the run, and the runs table's cells as the user reads them.

#include "MainWindow.h"
#include "RunsModel.h"
#include "SanitizerBuild.h"
#include "TrainPanel.h"
#include "Workspace.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

namespace train_test {

using namespace shelfscope;
using namespace shelfscope::ui;

/// A main window with the demo library open, on the Train tab.
inline std::unique_ptr<MainWindow> openDemo(const DemoConfig& config = {}) {
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window->loader(), &DatasetLoader::loaded);
    window->openDemo(config);
    if (!loaded.wait(test::timeLimitMs(30000)))
        return nullptr;
    window->showTab(1);
    return window;
}

/// The text the runs table shows in a cell.
inline QString runsCell(MainWindow& window, int row, int column) {
    RunsModel* runs = window.workspace()->runs();
    return runs->data(runs->index(row, column)).toString();
}

inline int runsRows(MainWindow& window) {
    return window.workspace()->runs()->rowCount();
}

/// Clicks Train and waits for the run to end; nullopt if it did not within a minute (ten under
/// a sanitizer).
inline std::optional<TrainingRun> clickTrainAndWait(TrainPanel* panel) {
    QSignalSpy finished(panel->controller(), &TrainingController::finished);
    QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
    if (!finished.wait(test::timeLimitMs(60000)))
        return std::nullopt;
    return finished.at(0).at(0).value<TrainingRun>();
}

} // namespace train_test
