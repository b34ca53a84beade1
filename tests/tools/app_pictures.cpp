// Drives the app as a user would and saves the documentation's pictures of the Map tab, or
// times the notebook's whole flow in the GUI. Not a test: run by hand, see docs/BENCHMARKS.md.
//
//   app_pictures --data DIR --out docs/screenshots      the map pictures
//   app_pictures --data DIR --notebook-flow             open, train both notebook models, PCA
//                                                      and t-SNE maps, reader 1's top 5: timed

#include "MainWindow.h"
#include "MapPanel.h"
#include "MapView.h"
#include "PreparedRuns.h"
#include "ReaderPicker.h"
#include "ReadersPanel.h"
#include "RecommendationTable.h"
#include "RecommendationsPane.h"
#include "RunRecommendations.h"
#include "TrainPanel.h"
#include "Workspace.h"
#include "recommend/TitleSearch.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <cmath>
#include <cstdio>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "app_pictures: %s\n", what);
    std::exit(1);
}

void train(MainWindow& window, const QString& preset) {
    TrainPanel* panel = window.trainPanel();
    panel->presetBox()->setCurrentText(preset);
    QSignalSpy finished(panel->controller(), &TrainingController::finished);
    QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
    if (!finished.wait(600000))
        fail("a run did not finish");
}

void drawMap(MainWindow& window, const QString& method) {
    MapPanel* map = window.mapPanel();
    window.showTab(MainWindow::MapTab);
    map->methodBox()->setCurrentText(method);
    QSignalSpy ready(map, &MapPanel::mapsReady);
    map->draw();
    if (ready.count() == 0 && !ready.wait(600000))
        fail("a map did not finish");
}

void save(MainWindow& window, const QString& file) {
    QTest::qWait(400); // the last updates laid out and painted
    if (!window.grab().save(file))
        fail("cannot save a picture");
    std::printf("saved %s\n", qPrintable(file));
}

std::int32_t bookTitled(const Dataset& dataset, const char* title) {
    const std::vector<std::int32_t> found = TitleSearch(dataset.books).find(title, 1);
    if (found.empty())
        fail("a book named in the pictures is not in the data set");
    return found.front();
}

/// Ctrl+drags a lasso around the densest part of one genre's points (in the first map).
void lassoGenre(MapPanel* panel, const std::string& genre, const Dataset& dataset) {
    MapPane* pane = panel->pane(0);
    MapView* view = pane->view();
    QPointF sum;
    int count = 0;
    for (int i = 0; i < view->pointCount(); ++i)
        if (const Book* book = dataset.books.find(pane->bookAt(i)); book && book->genre == genre) {
            sum += view->pointPosition(i);
            ++count;
        }
    if (count == 0)
        fail("no book of the lasso's genre");
    // Start at the genre's centre, then walk to where its books are densest nearby.
    QPointF centre = sum / count;
    for (int round = 0; round < 5; ++round) {
        QPointF local;
        int near = 0;
        for (int i = 0; i < view->pointCount(); ++i) {
            const Book* book = dataset.books.find(pane->bookAt(i));
            const QPointF d = view->pointPosition(i) - centre;
            if (book && book->genre == genre && QPointF::dotProduct(d, d) < 80.0 * 80.0) {
                local += view->pointPosition(i);
                ++near;
            }
        }
        if (near > 0)
            centre = local / near;
    }
    const int corners = 14;
    QTest::mousePress(view, Qt::LeftButton, Qt::ControlModifier,
                      (centre + QPointF(34, 0)).toPoint());
    for (int k = 1; k <= corners; ++k) {
        const double angle = 2 * M_PI * k / corners;
        const double radius = k % 2 == 0 ? 34.0 : 27.0;
        QTest::mouseMove(
            view, (centre + QPointF(radius * std::cos(angle), radius * std::sin(angle))).toPoint());
    }
    QTest::mouseRelease(view, Qt::LeftButton, Qt::ControlModifier,
                        (centre + QPointF(34, 0)).toPoint());
}

int mapPictures(MainWindow& window, const QString& out) {
    train(window, QStringLiteral("notebook-dot"));
    train(window, QStringLiteral("tuned-dot"));
    Workspace* workspace = window.workspace();
    const Dataset& dataset = *workspace->dataset();
    MapPanel* map = window.mapPanel();
    map->colourBox()->setCurrentText(bookColourName(BookColourBy::Genre));
    drawMap(window, QStringLiteral("t-SNE"));
    QSignalSpy prepared(workspace->prepared(), &PreparedRuns::ready);
    workspace->selectBook(bookTitled(dataset, "The Hobbit"));
    if (!workspace->prepared()->get(workspace->active()))
        prepared.wait(30000);
    workspace->selectBook(0);
    workspace->selectBook(bookTitled(dataset, "The Hobbit"));
    save(window, out + QStringLiteral("/map-tsne.png"));

    workspace->selectBook(0);
    lassoGenre(map, "Romance", dataset);
    save(window, out + QStringLiteral("/map-lasso.png"));

    workspace->selectBook(0);
    workspace->selectBooks({});
    workspace->selectReader(314);
    QTest::qWait(1500); // the reader's recommendations, computed off the GUI thread
    save(window, out + QStringLiteral("/map-reader.png"));
    workspace->clearReader();

    drawMap(window, QStringLiteral("UMAP"));
    save(window, out + QStringLiteral("/map-umap.png"));

    drawMap(window, QStringLiteral("t-SNE"));
    QSignalSpy ready(map, &MapPanel::mapsReady);
    map->compareBox()->setCurrentIndex(map->compareBox()->findData(1));
    if (ready.count() == 0 && !ready.wait(600000))
        fail("the second map did not finish");
    workspace->selectBook(bookTitled(dataset, "Pride and Prejudice"));
    save(window, out + QStringLiteral("/map-compare.png"));
    return 0;
}

int notebookFlow(MainWindow& window, QElapsedTimer& clock) {
    const auto lap = [&clock](const char* what) {
        std::printf("%7.2f s  %s\n", static_cast<double>(clock.elapsed()) / 1000.0, what);
    };
    lap("data set open");
    train(window, QStringLiteral("notebook-dot"));
    lap("notebook-dot trained");
    train(window, QStringLiteral("notebook-nn"));
    lap("notebook-nn trained");
    drawMap(window, QStringLiteral("PCA"));
    lap("PCA map of notebook-nn's books");
    drawMap(window, QStringLiteral("t-SNE"));
    lap("t-SNE map of notebook-nn's books");
    window.showTab(MainWindow::ReadersTab);
    RecommendationsPane* pane = window.readersPanel()->recommendations();
    pane->topBox()->setValue(5);
    QSignalSpy settled(pane, &RecommendationsPane::settled);
    window.workspace()->selectReader(1);
    if (!pane->isSettled() && !settled.wait(60000))
        fail("reader 1's list did not arrive");
    while (!pane->isSettled())
        if (!settled.wait(60000))
            fail("reader 1's list did not settle");
    lap("reader 1's top 5");
    const auto& outcome = pane->first()->outcome();
    if (!outcome)
        fail("no list for reader 1");
    for (std::int32_t id : pane->first()->table()->books())
        std::printf("          #%d %s\n", id,
                    window.workspace()->dataset()->books.displayTitle(id).c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the user's own settings stay out of it
    QSettings().clear(); // and so do this program's from the last time (e.g. the flow's top 5)
    const QStringList args = QApplication::arguments();
    const auto value = [&args](const QString& name) {
        const auto at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
    };
    const QString data = value(QStringLiteral("--data"));
    if (data.isEmpty())
        fail("give --data DIR (goodbooks-10k)");
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QElapsedTimer clock;
    clock.start();
    QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
    window.openFolder(data);
    if (!loaded.wait(120000))
        fail("the data set did not open");
    if (args.contains(QStringLiteral("--notebook-flow")))
        return notebookFlow(window, clock);
    const QString out = value(QStringLiteral("--out"));
    if (out.isEmpty() || !QDir(out).exists())
        fail("give --out DIR, an existing folder");
    return mapPictures(window, out);
}
