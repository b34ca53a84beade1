#include "BookDetailsView.h"
#include "BookSearchBox.h"
#include "MainWindow.h"
#include "MapPanel.h"
#include "MapView.h"
#include "PreparedRuns.h"
#include "ReadersPanel.h"
#include "RecommendationTable.h"
#include "RecommendationsPane.h"
#include "RunRecommendations.h"
#include "SanitizerBuild.h"
#include "SelectionView.h"
#include "SimilarBooksView.h"
#include "TrainPanel.h"
#include "Workspace.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <set>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// The fields of one CSV line (quoted fields may hold commas and doubled quotes).
QStringList csvFields(const QString& line) {
    QStringList fields{QString()};
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == c)
            fields.back() += line[++i];
        else if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted)
            fields.append(QString());
        else
            fields.back() += c;
    }
    return fields;
}

/// Checks an exported map CSV row by row against the pane: each point's book id, title and
/// position, and its colour value as the map describes it.
bool csvMatchesPane(const QString& path, const MapPane* pane, const Dataset& dataset) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    const QStringList header = csvFields(lines[0]);
    const qsizetype id = header.indexOf(QStringLiteral("book_id"));
    const qsizetype title = header.indexOf(QStringLiteral("title"));
    if (id < 0 || title < 0 || header.size() != 6 || lines.size() != pane->view()->pointCount() + 1)
        return false;
    const std::vector<float>& xy = pane->view()->points();
    for (qsizetype row = 1; row < lines.size(); ++row) {
        const QStringList f = csvFields(lines[row]);
        const int point = f[0].toInt();
        const auto at = static_cast<std::size_t>(point);
        const std::int32_t book = pane->bookAt(point);
        if (f.size() != header.size() || point != row - 1 || f[id].toInt() != book ||
            f[title] != QString::fromStdString(dataset.books.displayTitle(book)) ||
            f[1].toFloat() != xy[2 * at] || f[2].toFloat() != xy[2 * at + 1] ||
            f[3] != pane->view()->colouring().describePoint(at))
            return false;
    }
    return true;
}

/// A window with the demo library open and the notebook's dot model trained on it, on the Map
/// tab with its first map (t-SNE, drawn as the tab opens) finished.
std::unique_ptr<MainWindow> trainedDemo() {
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 800);
    window->show();
    QSignalSpy loaded(window->loader(), &DatasetLoader::loaded);
    window->openDemo();
    if (!loaded.wait(test::timeLimitMs(30000)))
        return nullptr;
    QSignalSpy finished(window->trainPanel()->controller(), &TrainingController::finished);
    QTest::mouseClick(window->trainPanel()->trainButton(), Qt::LeftButton);
    if (!finished.wait(test::timeLimitMs(60000)))
        return nullptr;
    QSignalSpy ready(window->mapPanel(), &MapPanel::mapsReady);
    window->showTab(MainWindow::MapTab);
    if (!ready.wait(test::timeLimitMs(60000)))
        return nullptr;
    return window;
}

/// Draws the map with this method and waits for it.
bool drawWith(MapPanel* panel, const QString& method) {
    panel->methodBox()->setCurrentText(method);
    QSignalSpy ready(panel, &MapPanel::mapsReady);
    if (!panel->draw())
        return false;
    return ready.count() > 0 || ready.wait(test::timeLimitMs(60000));
}

/// How far a widget position is from where a point is drawn.
double distanceTo(const MapPane* pane, int point, const QPointF& at) {
    const QPointF d = pane->view()->pointPosition(point) - at;
    return std::sqrt(QPointF::dotProduct(d, d));
}

} // namespace

class TestMapPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // Every test starts from a first start: no settings from the one before.
    void init() { QSettings().clear(); }

    void everyPointOfAPcaMapIsDrawn() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        QVERIFY(drawWith(panel, QStringLiteral("PCA")));
        MapPane* pane = panel->pane(0);
        MapView* view = pane->view();
        QCOMPARE(view->pointCount(), 800); // every book of the demo library
        QVERIFY(pane->status()->text().contains(QStringLiteral("PCA")));
        QVERIFY(pane->status()->text().contains(QStringLiteral("genre agreement")));
        // Each point's pixel differs from the empty background: something is drawn there.
        const QImage image = view->renderImage();
        const QColor background = image.pixelColor(2, 2);
        int drawn = 0;
        for (int i = 0; i < view->pointCount(); ++i) {
            const QPoint at = view->pointPosition(i).toPoint();
            QVERIFY(view->mapArea().contains(at));
            if (image.pixelColor(at) != background)
                ++drawn;
        }
        QCOMPARE(drawn, view->pointCount());
    }

    void colouringByGenreUsesTheLoadersGenres() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        panel->colourBox()->setCurrentText(bookColourName(BookColourBy::Genre));
        const MapPane* pane = panel->pane(0);
        const MapColouring& colouring = pane->view()->colouring();
        QCOMPARE(colouring.kind(), MapColouring::Kind::Categorical);
        const Dataset& dataset = *window->workspace()->dataset();
        std::set<QString> genres;
        for (const Book& book : dataset.books.books())
            genres.insert(QString::fromStdString(book.genre));
        QCOMPARE(static_cast<std::size_t>(colouring.categoryCount()), genres.size());
        for (int i = 0; i < pane->view()->pointCount(); ++i) {
            const Book* book = dataset.books.find(pane->bookAt(i));
            QVERIFY(book != nullptr);
            QCOMPARE(colouring.describePoint(static_cast<std::size_t>(i)),
                     QString::fromStdString(book->genre));
        }
        // Average rating is a colour scale with a range.
        panel->colourBox()->setCurrentText(bookColourName(BookColourBy::AverageRating));
        QCOMPARE(pane->view()->colouring().kind(), MapColouring::Kind::Continuous);
    }

    void aScreenPositionPicksTheRightBookAfterZoomAndPan() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        MapPane* pane = panel->pane(0);
        MapView* view = pane->view();
        Workspace* workspace = window->workspace();
        // The book a click picks is one drawn nearest the pixel clicked (books drawn a
        // fraction of a pixel apart are equally right).
        QPoint previous(-100, -100);
        const auto clickOn = [&](int point) {
            QPoint at = view->pointPosition(point).toPoint();
            // Two clicks close together in time and place are a double-click (which fits).
            if ((at - previous).manhattanLength() < 20) {
                QTest::qWait(QApplication::doubleClickInterval() + 50);
                // The map may change size meanwhile (its area lost 14 px of height in such a
                // wait): the view keeps its zoom and centre (checked below), and the book
                // moves by half that.
                at = view->pointPosition(point).toPoint();
            }
            previous = at;
            // Where every book is drawn when the click lands (a click may then scroll the
            // book into view).
            std::vector<double> distance(static_cast<std::size_t>(view->pointCount()));
            for (int i = 0; i < view->pointCount(); ++i)
                distance[static_cast<std::size_t>(i)] = distanceTo(pane, i, at);
            QTest::mouseClick(view, Qt::LeftButton, {}, at);
            const int picked = pane->pointOf(workspace->currentBook());
            QVERIFY(picked >= 0);
            QVERIFY(distance[static_cast<std::size_t>(picked)] <=
                    *std::min_element(distance.begin(), distance.end()) + 1e-3);
            QCOMPARE(view->currentPoint(), picked);
        };
        for (int step = 0; step < 3; ++step) {
            if (step == 1)
                view->zoomBy(4.0, view->mapArea().center());
            if (step == 2)
                view->panBy(QPointF(-60, 35));
            for (int point : {0, 123, 456, 799}) {
                if (!view->mapArea().contains(view->pointPosition(point)))
                    view->centreOn(point);
                clickOn(point);
                if (QTest::currentTestFailed())
                    return;
            }
            // No resize meanwhile refitted the view: the zoom of step 1 holds.
            if (step > 0)
                QVERIFY(std::abs(view->viewport().zoom() - 4.0) < 1e-9);
        }
        // A click on empty space clears the book.
        view->resetView();
        QTest::mouseClick(view, Qt::LeftButton, {},
                          view->mapArea().topLeft().toPoint() + QPoint(3, 3));
        QCOMPARE(workspace->currentBook(), 0);
    }

    void clickingShowsTheBookAndItsNeighbours() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        MapPane* pane = panel->pane(0);
        const std::int32_t book = pane->bookAt(42);
        QTest::mouseClick(pane->view(), Qt::LeftButton, {},
                          pane->view()->pointPosition(42).toPoint());
        const std::int32_t clicked = window->workspace()->currentBook();
        QVERIFY(clicked != 0);
        Q_UNUSED(book);
        BookDetailsView* details = panel->details();
        QCOMPARE(details->book(), clicked);
        const Dataset& dataset = *window->workspace()->dataset();
        QVERIFY(details->header()->text().contains(
            QString::fromStdString(dataset.books.find(clicked)->title).toHtmlEscaped()));
        QVERIFY(details->facts()->text().contains(QStringLiteral("Genre")));
        QVERIFY(details->vector()->text().contains(QStringLiteral("d=5")));
        // The 10 most similar books are listed and ringed on the map.
        const std::vector<std::int32_t> similar = details->similar()->books();
        QCOMPARE(similar.size(), std::size_t{10});
        std::vector<int> ringed = pane->view()->neighbours();
        std::vector<int> expected;
        for (std::int32_t id : similar)
            expected.push_back(pane->pointOf(id));
        std::sort(ringed.begin(), ringed.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(ringed, expected);
        // Clicking a similar book moves there.
        QTableWidget* table = details->similar()->table();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualItemRect(table->item(2, 1)).center());
        QCOMPARE(window->workspace()->currentBook(), similar[2]);
        QCOMPARE(pane->view()->currentPoint(), pane->pointOf(similar[2]));
    }

    // Choosing a book brings it into view; a refresh that follows a background job (the run's
    // recommender ready, a map redrawn) marks it again but leaves the view where the user put it.
    void aRefreshLeavesTheViewWhereTheUserLooks() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        MapView* view = panel->pane(0)->view();
        const int point = 42;
        window->workspace()->selectBook(panel->pane(0)->bookAt(point));
        QVERIFY(view->rect().contains(view->pointPosition(point).toPoint()));
        view->panBy(QPointF(3.0 * view->width(), 0.0)); // the book goes out of view
        const QPointF away = view->pointPosition(point);
        QVERIFY(!view->rect().contains(away.toPoint()));
        Q_EMIT window->workspace()->prepared()->ready(panel->pane(0)->run());
        QCOMPARE(view->currentPoint(), point);
        QCOMPARE(view->pointPosition(point), away);
        // Choosing the book again is a request to see it.
        window->workspace()->selectBook(0);
        window->workspace()->selectBook(panel->pane(0)->bookAt(point));
        QVERIFY(view->rect().contains(view->pointPosition(point).toPoint()));
    }

    void searchSelectsABook() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        const Dataset& dataset = *window->workspace()->dataset();
        const Book& wanted = dataset.books.books().at(17);
        BookSearchBox* search = panel->searchBox();
        QTest::keyClicks(search, QString::fromStdString(wanted.title));
        // Titles like "Fantasy No. 18" also start "Fantasy No. 180": the user picks theirs.
        const std::vector<std::int32_t> matches = search->matches();
        const auto found = std::find(matches.begin(), matches.end(), wanted.id);
        QVERIFY(found != matches.end());
        const int row = static_cast<int>(found - matches.begin());
        Q_EMIT search->completer()->activated(search->completer()->model()->index(row, 0));
        QCOMPARE(window->workspace()->currentBook(), wanted.id);
        QCOMPARE(panel->pane(0)->view()->currentPoint(), panel->pane(0)->pointOf(wanted.id));
        QCOMPARE(panel->details()->book(), wanted.id);
        // Enter takes the best match.
        search->clear();
        QTest::keyClicks(search, QString::fromStdString(wanted.title));
        search->completer()->popup()->hide();
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(window->workspace()->currentBook(), search->matches().front());
    }

    void aRectangleSelectsExactlyTheBooksInside() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        MapPane* pane = panel->pane(0);
        MapView* view = pane->view();
        const QRectF area = view->mapArea();
        const QPoint from =
            (area.topLeft() + QPointF(area.width() * 0.3, area.height() * 0.3)).toPoint();
        const QPoint to =
            (area.topLeft() + QPointF(area.width() * 0.7, area.height() * 0.6)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::ShiftModifier, from);
        QTest::mouseMove(view, (from + to) / 2);
        QTest::mouseMove(view, to);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::ShiftModifier, to);
        std::vector<std::int32_t> inside;
        const QRectF rectangle = QRectF(from, to).normalized();
        for (int i = 0; i < view->pointCount(); ++i)
            if (rectangle.contains(view->pointPosition(i)))
                inside.push_back(pane->bookAt(i));
        QVERIFY(inside.size() > 5);
        std::vector<std::int32_t> selected = window->workspace()->selectedBooks();
        std::sort(selected.begin(), selected.end());
        std::sort(inside.begin(), inside.end());
        QCOMPARE(selected, inside);
        // The selection lists them, says what they mostly are, and exports them.
        SelectionView* selection = panel->selection();
        QCOMPARE(selection->table()->rowCount(), static_cast<int>(inside.size()));
        QVERIFY(selection->summary()->text().contains(QStringLiteral("Mostly")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("island.csv"));
        QString error;
        QVERIFY2(selection->exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().trimmed().split('\n').size(), static_cast<int>(inside.size()) + 1);
    }

    void mapsAreCachedAndOldOnesNeverArrive() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        const std::size_t cached = panel->cache().size();
        QVERIFY(cached >= 1); // the t-SNE map drawn as the tab opened
        // Drawing the same map again comes from the cache at once: no worker runs.
        QSignalSpy snapshots(panel->pane(0)->controller(), &MapController::snapshot);
        QVERIFY(drawWith(panel, QStringLiteral("t-SNE")));
        QVERIFY(!panel->pane(0)->isRunning());
        QCOMPARE(snapshots.count(), 0);
        QCOMPARE(panel->cache().size(), cached);
        // A long map, then another run selected: nothing of the old map may show.
        panel->iterationsBox()->setValue(10000);
        QSignalSpy finished(panel->pane(0)->controller(), &MapController::finished);
        QVERIFY(panel->draw());
        QVERIFY(snapshots.wait(test::timeLimitMs(30000)));
        const int run = window->workspace()->activeRun();
        window->workspace()->setActiveRun(0);
        QTest::qWait(500);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(panel->pane(0)->view()->pointCount(), 0);
        window->workspace()->setActiveRun(run);
        panel->iterationsBox()->setValue(1000);
        QVERIFY(drawWith(panel, QStringLiteral("t-SNE"))); // from the cache again
        QCOMPARE(panel->pane(0)->view()->pointCount(), 800);
    }

    void stopEndsAMapQuickly() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        panel->iterationsBox()->setValue(10000);
        QSignalSpy snapshots(panel->pane(0)->controller(), &MapController::snapshot);
        QSignalSpy failed(panel->pane(0)->controller(), &MapController::failed);
        QVERIFY(panel->draw());
        QSignalSpy finished(panel->pane(0)->controller(), &MapController::finished);
        QVERIFY(snapshots.wait(test::timeLimitMs(30000)));
        const int stepAtStop = snapshots.last().at(0).value<MapSnapshot>().step;
        QTest::mouseClick(panel->stopButton(), Qt::LeftButton);
        QVERIFY(failed.wait(test::timeLimitMs(30000)));
        // Counted in iterations, not milliseconds (those depend on what else runs on the
        // cores): the worker checks the flag every iteration, so only the iterations the GUI
        // had not yet been told of when Stop was clicked may follow, far fewer than the 10,000
        // asked for.
        QCOMPARE(finished.count(), 0);
        const int lastStep = snapshots.last().at(0).value<MapSnapshot>().step;
        qInfo("Stop clicked after iteration %d was shown; the last one shown: %d", stepAtStop,
              lastStep);
        QVERIFY2(lastStep - stepAtStop < 1000,
                 qPrintable(QStringLiteral("%1 iterations after the stop at %2")
                                .arg(lastStep - stepAtStop)
                                .arg(stepAtStop)));
        QVERIFY(panel->pane(0)->status()->text().contains(QStringLiteral("stopped")));
        QVERIFY(panel->drawButton()->isEnabled());
    }

    void umapDrawsAndReportsWhatItKeeps() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        QVERIFY(drawWith(panel, QStringLiteral("UMAP")));
        const auto& map = panel->pane(0)->map();
        QVERIFY(map && map->method == MapMethod::Umap);
        QCOMPARE(map->xy.size(), std::size_t{1600});
        QVERIFY(map->kept > 0.0 && map->genres);
        QVERIFY(panel->pane(0)->status()->text().contains(QStringLiteral("UMAP")));
    }

    void twoRunsSideBySideShareTheSelection() {
        const auto window = trainedDemo();
        QVERIFY(window);
        // A second run: notebook-nn.
        TrainPanel* train = window->trainPanel();
        train->presetBox()->setCurrentText(QStringLiteral("notebook-nn"));
        QSignalSpy finished(train->controller(), &TrainingController::finished);
        QTest::mouseClick(train->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(test::timeLimitMs(60000)));
        const int second = window->workspace()->activeRun();
        window->workspace()->setActiveRun(1);
        MapPanel* panel = window->mapPanel();
        QSignalSpy ready(panel, &MapPanel::mapsReady);
        panel->compareBox()->setCurrentIndex(panel->compareBox()->findData(second));
        QVERIFY(panel->pane(1)->isVisible());
        QVERIFY(ready.count() > 0 || ready.wait(test::timeLimitMs(60000)));
        QCOMPARE(panel->pane(1)->run(), second);
        QCOMPARE(panel->pane(1)->view()->pointCount(), 800);
        // A book clicked in the first map is marked, with its own neighbours, in the second.
        MapPane* left = panel->pane(0);
        MapPane* right = panel->pane(1);
        QTest::mouseClick(left->view(), Qt::LeftButton, {},
                          left->view()->pointPosition(7).toPoint());
        const std::int32_t book = window->workspace()->currentBook();
        QVERIFY(book != 0);
        QCOMPARE(right->view()->currentPoint(), right->pointOf(book));
        QCOMPARE(right->view()->neighbours().size(), std::size_t{10});
        // A region selected in the second is outlined in the first.
        window->workspace()->selectBooks({left->bookAt(1), left->bookAt(2), left->bookAt(3)});
        QCOMPARE(left->view()->selection().size(), std::size_t{3});
        QCOMPARE(right->view()->selection().size(), std::size_t{3});
        // Either map can be exported; each file holds its own run's points.
        QTemporaryDir dir;
        for (int i = 0; i < 2; ++i) {
            const QString path = dir.filePath(QStringLiteral("map%1.csv").arg(i));
            QString error;
            QVERIFY2(panel->exportMap(path, &error, i), qPrintable(error));
            QVERIFY(csvMatchesPane(path, panel->pane(i), *window->workspace()->dataset()));
        }
        QVERIFY(!csvMatchesPane(dir.filePath(QStringLiteral("map0.csv")), right,
                                *window->workspace()->dataset()));
    }

    void theSelectedReaderLightsUp() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        const auto shelves = window->workspace()->shelves();
        const std::int32_t reader = shelves->readers().front().userId;
        window->workspace()->selectReader(reader);
        const ReaderOnMap& shown = panel->readerOnMap(0);
        QCOMPARE(shown.stars.size(), shelves->rated(reader).size());
        // The marked recommendations are the Readers tab's list, with its settings.
        RecommendationsPane* lists = window->readersPanel()->recommendations();
        const auto listShown = [&](std::size_t n) {
            return lists->first()->isSettled() && lists->first()->table()->books().size() == n &&
                   panel->readerOnMap(0).recommended == lists->first()->table()->books();
        };
        QVERIFY(QTest::qWaitFor([&] { return listShown(10); }, 10000));
        lists->topBox()->setValue(7);
        QVERIFY(QTest::qWaitFor([&] { return listShown(7); }, 10000));
        // The recommendations leave out what the reader rated.
        for (std::int32_t id : panel->readerOnMap(0).recommended)
            QVERIFY(shown.stars.count(id) == 0);
        const auto& layers = panel->pane(0)->view()->highlightLayers();
        QVERIFY(!layers.empty());
        QCOMPARE(layers.front().points.size(), shelves->rated(reader).size());
        // Colouring by the reader's stars.
        panel->colourBox()->setCurrentText(bookColourName(BookColourBy::ReaderStars));
        QCOMPARE(panel->pane(0)->view()->colouring().missingPoints(),
                 800 - static_cast<int>(shelves->rated(reader).size()));
        panel->readerBox()->setChecked(false);
        QVERIFY(panel->pane(0)->view()->highlightLayers().empty());
    }

    void followsTrainingEpochByEpoch() {
        const auto window = trainedDemo();
        QVERIFY(window);
        MapPanel* panel = window->mapPanel();
        panel->methodBox()->setCurrentText(QStringLiteral("PCA"));
        panel->followBox()->setChecked(true);
        TrainPanel* train = window->trainPanel();
        QSignalSpy epochs(window->workspace(), &Workspace::epochReported);
        QSignalSpy maps(panel->pane(0), &MapPane::mapFinished);
        QSignalSpy finished(train->controller(), &TrainingController::finished);
        QTest::mouseClick(train->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(test::timeLimitMs(60000)));
        QVERIFY(QTest::qWaitFor([&] { return !panel->pane(0)->isRunning(); }, 10000));
        QCOMPARE(epochs.count(), 5);
        QVERIFY(maps.count() >= 2); // at least the first and the last epoch were drawn
        QCOMPARE(panel->pane(0)->view()->pointCount(), 800);
        QCOMPARE(panel->pane(0)->run(), window->workspace()->activeRun());
        // Training may end before the maps catch up (the demo trains in a blink): the last
        // epoch's map still comes, and the pane then shows it under the finished run.
        QVERIFY(!panel->pane(0)->following());
        QVERIFY(panel->pane(0)->trainingRun() != nullptr);
        QCOMPARE(panel->pane(0)->trainingRun()->run, window->workspace()->activeRun());
    }

    void theMapSettingsSurviveARestart_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("colour");
        QTest::newRow("UMAP, by rating") << "UMAP" << bookColourName(BookColourBy::AverageRating);
        QTest::newRow("t-SNE, by year") << "t-SNE" << bookColourName(BookColourBy::Year);
    }

    void theMapSettingsSurviveARestart() {
        // Restoring once wrote the defaults of the widgets not yet restored over their stored
        // values, so only the first changed setting came back.
        QFETCH(QString, method);
        QFETCH(QString, colour);
        {
            const auto window = std::make_unique<MainWindow>();
            MapPanel* panel = window->mapPanel();
            panel->methodBox()->setCurrentText(method);
            panel->perplexityBox()->setValue(55.5); // a Number with one decimal
            panel->iterationsBox()->setValue(1500);
            panel->neighboursBox()->setValue(30);
            panel->minDistBox()->setValue(0.25);
            panel->colourBox()->setCurrentText(colour);
            panel->followBox()->setChecked(true);
            panel->readerBox()->setChecked(false);
        }
        const auto window = std::make_unique<MainWindow>();
        MapPanel* panel = window->mapPanel();
        QCOMPARE(panel->methodBox()->currentText(), method);
        QCOMPARE(panel->perplexityBox()->value(), 55.5);
        QCOMPARE(panel->iterationsBox()->value(), 1500);
        QCOMPARE(panel->neighboursBox()->value(), 30);
        QCOMPARE(panel->minDistBox()->value(), 0.25);
        QCOMPARE(panel->colourBox()->currentText(), colour);
        QVERIFY(panel->followBox()->isChecked());
        QVERIFY(!panel->readerBox()->isChecked());
    }

    void exportsThePicturesAndThePoints_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("png") << "map.png" << QByteArray("\x89PNG");
        QTest::newRow("svg") << "map.svg" << QByteArray("<?xml");
        QTest::newRow("csv") << "map.csv" << QByteArray("point,x,y");
    }

    void exportsThePicturesAndThePoints() {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        const auto window = trainedDemo();
        QVERIFY(window);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QString error;
        QVERIFY2(window->mapPanel()->exportMap(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(bytes.startsWith(start), bytes.left(40).constData());
        if (name.endsWith(QLatin1String(".csv"))) {
            QCOMPARE(bytes.trimmed().split('\n').size(), 801);
            QVERIFY(
                csvMatchesPane(path, window->mapPanel()->pane(0), *window->workspace()->dataset()));
        }
        QVERIFY(
            !window->mapPanel()->exportMap(dir.filePath(QStringLiteral("no/dir/map.png")), &error));
        QVERIFY(error.contains(QStringLiteral("map.png")));
    }
};

QTEST_MAIN(TestMapPanel)
#include "tst_mappanel.moc"
