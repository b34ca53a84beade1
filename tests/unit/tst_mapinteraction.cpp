#include "MapViewTestSupport.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <numbers>

using namespace shelfscope;
using namespace shelfscope::ui;
using namespace shelfscope::ui::test;

Q_DECLARE_METATYPE(shelfscope::ui::MapViewport::Aspect)

class TestMapInteraction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pickingFollowsZoomAndPan_data() {
        QTest::addColumn<int>("notches"); // wheel steps (negative: out)
        QTest::addColumn<QPoint>("panBy");
        QTest::addColumn<MapViewport::Aspect>("aspect");
        QTest::newRow("fitted") << 0 << QPoint() << MapViewport::Aspect::Equal;
        QTest::newRow("zoomed in 4 notches") << 4 << QPoint() << MapViewport::Aspect::Equal;
        QTest::newRow("zoomed out 2 notches") << -2 << QPoint() << MapViewport::Aspect::Equal;
        QTest::newRow("panned") << 0 << QPoint(-130, 75) << MapViewport::Aspect::Equal;
        QTest::newRow("zoomed and panned") << 6 << QPoint(90, -60) << MapViewport::Aspect::Equal;
        QTest::newRow("independent axes, zoomed and panned")
            << 3 << QPoint(40, 40) << MapViewport::Aspect::Independent;
    }

    void pickingFollowsZoomAndPan() {
        QFETCH(int, notches);
        QFETCH(QPoint, panBy);
        QFETCH(MapViewport::Aspect, aspect);
        MapView view;
        view.resize(800, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::vector<float> xy = scattered(1500, 11);
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setAspect(aspect);
        QSignalSpy viewChanged(&view, &MapView::viewChanged);

        const QPointF anchor(300.5, 200.5);
        const QPointF worldBefore = view.widgetToWorld(anchor);
        for (int k = 0; k < std::abs(notches); ++k)
            wheel(view, anchor, notches > 0 ? 120 : -120);
        if (notches != 0) {
            QVERIFY(std::abs(view.viewport().zoom() - std::pow(1.2, notches)) < 1e-9);
            const QPointF worldAfter = view.widgetToWorld(anchor);
            QVERIFY(std::abs(worldAfter.x() - worldBefore.x()) < 1e-6);
            QVERIFY(std::abs(worldAfter.y() - worldBefore.y()) < 1e-6);
            QVERIFY(view.viewMovedByUser());
        }
        if (!panBy.isNull()) {
            const QPointF before = view.pointPosition(7);
            const QPointF start(400, 260);
            drag(view, {start, start + QPointF(panBy) / 2, start + QPointF(panBy)});
            const QPointF after = view.pointPosition(7);
            QVERIFY(std::abs(after.x() - before.x() - panBy.x()) < 1e-6);
            QVERIFY(std::abs(after.y() - before.y() - panBy.y()) < 1e-6);
        }
        QCOMPARE(viewChanged.isEmpty(), notches == 0 && panBy.isNull());

        // Any position picks what a scan of every point on screen picks.
        Random random(17);
        int hits = 0;
        for (int q = 0; q < 400; ++q) {
            QPointF at(random.uniform(0, view.mapArea().width()),
                       random.uniform(0, view.mapArea().height()));
            for (int tries = 0; q % 2 == 0 && tries < 100; ++tries) {
                // Next to a point in view, so most of these find one.
                const int i = static_cast<int>(random.below(1500));
                at = view.pointPosition(i) + QPointF(random.uniform(-6, 6), random.uniform(-6, 6));
                if (view.mapArea().contains(at))
                    break;
            }
            const int expected =
                view.mapArea().contains(at) ? bruteNearestOnScreen(view, at, 8.0) : -1;
            QCOMPARE(view.pointAt(at), expected);
            hits += expected >= 0 ? 1 : 0;
        }
        QVERIFY(hits > 100);

        // Hovering and clicking on a point name it.
        int target = -1;
        for (int i = 0; i < 1500 && target < 0; ++i)
            if (view.mapArea().adjusted(20, 20, -20, -20).contains(view.pointPosition(i)) &&
                bruteNearestOnScreen(view, view.pointPosition(i), 8.0) == i)
                target = i;
        QVERIFY(target >= 0);
        QSignalSpy hovered(&view, &MapView::hovered);
        QSignalSpy clicked(&view, &MapView::clicked);
        sendMouse(view, QEvent::MouseMove, view.pointPosition(target), Qt::NoButton, Qt::NoButton);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.at(0).at(0).toInt(), target);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.pointPosition(target).toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(),
                 bruteNearestOnScreen(view, QPointF(view.pointPosition(target).toPoint()), 8.0));
    }

    void rectangleSelectsExactlyThePointsInside_data() {
        QTest::addColumn<bool>("rectangleMode"); // else Shift+drag in Pan mode
        QTest::addColumn<int>("notches");
        QTest::addColumn<bool>("hideOne");
        QTest::addColumn<QRectF>("rect");
        QTest::newRow("shift-drag") << false << 0 << false << QRectF(100, 80, 300, 200);
        QTest::newRow("rectangle mode, zoomed")
            << true << 3 << false << QRectF(250.5, 140.25, 222, 131);
        QTest::newRow("dragged up and left") << false << 0 << false << QRectF(500, 400, -320, -250);
        QTest::newRow("a category hidden") << true << 1 << true << QRectF(60, 60, 500, 330);
        QTest::newRow("empty space") << false << 0 << false << QRectF(2, 2, 5, 5);
    }

    void rectangleSelectsExactlyThePointsInside() {
        QFETCH(bool, rectangleMode);
        QFETCH(int, notches);
        QFETCH(bool, hideOne);
        QFETCH(QRectF, rect);
        MapView view;
        view.resize(760, 500);
        const std::vector<float> xy = scattered(3000, 23);
        const int n = static_cast<int>(xy.size() / 2);
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        view.setColouring(MapColouring::categorical(labelsCycling(n, 4), names(4), QString()));
        if (hideOne)
            view.setEntryVisible(1, false);
        for (int k = 0; k < notches; ++k)
            wheel(view, QPointF(330, 240), 120);
        if (rectangleMode)
            view.setMode(MapView::Mode::Rectangle);
        QSignalSpy selected(&view, &MapView::selectionChanged);
        drag(view, {rect.topLeft(), rect.center(), rect.bottomRight()},
             rectangleMode ? Qt::NoModifier : Qt::ShiftModifier);
        QCOMPARE(selected.count(), 1);
        const auto got = selected.at(0).at(0).value<std::vector<int>>();
        QCOMPARE(view.selection(), got);

        // Brute force in world coordinates, as documented: edges included.
        const QPointF a = view.widgetToWorld(rect.topLeft());
        const QPointF b = view.widgetToWorld(rect.bottomRight());
        const auto x0 = static_cast<float>(std::min(a.x(), b.x()));
        const auto x1 = static_cast<float>(std::max(a.x(), b.x()));
        const auto y0 = static_cast<float>(std::min(a.y(), b.y()));
        const auto y1 = static_cast<float>(std::max(a.y(), b.y()));
        std::vector<int> expected;
        for (int i = 0; i < n; ++i) {
            const float x = xy[2 * static_cast<std::size_t>(i)];
            const float y = xy[2 * static_cast<std::size_t>(i) + 1];
            if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && !(hideOne && i % 4 == 1))
                expected.push_back(i);
        }
        QCOMPARE(got, expected);
        // And on screen: points clearly inside or outside the drawn rectangle agree.
        const QRectF drawn = rect.normalized();
        for (int i = 0; i < n; ++i) {
            const QPointF p = view.pointPosition(i);
            const bool isSelected = std::binary_search(got.begin(), got.end(), i);
            if (drawn.adjusted(0.01, 0.01, -0.01, -0.01).contains(p))
                QCOMPARE(isSelected, !(hideOne && i % 4 == 1));
            else if (!drawn.adjusted(-0.01, -0.01, 0.01, 0.01).contains(p))
                QVERIFY(!isSelected);
        }
        if (rect.width() > 100)
            QVERIFY(!got.empty());

        // Escape clears it, and says so.
        QTest::keyClick(&view, Qt::Key_Escape);
        QCOMPARE(view.selection().empty(), true);
        QCOMPARE(selected.count(), got.empty() ? 1 : 2);
    }

    void lassoSelectsExactlyThePointsInside_data() {
        QTest::addColumn<bool>("lassoMode"); // else Ctrl+drag in Pan mode
        QTest::addColumn<int>("vertices");
        QTest::addColumn<bool>("crossing"); // a figure eight: the even-odd rule decides
        QTest::newRow("ctrl-drag, a rough circle") << false << 40 << false;
        QTest::newRow("lasso mode, a star") << true << 10 << false;
        QTest::newRow("lasso mode, crossing itself") << true << 60 << true;
    }

    void lassoSelectsExactlyThePointsInside() {
        QFETCH(bool, lassoMode);
        QFETCH(int, vertices);
        QFETCH(bool, crossing);
        MapView view;
        view.resize(760, 500);
        const std::vector<float> xy = scattered(3000, 29);
        const int n = static_cast<int>(xy.size() / 2);
        view.setPoints(xy, MapView::ViewUpdate::Fit);
        if (lassoMode)
            view.setMode(MapView::Mode::Lasso);
        std::vector<QPointF> path;
        const QPointF centre(380, 250);
        for (int v = 0; v < vertices; ++v) {
            const double angle = 2 * std::numbers::pi * v / vertices;
            double radius = 170;
            if (!crossing && vertices == 10)
                radius = v % 2 ? 70 : 190;
            QPointF p = centre + QPointF(radius * std::cos(angle), 0.7 * radius * std::sin(angle));
            if (crossing) // a lemniscate-like eight
                p = centre + QPointF(250 * std::sin(angle), 120 * std::sin(2 * angle));
            path.push_back(p);
        }
        QSignalSpy selected(&view, &MapView::selectionChanged);
        drag(view, path, lassoMode ? Qt::NoModifier : Qt::ControlModifier);
        QCOMPARE(selected.count(), 1);
        const auto got = selected.at(0).at(0).value<std::vector<int>>();
        // The lasso is the press, every move (all further than 2 px apart here), the release.
        const std::vector<float> polygon = worldPolygon(view, path);
        std::vector<int> expected;
        for (int i = 0; i < n; ++i)
            if (pointInPolygon(xy[2 * static_cast<std::size_t>(i)],
                               xy[2 * static_cast<std::size_t>(i) + 1], polygon))
                expected.push_back(i);
        QCOMPARE(got, expected);
        QVERIFY(got.size() > 100);
        // On screen: every selected point lies within the drawn lasso's bounds.
        const QPolygonF drawn(QList<QPointF>(path.begin(), path.end()));
        for (const int i : got)
            QVERIFY(drawn.boundingRect().adjusted(-1, -1, 1, 1).contains(view.pointPosition(i)));
    }

    void keysAndModesMoveTheView() {
        MapView view;
        view.resize(600, 400);
        view.setPoints(scattered(300, 2));
        QTest::keyClick(&view, Qt::Key_Minus);
        QVERIFY(std::abs(view.viewport().zoom() - 0.8) < 1e-9);
        const QPointF before = view.pointPosition(0);
        QTest::keyClick(&view, Qt::Key_Left);
        QCOMPARE(view.pointPosition(0), before + QPointF(40, 0));
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.pointPosition(0), before + QPointF(40, -40));
        // The mode decides what a plain drag does; the middle button pans in any mode.
        QSignalSpy modes(&view, &MapView::modeChanged);
        QSignalSpy selected(&view, &MapView::selectionChanged);
        view.setMode(MapView::Mode::Lasso);
        QCOMPARE(modes.count(), 1);
        const QPointF start(300, 200);
        sendMouse(view, QEvent::MouseButtonPress, start, Qt::MiddleButton, Qt::MiddleButton);
        sendMouse(view, QEvent::MouseMove, start + QPointF(25, 10), Qt::NoButton, Qt::MiddleButton);
        sendMouse(view, QEvent::MouseButtonRelease, start + QPointF(25, 10), Qt::MiddleButton,
                  Qt::NoButton);
        QCOMPARE(view.pointPosition(0), before + QPointF(65, -30));
        QVERIFY(selected.isEmpty());
        // Escape during a drag drops it: no selection.
        sendMouse(view, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseMove, start + QPointF(60, 0), Qt::NoButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseMove, start + QPointF(60, 60), Qt::NoButton, Qt::LeftButton);
        QTest::keyClick(&view, Qt::Key_Escape);
        sendMouse(view, QEvent::MouseButtonRelease, start + QPointF(60, 60), Qt::LeftButton,
                  Qt::NoButton);
        QVERIFY(selected.isEmpty());
        QCOMPARE(view.pointPosition(0), before + QPointF(65, -30));
    }
};

QTEST_MAIN(TestMapInteraction)
#include "tst_mapinteraction.moc"
