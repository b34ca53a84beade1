#include "maps/PointIndex.h"
#include "util/Random.h"

#include <QTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <numeric>

using namespace shelfscope;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

enum class Layout { Uniform, Clusters, Lattice, Line, Column, OneSpot, Elongated, NonFinite };

/// n points of the given layout; lattice points repeat, so distances tie often.
std::vector<float> makePoints(Layout layout, int n, std::uint64_t seed) {
    Random random(seed);
    std::vector<float> xy;
    for (int i = 0; i < n; ++i) {
        double x = 0.0, y = 0.0;
        switch (layout) {
        case Layout::Uniform:
            x = random.uniform(-50, 50);
            y = random.uniform(-30, 30);
            break;
        case Layout::Clusters: {
            const auto cluster = static_cast<double>(random.below(8));
            x = 20 * std::cos(cluster) + 1.5 * random.normal();
            y = 20 * std::sin(cluster) + 1.5 * random.normal();
            break;
        }
        case Layout::Lattice:
            x = static_cast<double>(random.below(20));
            y = static_cast<double>(random.below(20));
            break;
        case Layout::Line:
            x = random.uniform(0, 100);
            y = 7.0;
            break;
        case Layout::Column:
            x = -2.0;
            y = random.uniform(-10, 10);
            break;
        case Layout::OneSpot:
            x = 1.25;
            y = -3.5;
            break;
        case Layout::Elongated:
            x = random.uniform(0, 10000);
            y = random.uniform(0, 0.001);
            break;
        case Layout::NonFinite:
            x = random.uniform(-5, 5);
            y = random.uniform(-5, 5);
            if (random.below(10) == 0)
                x = std::numeric_limits<double>::quiet_NaN();
            else if (random.below(10) == 0)
                y = random.below(2) ? INFINITY : -INFINITY;
            break;
        }
        xy.push_back(static_cast<float>(x));
        xy.push_back(static_cast<float>(y));
    }
    return xy;
}

bool finitePoint(const std::vector<float>& xy, std::size_t i) {
    return std::isfinite(xy[2 * i]) && std::isfinite(xy[2 * i + 1]);
}

double distance2(const std::vector<float>& xy, std::size_t i, float x, float y) {
    const double dx = static_cast<double>(xy[2 * i]) - static_cast<double>(x);
    const double dy = static_cast<double>(xy[2 * i + 1]) - static_cast<double>(y);
    return dx * dx + dy * dy;
}

std::int32_t bruteNearest(const std::vector<float>& xy, float x, float y, float radius,
                          const std::function<bool(std::int32_t)>& accept = {}) {
    std::int32_t best = -1;
    double bestDistance = static_cast<double>(radius) * static_cast<double>(radius);
    for (std::size_t i = 0; i < xy.size() / 2; ++i) {
        if (!finitePoint(xy, i) || (accept && !accept(static_cast<std::int32_t>(i))))
            continue;
        const double d = distance2(xy, i, x, y);
        if (d < bestDistance || (best < 0 && d == bestDistance)) {
            best = static_cast<std::int32_t>(i);
            bestDistance = d;
        }
    }
    return best;
}

std::vector<std::int32_t> bruteNearestK(const std::vector<float>& xy, float x, float y, int k) {
    std::vector<std::pair<double, std::int32_t>> all;
    for (std::size_t i = 0; i < xy.size() / 2; ++i)
        if (finitePoint(xy, i))
            all.emplace_back(distance2(xy, i, x, y), static_cast<std::int32_t>(i));
    std::sort(all.begin(), all.end());
    std::vector<std::int32_t> result;
    for (std::size_t m = 0; m < all.size() && m < static_cast<std::size_t>(k); ++m)
        result.push_back(all[m].second);
    return result;
}

std::vector<std::int32_t> bruteRectangle(const std::vector<float>& xy, float x0, float y0, float x1,
                                         float y1) {
    std::vector<std::int32_t> result;
    for (std::size_t i = 0; i < xy.size() / 2; ++i)
        if (finitePoint(xy, i) && xy[2 * i] >= std::min(x0, x1) && xy[2 * i] <= std::max(x0, x1) &&
            xy[2 * i + 1] >= std::min(y0, y1) && xy[2 * i + 1] <= std::max(y0, y1))
            result.push_back(static_cast<std::int32_t>(i));
    return result;
}

std::vector<std::int32_t> brutePolygon(const std::vector<float>& xy,
                                       const std::vector<float>& polygon) {
    std::vector<std::int32_t> result;
    for (std::size_t i = 0; i < xy.size() / 2; ++i)
        if (finitePoint(xy, i) && pointInPolygon(xy[2 * i], xy[2 * i + 1], polygon))
            result.push_back(static_cast<std::int32_t>(i));
    return result;
}

/// Bounding box of the finite points, widened by a quarter so queries fall outside it too.
std::array<float, 4> queryBox(const std::vector<float>& xy) {
    float minX = kInf, minY = kInf, maxX = -kInf, maxY = -kInf;
    for (std::size_t i = 0; i < xy.size() / 2; ++i)
        if (finitePoint(xy, i)) {
            minX = std::min(minX, xy[2 * i]);
            maxX = std::max(maxX, xy[2 * i]);
            minY = std::min(minY, xy[2 * i + 1]);
            maxY = std::max(maxY, xy[2 * i + 1]);
        }
    if (minX > maxX)
        return {-1, -1, 1, 1};
    const float padX = std::max(1.0f, (maxX - minX) * 0.25f);
    const float padY = std::max(1.0f, (maxY - minY) * 0.25f);
    return {minX - padX, minY - padY, maxX + padX, maxY + padY};
}

/// Query positions: random ones in and around the points, and the points themselves.
std::vector<std::pair<float, float>> queries(const std::vector<float>& xy, Random& random,
                                             int count) {
    const auto box = queryBox(xy);
    std::vector<std::pair<float, float>> result;
    for (int q = 0; q < count; ++q)
        result.emplace_back(static_cast<float>(random.uniform(box[0], box[2])),
                            static_cast<float>(random.uniform(box[1], box[3])));
    for (std::size_t i = 0; i < xy.size() / 2 && i < 40; ++i)
        if (finitePoint(xy, i))
            result.emplace_back(xy[2 * i], xy[2 * i + 1]);
    return result;
}

} // namespace

class TestPointIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pointInPolygonByHand_data() {
        QTest::addColumn<std::vector<float>>("polygon");
        QTest::addColumn<float>("x");
        QTest::addColumn<float>("y");
        QTest::addColumn<bool>("inside");
        const std::vector<float> square{0, 0, 4, 0, 4, 4, 0, 4};
        // A U: the notch between x = 1..3 above y = 1 is outside.
        const std::vector<float> u{0, 0, 4, 0, 4, 4, 3, 4, 3, 1, 1, 1, 1, 4, 0, 4};
        // A pentagram drawn in one stroke: its centre is covered twice, so outside.
        std::vector<float> star;
        for (int k = 0; k < 5; ++k) {
            const double angle = std::numbers::pi / 2 + 2 * std::numbers::pi * (2 * k % 5) / 5;
            star.push_back(static_cast<float>(10 * std::cos(angle)));
            star.push_back(static_cast<float>(10 * std::sin(angle)));
        }
        QTest::newRow("square, centre") << square << 2.0f << 2.0f << true;
        QTest::newRow("square, outside right") << square << 5.0f << 2.0f << false;
        QTest::newRow("square, outside above") << square << 2.0f << 4.5f << false;
        QTest::newRow("U, arm") << u << 0.5f << 3.0f << true;
        QTest::newRow("U, notch") << u << 2.0f << 3.0f << false;
        QTest::newRow("U, base") << u << 2.0f << 0.5f << true;
        QTest::newRow("pentagram, centre (covered twice)") << star << 0.0f << 0.0f << false;
        QTest::newRow("pentagram, top spike") << star << 0.0f << 8.0f << true;
        QTest::newRow("pentagram, outside") << star << 9.0f << 9.0f << false;
        QTest::newRow("two vertices only")
            << std::vector<float>{0, 0, 4, 4} << 2.0f << 2.0f << false;
        QTest::newRow("a NaN vertex")
            << std::vector<float>{0, 0, 4, 0, NAN, 4} << 1.0f << 0.5f << false;
    }

    void pointInPolygonByHand() {
        QFETCH(std::vector<float>, polygon);
        QFETCH(float, x);
        QFETCH(float, y);
        QFETCH(bool, inside);
        QCOMPARE(pointInPolygon(x, y, polygon), inside);
    }

    void sharedEdgeBelongsToOneSide() {
        // Two squares side by side: a point on the edge they share is in exactly one.
        const std::vector<float> left{0, 0, 2, 0, 2, 2, 0, 2};
        const std::vector<float> right{2, 0, 4, 0, 4, 2, 2, 2};
        for (float y : {0.5f, 1.0f, 1.5f})
            QCOMPARE(pointInPolygon(2.0f, y, left) + pointInPolygon(2.0f, y, right), 1);
    }

    void tiesGoToTheLowerIndex() {
        // Points 1 and 3 are both at distance 1 from the query; 0 and 2 coincide.
        const std::vector<float> xy{5, 5, 0, 1, 5, 5, 1, 0, 0, -1};
        const PointIndex index(xy);
        QCOMPARE(index.nearest(0, 0, kInf), 1);
        QCOMPARE(index.nearest(5, 5, 0.0f), 0);
        QCOMPARE(index.nearestK(0, 0, 3), (std::vector<std::int32_t>{1, 3, 4}));
        QCOMPARE(index.nearest(0, 0, 0.99f), -1); // nothing that close
        QCOMPARE(index.nearest(0, 0, 1.0f), 1);   // the radius itself counts
        // A filter passes over points it refuses, even the nearest.
        QCOMPARE(index.nearest(0, 0, kInf, [](std::int32_t i) { return i != 1; }), 3);
        QCOMPARE(index.nearest(0, 0, kInf, [](std::int32_t) { return false; }), -1);
    }

    void refusesAnOddCoordinateCount() {
        PointIndex index;
        const std::vector<float> odd{1, 2, 3};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, index.build(odd));
    }

    void emptyIndexFindsNothing() {
        const PointIndex index(std::vector<float>{});
        QCOMPARE(index.size(), 0);
        QCOMPARE(index.nearest(0, 0, kInf), -1);
        QVERIFY(index.nearestK(0, 0, 3).empty());
        QVERIFY(index.inRectangle(-1, -1, 1, 1).empty());
        QVERIFY(index.inPolygon(std::vector<float>{-1, -1, 1, -1, 0, 1}).empty());
        const PointIndex allNaN(std::vector<float>{NAN, 0, 1, NAN});
        QCOMPARE(allNaN.size(), 2);
        QCOMPARE(allNaN.indexedCount(), 0);
        QCOMPARE(allNaN.nearest(0, 0, kInf), -1);
    }

    void queriesMatchBruteForce_data() {
        QTest::addColumn<int>("layout");
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("seed");
        QTest::newRow("uniform, 3000") << int(Layout::Uniform) << 3000 << 1;
        QTest::newRow("uniform, 7") << int(Layout::Uniform) << 7 << 2;
        QTest::newRow("one point") << int(Layout::Uniform) << 1 << 3;
        QTest::newRow("eight clusters, 4000") << int(Layout::Clusters) << 4000 << 4;
        QTest::newRow("lattice with duplicates, 1500") << int(Layout::Lattice) << 1500 << 5;
        QTest::newRow("horizontal line, 300") << int(Layout::Line) << 300 << 6;
        QTest::newRow("vertical line, 300") << int(Layout::Column) << 300 << 7;
        QTest::newRow("all at one spot, 50") << int(Layout::OneSpot) << 50 << 8;
        QTest::newRow("elongated 10^7 : 1, 2000") << int(Layout::Elongated) << 2000 << 9;
        QTest::newRow("some NaN and infinite, 1000") << int(Layout::NonFinite) << 1000 << 10;
    }

    void queriesMatchBruteForce() {
        QFETCH(int, layout);
        QFETCH(int, points);
        QFETCH(int, seed);
        const std::vector<float> xy = makePoints(Layout(layout), points, seed);
        const PointIndex index(xy);
        QCOMPARE(index.size(), points);
        Random random(static_cast<std::uint64_t>(seed) * 7919);
        const auto box = queryBox(xy);
        const float span = std::max(box[2] - box[0], box[3] - box[1]);

        for (const auto& [x, y] : queries(xy, random, 300)) {
            for (const float radius : {0.0f, span / 200, span / 20, kInf})
                QCOMPARE(index.nearest(x, y, radius), bruteNearest(xy, x, y, radius));
            const auto odd = [](std::int32_t i) { return i % 2 == 1; };
            QCOMPARE(index.nearest(x, y, span / 10, odd), bruteNearest(xy, x, y, span / 10, odd));
            for (const int k : {1, 5, 17, points + 3})
                QCOMPARE(index.nearestK(x, y, k), bruteNearestK(xy, x, y, k));
        }
        for (int q = 0; q < 200; ++q) {
            // Random corners, and now and then corners on points so the bounds are hit exactly.
            const auto pick = [&](int axis) {
                if (q % 3 == 0 && points > 0) {
                    const auto i =
                        static_cast<std::size_t>(random.below(static_cast<std::uint64_t>(points)));
                    return xy[2 * i + static_cast<std::size_t>(axis)];
                }
                return static_cast<float>(random.uniform(box[axis], box[axis + 2]));
            };
            const float x0 = pick(0), y0 = pick(1), x1 = pick(0), y1 = pick(1);
            QCOMPARE(index.inRectangle(x0, y0, x1, y1), bruteRectangle(xy, x0, y0, x1, y1));
        }
        QCOMPARE(index.inRectangle(-kInf, -kInf, kInf, kInf),
                 bruteRectangle(xy, -kInf, -kInf, kInf, kInf));
        for (int q = 0; q < 100; ++q) {
            // A lasso-like loop around a random centre, or random vertices that cross.
            std::vector<float> polygon;
            const int vertices = 3 + static_cast<int>(random.below(q % 2 ? 60 : 8));
            const double cx = random.uniform(box[0], box[2]), cy = random.uniform(box[1], box[3]);
            for (int v = 0; v < vertices; ++v) {
                if (q % 2) {
                    const double angle = 2 * std::numbers::pi * v / vertices;
                    const double r = span * random.uniform(0.05, 0.3);
                    polygon.push_back(static_cast<float>(cx + r * std::cos(angle)));
                    polygon.push_back(static_cast<float>(cy + r * std::sin(angle)));
                } else {
                    polygon.push_back(static_cast<float>(random.uniform(box[0], box[2])));
                    polygon.push_back(static_cast<float>(random.uniform(box[1], box[3])));
                }
            }
            QCOMPARE(index.inPolygon(polygon), brutePolygon(xy, polygon));
        }
    }

    void rebuildingReplacesThePoints() {
        PointIndex index(makePoints(Layout::Uniform, 500, 11));
        const std::vector<float> moved = makePoints(Layout::Clusters, 800, 12);
        index.build(moved);
        QCOMPARE(index.size(), 800);
        QCOMPARE(index.inRectangle(-kInf, -kInf, kInf, kInf).size(), std::size_t{800});
        QCOMPARE(index.nearest(moved[10], moved[11], 0.0f),
                 bruteNearest(moved, moved[10], moved[11], 0.0f));
    }
};

QTEST_APPLESS_MAIN(TestPointIndex)
#include "tst_pointindex.moc"
