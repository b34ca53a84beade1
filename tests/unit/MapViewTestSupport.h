#pragma once

// Points, events and brute-force answers shared by the map view tests.

#include "MapView.h"
#include "maps/PointIndex.h"
#include "util/Random.h"

#include <QApplication>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>
#include <vector>

namespace shelfscope::ui::test {

/// Points on a jittered lattice: far enough apart on screen that each has its own pixels.
inline std::vector<float> lattice(int columns, int rows, std::uint64_t seed) {
    Random random(seed);
    std::vector<float> xy;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            xy.push_back(static_cast<float>(c * 10 + random.uniform(-2, 2)));
            xy.push_back(static_cast<float>(r * 10 + random.uniform(-2, 2)));
        }
    return xy;
}

inline std::vector<float> scattered(int n, std::uint64_t seed) {
    Random random(seed);
    std::vector<float> xy;
    for (int i = 0; i < n; ++i) {
        xy.push_back(static_cast<float>(random.uniform(-40, 40)));
        xy.push_back(static_cast<float>(random.uniform(-25, 25)));
    }
    return xy;
}

inline std::vector<int> labelsCycling(int n, int categories) {
    std::vector<int> labels;
    for (int i = 0; i < n; ++i)
        labels.push_back(i % categories);
    return labels;
}

inline QStringList names(int categories) {
    QStringList result;
    for (int c = 0; c < categories; ++c)
        result.append(QStringLiteral("category %1").arg(c));
    return result;
}

inline void sendMouse(QWidget& widget, QEvent::Type type, const QPointF& at, Qt::MouseButton button,
                      Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, at, widget.mapToGlobal(at), button, buttons, modifiers,
                      QPointingDevice::primaryPointingDevice());
    QApplication::sendEvent(&widget, &event);
}

/// A left-button drag through `path` (press at the first point, release at the last).
inline void drag(QWidget& widget, const std::vector<QPointF>& path,
                 Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    sendMouse(widget, QEvent::MouseButtonPress, path.front(), Qt::LeftButton, Qt::LeftButton,
              modifiers);
    for (std::size_t k = 1; k < path.size(); ++k)
        sendMouse(widget, QEvent::MouseMove, path[k], Qt::NoButton, Qt::LeftButton, modifiers);
    sendMouse(widget, QEvent::MouseButtonRelease, path.back(), Qt::LeftButton, Qt::NoButton,
              modifiers);
}

inline void wheel(QWidget& widget, const QPointF& at, int angle) {
    QWheelEvent event(at, widget.mapToGlobal(at), QPoint(), QPoint(0, angle), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &event);
}

/// What pointAt must answer: the nearest shown point on screen within the radius, ties to
/// the lower index.
inline int bruteNearestOnScreen(const MapView& view, const QPointF& at, double radius) {
    int best = -1;
    double bestDistance = radius * radius;
    for (int i = 0; i < view.pointCount(); ++i) {
        if (!view.pointShown(i))
            continue;
        const QPointF p = view.pointPosition(i);
        const double d = (p.x() - at.x()) * (p.x() - at.x()) + (p.y() - at.y()) * (p.y() - at.y());
        if (d < bestDistance || (best < 0 && d == bestDistance)) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

/// The world polygon a widget polygon stands for, as the view converts it.
inline std::vector<float> worldPolygon(const MapView& view, const std::vector<QPointF>& widget) {
    std::vector<float> polygon;
    for (const QPointF& vertex : widget) {
        const QPointF world = view.widgetToWorld(vertex);
        polygon.push_back(static_cast<float>(world.x()));
        polygon.push_back(static_cast<float>(world.y()));
    }
    return polygon;
}

/// The colour of the pixel holding a widget position (scaled by the image's pixel ratio).
inline QColor pixelAt(const QImage& image, const QPointF& at) {
    const double ratio = image.devicePixelRatio();
    return QColor(image.pixel(static_cast<int>(std::floor(at.x() * ratio)),
                              static_cast<int>(std::floor(at.y() * ratio))));
}

inline bool isBackground(QRgb pixel) {
    return qRed(pixel) > 250 && qGreen(pixel) > 250 && qBlue(pixel) > 250;
}

} // namespace shelfscope::ui::test
