#include "MapPalette.h"
#include "MapViewTestSupport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace shelfscope;
using namespace shelfscope::ui;
using namespace shelfscope::ui::test;

Q_DECLARE_METATYPE(shelfscope::ui::MapViewport::Aspect)

class TestMapView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void viewportRoundTripsAndZoomsAroundTheAnchor_data() {
        QTest::addColumn<MapViewport::Aspect>("aspect");
        QTest::newRow("equal") << MapViewport::Aspect::Equal;
        QTest::newRow("independent") << MapViewport::Aspect::Independent;
    }

    void viewportRoundTripsAndZoomsAroundTheAnchor() {
        QFETCH(MapViewport::Aspect, aspect);
        MapViewport viewport;
        viewport.setSize(QSizeF(800, 500));
        viewport.setAspect(aspect);
        const QRectF world(QPointF(-10, 100), QPointF(30, 110)); // 4:1, wider than the area
        viewport.fit(world, 20);
        // The box fits within the margins, touching them along at least one axis.
        const QPointF a = viewport.toScreen(world.left(), world.bottom());
        const QPointF b = viewport.toScreen(world.right(), world.top());
        QVERIFY(a.x() >= 20 - 1e-9 && b.x() <= 780 + 1e-9 && a.y() >= 20 - 1e-9 &&
                b.y() <= 480 + 1e-9);
        QVERIFY(std::abs(a.x() - 20) < 1e-9 || std::abs(a.y() - 20) < 1e-9);
        QVERIFY(a.y() < b.y()); // world y grows upwards: y = 110 is drawn above y = 100
        if (aspect == MapViewport::Aspect::Equal)
            QCOMPARE(viewport.scaleX(), viewport.scaleY());
        else
            QVERIFY(std::abs(b.y() - 480) < 1e-9 && std::abs(a.y() - 20) < 1e-9);
        const QPointF anchor(123.5, 321.25);
        const QPointF before = viewport.toWorld(anchor);
        viewport.zoomAt(anchor, 3.0);
        QCOMPARE(viewport.zoom(), 3.0);
        const QPointF after = viewport.toWorld(anchor);
        QVERIFY(std::abs(after.x() - before.x()) < 1e-9 && std::abs(after.y() - before.y()) < 1e-9);
        const QPointF p = viewport.toScreen(QPointF(3.25, 104.5));
        const QPointF back = viewport.toWorld(p);
        QVERIFY(std::abs(back.x() - 3.25) < 1e-9 && std::abs(back.y() - 104.5) < 1e-9);
        viewport.pan(QPointF(15, -7));
        const QPointF moved = viewport.toScreen(QPointF(3.25, 104.5));
        QVERIFY(std::abs(moved.x() - p.x() - 15) < 1e-9 && std::abs(moved.y() - p.y() + 7) < 1e-9);
    }

    void everyPointIsDrawn_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("round");
        QTest::addColumn<double>("scale");
        QTest::addColumn<bool>("legend");
        QTest::newRow("1 px") << 1 << true << 1.0 << true;
        QTest::newRow("2 px square") << 2 << false << 1.0 << true;
        QTest::newRow("3 px round") << 3 << true << 1.0 << true;
        QTest::newRow("4 px round, no legend") << 4 << true << 1.0 << false;
        QTest::newRow("3 px round at 2x") << 3 << true << 2.0 << true;
        QTest::newRow("5 px square at 1.5x") << 5 << false << 1.5 << false;
    }

    void everyPointIsDrawn() {
        QFETCH(int, size);
        QFETCH(bool, round);
        QFETCH(double, scale);
        QFETCH(bool, legend);
        MapView view;
        view.resize(700, 450);
        const std::vector<float> xy = lattice(16, 10, 3);
        const int n = static_cast<int>(xy.size() / 2);
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setColouring(
            MapColouring::categorical(labelsCycling(n, 10), names(10), QStringLiteral("Category")));
        view.setLegendVisible(legend);
        view.setPointSize(size);
        view.setRoundPoints(round);
        view.setPointAlpha(1.0);
        const QImage image = view.renderImage(scale);
        QCOMPARE(image.size(), QSize(qCeil(700 * scale), qCeil(450 * scale)));
        for (int i = 0; i < n; ++i) {
            const QPointF p = view.pointPosition(i) * scale;
            QVERIFY(view.mapArea().contains(view.pointPosition(i)));
            const QRgb pixel = image.pixel(static_cast<int>(p.x()), static_cast<int>(p.y()));
            QCOMPARE(QColor(pixel).name(), view.colouring().categoryColour(i % 10).name());
        }
        // Between points the map stays background: the points are dots, not blots.
        const QPointF between = (view.pointPosition(0) + view.pointPosition(17)) / 2 * scale;
        QVERIFY(isBackground(image.pixel(between.toPoint())));
        QCOMPARE(view.legendArea().isEmpty(), !legend);
    }

    void legendListsCategoriesAndTogglesThem() {
        MapView view;
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::vector<float> xy = lattice(20, 12, 5);
        const int n = static_cast<int>(xy.size() / 2);
        std::vector<int> labels = labelsCycling(n, 5);
        labels[3] = -1; // two points without a category
        labels[9] = 42;
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setColouring(MapColouring::categorical(labels, names(5), QStringLiteral("Genre"), {},
                                                    QStringLiteral("none")));
        view.setPointAlpha(1.0);
        const MapLegend& legend = view.legend();
        QVERIFY(!legend.isEmpty());
        std::vector<const MapLegend::Row*> entries;
        for (const auto& row : legend.rows())
            if (row.kind == MapLegend::Row::Kind::Entry)
                entries.push_back(&row);
        QCOMPARE(entries.size(), std::size_t{6}); // five categories and the missing points
        QCOMPARE(legend.rows().front().text, QStringLiteral("Genre"));
        QCOMPARE(entries[0]->text, QStringLiteral("category 0"));
        QCOMPARE(entries[0]->detail, QString::number(view.colouring().categoryPoints(0)));
        QCOMPARE(view.colouring().categoryPoints(0) + view.colouring().categoryPoints(1) +
                     view.colouring().categoryPoints(2) + view.colouring().categoryPoints(3) +
                     view.colouring().categoryPoints(4) + view.colouring().missingPoints(),
                 n);
        QCOMPARE(entries[5]->text, QStringLiteral("none"));
        QCOMPARE(entries[5]->detail, QStringLiteral("2"));

        // Drawn: the legend lies beside the map, and its swatches carry the category colours.
        const QRectF area = view.legendArea();
        QVERIFY(area.left() >= view.mapArea().right());
        const QImage image = view.renderImage();
        for (const auto* entry : entries) {
            const QPoint swatch =
                (area.topLeft() + QPointF(entry->rect.left() + 5, entry->rect.center().y()))
                    .toPoint();
            QCOMPARE(QColor(image.pixel(swatch)).name(), entry->colour.name());
        }

        // A click on an entry hides its points: not drawn, not picked.
        QSignalSpy toggled(&view, &MapView::entryToggled);
        const QPointF onEntry =
            area.topLeft() + QPointF(entries[2]->rect.center().x(), entries[2]->rect.center().y());
        QTest::mouseClick(&view, Qt::LeftButton, {}, onEntry.toPoint());
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toInt(), 2);
        QCOMPARE(toggled.at(0).at(1).toBool(), false);
        QVERIFY(!view.entryVisible(2));
        const QImage hidden = view.renderImage();
        for (int i = 0; i < n; ++i) {
            const QPointF p = view.pointPosition(i);
            const QRgb pixel = pixelAt(hidden, p).rgb();
            if (labels[static_cast<std::size_t>(i)] == 2) {
                QVERIFY(isBackground(pixel));
                QVERIFY(view.pointAt(p) != i);
            } else {
                QVERIFY(!isBackground(pixel));
            }
        }
        QTest::mouseClick(&view, Qt::LeftButton, {}, onEntry.toPoint());
        QVERIFY(view.entryVisible(2));
    }

    void colourBarShowsTheRange() {
        MapView view;
        view.resize(800, 500);
        const std::vector<float> xy = lattice(20, 12, 7);
        const int n = static_cast<int>(xy.size() / 2);
        std::vector<float> values;
        for (int i = 0; i < n; ++i)
            values.push_back(i == 5 ? NAN : static_cast<float>(1950 + i % 60));
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setColouring(MapColouring::continuous(values, QStringLiteral("Year")));
        view.setPointAlpha(1.0);
        QCOMPARE(view.colouring().minimum(), 1950.0);
        QCOMPARE(view.colouring().maximum(), 2009.0);
        QCOMPARE(view.colouring().missingPoints(), 1);
        bool bar = false, missing = false;
        for (const auto& row : view.legend().rows()) {
            bar = bar || row.kind == MapLegend::Row::Kind::ColourBar;
            missing = missing || (row.kind == MapLegend::Row::Kind::Entry &&
                                  row.detail == QStringLiteral("1"));
        }
        QVERIFY(bar && missing);
        const QImage image = view.renderImage();
        // The bar's ends: viridis yellow at the top (maximum), dark purple at the bottom.
        const QRectF area = view.legendArea();
        bool yellow = false, purple = false;
        for (int y = static_cast<int>(area.top()); y < static_cast<int>(area.bottom()); ++y)
            for (int x = static_cast<int>(area.left()); x < static_cast<int>(area.right()); ++x) {
                const QColor c(image.pixel(x, y));
                yellow = yellow || (c.red() > 220 && c.green() > 200 && c.blue() < 80);
                purple = purple || (c.red() < 90 && c.green() < 30 && c.blue() > 70);
            }
        QVERIFY(yellow && purple);
        // Points take the map's colour of their value; the missing one is grey.
        const QPointF first = view.pointPosition(0); // 1950: the minimum
        QCOMPARE(pixelAt(image, first).name(), palette::viridis(0).name());
        const QPointF grey = view.pointPosition(5);
        QCOMPARE(pixelAt(image, grey).name(), palette::missing().name());
    }

    void highlightsDrawOnTopAndDimTheRest() {
        MapView view;
        view.resize(700, 450);
        const std::vector<float> xy = lattice(16, 10, 9);
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setPointAlpha(1.0);
        const QColor plain = view.colouring().slotColour(0);
        MapHighlightLayer toRead;
        toRead.name = QStringLiteral("to read");
        toRead.shape = MarkerShape::Diamond;
        toRead.colour = QColor(0x7b, 0x3f, 0x9e);
        toRead.points = {20, 21, 99999}; // an index past the points is dropped
        MapHighlightLayer rated;
        rated.name = QStringLiteral("rated");
        rated.points = {40, 41};
        rated.colours = {palette::stars(1), palette::stars(5)};
        view.setHighlightLayers({toRead, rated});
        QCOMPARE(view.highlightLayers()[0].points.size(), std::size_t{2});
        view.setCurrentPoint(60);
        view.setNeighbours({61, 62});
        QImage image = view.renderImage();
        QCOMPARE(pixelAt(image, view.pointPosition(20)).name(), toRead.colour.name());
        QCOMPARE(pixelAt(image, view.pointPosition(40)).name(), palette::stars(1).name());
        QCOMPARE(pixelAt(image, view.pointPosition(41)).name(), palette::stars(5).name());
        // The current point's ring: dark pixels around it, its own colour in the middle.
        const QPointF current = view.pointPosition(60);
        int dark = 0;
        for (int dx = -12; dx <= 12; ++dx)
            dark += qGray(pixelAt(image, current + QPointF(dx, 0)).rgb()) < 60 ? 1 : 0;
        QVERIFY(dark >= 2);
        QCOMPARE(pixelAt(image, current).name(), plain.name());
        QCOMPARE(pixelAt(image, view.pointPosition(100)).name(), plain.name());
        // Dimming fades the others only.
        view.setDimOthers(true);
        image = view.renderImage();
        const QColor faded = pixelAt(image, view.pointPosition(100));
        QVERIFY(faded.lightness() > plain.lightness() + 40);
        QCOMPARE(pixelAt(image, current).name(), plain.name());
        // The legend names the layers with their counts.
        QStringList markers;
        for (const auto& row : view.legend().rows())
            if (row.kind == MapLegend::Row::Kind::Marker)
                markers.append(row.text + QLatin1Char(' ') + row.detail);
        QVERIFY(markers.contains(QStringLiteral("to read 2")));
        QVERIFY(markers.contains(QStringLiteral("rated 2")));
        QCOMPARE(markers.size(), 2); // the neighbours are no legend entry
    }

    void setPointsKeepsOrFitsTheView() {
        MapView view;
        view.resize(600, 400);
        const std::vector<float> small = scattered(200, 1);
        view.setPoints(small); // the first points are fitted whatever the request
        const QPointF centre = view.viewport().centre();
        const double scale = view.viewport().scaleX();
        std::vector<float> large = small;
        for (float& v : large)
            v *= 10;
        view.setPoints(large, MapView::ViewUpdate::Keep);
        QCOMPARE(view.viewport().centre(), centre);
        QCOMPARE(view.viewport().scaleX(), scale);
        view.setPoints(large, MapView::ViewUpdate::FitUntilMoved); // nobody moved it: fits
        QVERIFY(std::abs(view.viewport().scaleX() - scale / 10) < scale * 1e-3);
        view.setCurrentPoint(5);
        view.setSelection({1, 2, 3});
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(view.viewMovedByUser());
        const double zoomed = view.viewport().scaleX();
        view.setPoints(small, MapView::ViewUpdate::FitUntilMoved); // the user zoomed: kept
        QCOMPARE(view.viewport().scaleX(), zoomed);
        QCOMPARE(view.currentPoint(), 5);
        QCOMPARE(view.selection(), (std::vector<int>{1, 2, 3}));
        view.setPoints(std::vector<float>(small.begin(), small.begin() + 6)); // 3 points
        QCOMPARE(view.currentPoint(), -1);
        QCOMPARE(view.selection(), (std::vector<int>{1, 2}));
        QTest::keyClick(&view, Qt::Key_0);
        QVERIFY(!view.viewMovedByUser());
        QCOMPARE(view.viewport().zoom(), 1.0);
        // Half a point is refused, and the map stays as it was.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setPoints({1.0f, 2.0f, 3.0f}));
        QCOMPARE(view.pointCount(), 3);
    }

    // A zoom, pan or centring made through the view's functions (the search box centres the
    // book chosen, a click brings its book into view) is a move like the user's own: a resize
    // afterwards (a status line wrapping, the side panel changing) keeps it. Before, only mouse
    // and keys counted, and a resize refitted the view: under tsan a 14 px resize while
    // tst_mappanel waited between clicks undid its zoom and pan.
    void programmaticMovesSurviveAResize_data() {
        QTest::addColumn<QString>("move");
        QTest::newRow("zoomBy") << QStringLiteral("zoomBy");
        QTest::newRow("panBy") << QStringLiteral("panBy");
        QTest::newRow("centreOn") << QStringLiteral("centreOn");
        QTest::newRow("ensureVisible") << QStringLiteral("ensureVisible");
    }

    void programmaticMovesSurviveAResize() {
        QFETCH(QString, move);
        // A child of a shown window: its resizes reach it at once, as in the app.
        QWidget window;
        window.resize(700, 500);
        auto* shown = new MapView(&window);
        shown->setGeometry(0, 0, 600, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MapView& view = *shown;
        view.setPoints(scattered(200, 1), MapView::ViewUpdate::Fit);
        QVERIFY(!view.viewMovedByUser());
        view.zoomBy(4.0, view.mapArea().center()); // some points now lie outside
        int outside = -1;
        for (int i = 0; i < view.pointCount() && outside < 0; ++i)
            if (!view.mapArea().contains(view.pointPosition(i)))
                outside = i;
        QVERIFY(outside >= 0);
        if (move == QLatin1String("panBy"))
            view.panBy(QPointF(-60, 35));
        else if (move == QLatin1String("centreOn"))
            view.centreOn(outside);
        else if (move == QLatin1String("ensureVisible"))
            view.ensureVisible(outside);
        QVERIFY(view.viewMovedByUser());
        const double scale = view.viewport().scaleX();
        const QPointF centre = view.viewport().centre();
        view.resize(600, 386);
        QCOMPARE(view.viewport().scaleX(), scale);
        QCOMPARE(view.viewport().centre(), centre);
        // A fit (double-click, the 0 key) makes resizes refit again.
        view.resetView();
        QVERIFY(!view.viewMovedByUser());
        const double fitted = view.viewport().scaleX();
        view.resize(300, 386);
        QVERIFY(view.viewport().scaleX() < fitted);
    }

    void exportsPngSvgAndCsv_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("scale");
        QTest::newRow("png") << QStringLiteral("map.png") << 1.0;
        QTest::newRow("png at 2x") << QStringLiteral("map@2x.PNG") << 2.0;
        QTest::newRow("svg") << QStringLiteral("map.svg") << 1.0;
        QTest::newRow("csv") << QStringLiteral("map.csv") << 1.0;
    }

    void exportsPngSvgAndCsv() {
        QFETCH(QString, name);
        QFETCH(double, scale);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        MapView view;
        view.resize(640, 400);
        const std::vector<float> xy = scattered(500, 3);
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setColouring(
            MapColouring::categorical(labelsCycling(500, 3),
                                      {QStringLiteral("A, with a comma"),
                                       QStringLiteral("B \"quoted\""), QStringLiteral("C")},
                                      QStringLiteral("Genre")));
        view.setSelection({4, 7});
        const QString path = folder.filePath(name);
        QString error;
        if (name.endsWith(QLatin1String(".csv"))) {
            MapView::CsvColumns extra{{QStringLiteral("title")}, [](int i) {
                                          return QStringList{QStringLiteral("Book %1").arg(i)};
                                      }};
            QVERIFY2(view.exportCsv(path, &error, extra), qPrintable(error));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QStringList lines =
                QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 501);
            QCOMPARE(lines[0], QStringLiteral("point,x,y,Genre,title"));
            QCOMPARE(lines[1],
                     QStringLiteral("0,%1,%2,\"A, with a comma\",Book 0")
                         .arg(QString::number(xy[0], 'g', 9), QString::number(xy[1], 'g', 9)));
            QVERIFY(lines[2].endsWith(QStringLiteral(",\"B \"\"quoted\"\"\",Book 1")));
            QVERIFY2(view.exportCsv(path, &error, extra, true), qPrintable(error));
            file.close();
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromUtf8(file.readAll()).count(QLatin1Char('\n')), 3);
            return;
        }
        QVERIFY2(view.exportImage(path, &error, scale), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        if (name.endsWith(QLatin1String(".svg"))) {
            QVERIFY(bytes.contains("<svg"));
            QVERIFY(bytes.count("<circle") >= 500); // every point as a vector dot
            QVERIFY(bytes.contains("Genre"));       // the legend's title
            QSvgRenderer renderer(path);
            QVERIFY(renderer.isValid());
        } else {
            QImage image;
            QVERIFY(image.loadFromData(bytes, "PNG"));
            QCOMPARE(image.size(), QSize(qCeil(640 * scale), qCeil(400 * scale)));
        }
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList{name}); // no leftovers
    }

    void failedExportReportsAndLeavesNothing_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("png into a missing folder") << QStringLiteral("missing/map.png");
        QTest::newRow("svg into a missing folder") << QStringLiteral("missing/map.svg");
        QTest::newRow("csv into a missing folder") << QStringLiteral("missing/map.csv");
        QTest::newRow("an unknown image type") << QStringLiteral("map.bmp");
    }

    void failedExportReportsAndLeavesNothing() {
        QFETCH(QString, name);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        MapView view;
        view.resize(320, 200);
        view.setPoints(scattered(50, 1), MapView::ViewUpdate::Fit);
        const QString path = folder.filePath(name);
        QString error;
        const bool written = name.endsWith(QLatin1String(".csv")) ? view.exportCsv(path, &error)
                                                                  : view.exportImage(path, &error);
        QVERIFY(!written);
        QVERIFY(error.contains(path));
        QVERIFY(!QFile::exists(path));
        QVERIFY(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_MAIN(TestMapView)
#include "tst_mapview.moc"
