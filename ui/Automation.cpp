#include "Automation.h"

#include "MainWindow.h"
#include "MapPanel.h"
#include "RecommendPanel.h"
#include "TrainPanel.h"
#include "Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <cstdio>

namespace shelfscope::ui {

namespace {

/// Grabs after a short pause so the last update has been laid out and painted.
void grabLater(MainWindow& window, const QString& file, bool quit) {
    QTimer::singleShot(300, &window, [&window, file, quit] {
        const bool saved = window.grab().save(file);
        if (!saved)
            std::fprintf(stderr, "shelfscope: cannot save a screenshot to %s\n", qPrintable(file));
        if (quit || !saved)
            QCoreApplication::exit(saved ? 0 : 1);
    });
}

/// Starts the preset; false (after saying why) when there is none of that name.
bool startPreset(MainWindow& window, const QString& preset) {
    TrainPanel* panel = window.trainPanel();
    const int index = panel->presetBox()->findText(preset);
    if (index < 0) {
        std::fprintf(stderr, "shelfscope: unknown preset '%s'\n", qPrintable(preset));
        QCoreApplication::exit(2);
        return false;
    }
    window.showTab(1);
    panel->presetBox()->setCurrentIndex(index);
    panel->trainButton()->click();
    return true;
}

void automateRecommendations(MainWindow& window, const Automation& automation) {
    if (automation.reader.isEmpty())
        return;
    RecommendPanel* panel = window.recommendPanel();
    QObject::connect(panel, &RecommendPanel::ready, &window, [&window, panel, automation] {
        // Only the last run's list matters; earlier runs become ready on the way.
        const int active = window.workspace()->activeRun();
        if (active < automation.trainPresets.size())
            return;
        window.showTab(2);
        panel->readerEdit()->setText(automation.reader);
        panel->recommend();
        if (!automation.screenshot.isEmpty())
            grabLater(window, automation.screenshot, true);
    });
}

} // namespace

void automate(MainWindow& window, const Automation& automation) {
    automateRecommendations(window, automation);
    if (!automation.map.isEmpty() && !automation.screenshot.isEmpty())
        QObject::connect(window.mapPanel()->controller(), &MapController::finished, &window,
                         [&window, automation] { grabLater(window, automation.screenshot, true); });
    TrainPanel* panel = window.trainPanel();
    panel->logScaleBox()->setChecked(automation.logScale);
    const bool training = !automation.trainPresets.isEmpty();
    QObject::connect(window.loader(), &DatasetLoader::loaded, &window,
                     [&window, automation, training] {
                         if (training)
                             startPreset(window, automation.trainPresets.front());
                         else if (!automation.screenshot.isEmpty())
                             grabLater(window, automation.screenshot, true);
                     });
    QObject::connect(window.loader(), &DatasetLoader::failed, &window, [&window, automation] {
        if (!automation.screenshot.isEmpty())
            grabLater(window, automation.screenshot, true);
    });
    if (!training)
        return;
    QObject::connect(panel->controller(), &TrainingController::epochFinished, &window,
                     [&window, automation](const TrainingEpoch& epoch) {
                         // During the last run, so the earlier ones show finished beside it.
                         if (!automation.screenshotDuring.isEmpty() &&
                             epoch.run == automation.trainPresets.size() &&
                             epoch.report.epoch == automation.duringEpoch)
                             grabLater(window, automation.screenshotDuring, false);
                     });
    QObject::connect(
        panel->controller(), &TrainingController::finished, &window,
        [&window, automation](const TrainingRun& run) {
            if (run.run < automation.trainPresets.size()) {
                // Let the finished run settle into the table before the next starts.
                QTimer::singleShot(0, &window, [&window, automation, run] {
                    startPreset(window, automation.trainPresets.at(run.run));
                });
            } else if (!automation.map.isEmpty()) {
                // After the recommend tab's own handling of the same signal.
                QTimer::singleShot(0, &window, [&window, automation] {
                    MapPanel* map = window.mapPanel();
                    window.showTab(3);
                    map->methodBox()->setCurrentIndex(automation.map == QLatin1String("pca") ? 1
                                                                                             : 0);
                    map->draw();
                });
            } else if (!automation.screenshot.isEmpty() && automation.reader.isEmpty()) {
                grabLater(window, automation.screenshot, true);
            }
        });
}

void captureIfIdle(MainWindow& window, const Automation& automation) {
    if (window.showingWelcome() && !automation.screenshot.isEmpty())
        grabLater(window, automation.screenshot, true);
}

} // namespace shelfscope::ui
