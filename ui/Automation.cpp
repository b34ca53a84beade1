#include "Automation.h"

#include "HyperparameterForm.h"
#include "MainWindow.h"
#include "MapPanel.h"
#include "NewReaderEditor.h"
#include "ReaderPicker.h"
#include "ReadersPanel.h"
#include "RecommendationsPane.h"
#include "TrainPanel.h"
#include "Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
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

/// Starts the preset (for `epochs` epochs when above 0); false (after saying why) when there is
/// none of that name.
bool startPreset(MainWindow& window, const QString& preset, int epochs) {
    TrainPanel* panel = window.trainPanel();
    const int index = panel->presetBox()->findText(preset);
    if (index < 0) {
        std::fprintf(stderr, "shelfscope: unknown preset '%s'\n", qPrintable(preset));
        QCoreApplication::exit(2);
        return false;
    }
    window.showTab(1);
    panel->presetBox()->setCurrentIndex(index);
    if (epochs > 0)
        panel->form()->epochsBox()->setValue(epochs);
    panel->trainButton()->click();
    return true;
}

bool wantsReader(const Automation& automation) {
    return !automation.reader.isEmpty() || !automation.newReader.empty();
}

/// Once the last run has ended: shows the reader (or the new one) on the Readers tab and, for
/// a screenshot, grabs the window when their recommendations have arrived.
void showReader(MainWindow& window, const Automation& automation) {
    ReadersPanel* panel = window.readersPanel();
    RecommendationsPane* pane = panel->recommendations();
    window.showTab(MainWindow::ReadersTab);
    if (automation.compare)
        pane->setComparing(true);
    if (!automation.newReader.empty()) {
        panel->newReaderEditor()->setShelf(automation.newReader);
        window.workspace()->setNewReader(panel->newReaderEditor()->shelf());
    } else if (!panel->picker()->chooseText(automation.reader)) {
        std::fprintf(stderr, "shelfscope: --reader: %s\n",
                     qPrintable(panel->picker()->messageLabel()->text()));
        QCoreApplication::exit(2);
        return;
    }
    if (automation.screenshot.isEmpty() || !automation.map.isEmpty())
        return; // the map's own screenshot waits for the map
    const auto grabWhenSettled = [&window, pane, automation] {
        Workspace* workspace = window.workspace();
        if (!pane->isSettled() || pane->firstRun() != workspace->activeRun())
            return false;
        // The top book in focus, so the picture shows its similar books too.
        if (!workspace->recommendedBooks().empty())
            workspace->selectBook(workspace->recommendedBooks().front());
        grabLater(window, automation.screenshot, true);
        return true;
    };
    if (grabWhenSettled())
        return;
    auto* connection = new QMetaObject::Connection;
    *connection = QObject::connect(panel, &ReadersPanel::recommendationsSettled, &window,
                                   [grabWhenSettled, connection] {
                                       if (grabWhenSettled()) {
                                           QObject::disconnect(*connection);
                                           delete connection;
                                       }
                                   });
}

} // namespace

void automate(MainWindow& window, const Automation& automation) {
    if (!automation.map.isEmpty() && !automation.screenshot.isEmpty())
        QObject::connect(window.mapPanel(), &MapPanel::mapsReady, &window,
                         [&window, automation] { grabLater(window, automation.screenshot, true); });
    TrainPanel* panel = window.trainPanel();
    panel->logScaleBox()->setChecked(automation.logScale);
    const bool training = !automation.trainPresets.isEmpty();
    QObject::connect(
        window.loader(), &DatasetLoader::loaded, &window, [&window, automation, training] {
            if (training)
                startPreset(window, automation.trainPresets.front(), automation.epochs);
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
                    startPreset(window, automation.trainPresets.at(run.run), automation.epochs);
                });
                return;
            }
            if (wantsReader(automation))
                // After the panels' own handling of the same signal (the run becomes
                // active).
                QTimer::singleShot(0, &window,
                                   [&window, automation] { showReader(window, automation); });
            if (!automation.map.isEmpty()) {
                // After the panels' own handling of the same signal.
                QTimer::singleShot(0, &window, [&window, automation] {
                    MapPanel* map = window.mapPanel();
                    window.showTab(MainWindow::MapTab);
                    const QString method =
                        automation.map == QLatin1String("pca")    ? QStringLiteral("PCA")
                        : automation.map == QLatin1String("umap") ? QStringLiteral("UMAP")
                                                                  : QStringLiteral("t-SNE");
                    map->methodBox()->setCurrentText(method);
                    map->draw();
                });
            } else if (!automation.screenshot.isEmpty() && !wantsReader(automation)) {
                grabLater(window, automation.screenshot, true);
            }
        });
}

bool parseRatingsOption(const QString& text, RatedBooks* ratings, QString* error) {
    ratings->clear();
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool idOk = false;
        bool starsOk = false;
        const QStringList parts = item.trimmed().split(QLatin1Char(':'));
        const int id = parts.size() == 2 ? parts[0].toInt(&idOk) : 0;
        const int stars = parts.size() == 2 ? parts[1].toInt(&starsOk) : 0;
        if (!idOk || !starsOk || id <= 0) {
            *error = QStringLiteral("--new-reader takes BOOK_ID:STARS pairs separated by commas, "
                                    "such as '2:5,25:4', got '%1'")
                         .arg(item);
            return false;
        }
        ratings->emplace_back(id, static_cast<float>(stars));
    }
    if (ratings->empty()) {
        *error = QStringLiteral("--new-reader needs at least one BOOK_ID:STARS pair");
        return false;
    }
    return true;
}

void captureIfIdle(MainWindow& window, const Automation& automation) {
    if (window.showingWelcome() && !automation.screenshot.isEmpty())
        grabLater(window, automation.screenshot, true);
}

} // namespace shelfscope::ui
