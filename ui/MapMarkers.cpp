#include "MapMarkers.h"

#include <QPainter>
#include <cmath>
#include <numbers>

namespace shelfscope::ui {

namespace {

QPainterPath polygonPath(const std::vector<QPointF>& points) {
    QPainterPath path;
    path.moveTo(points.front());
    for (std::size_t i = 1; i < points.size(); ++i)
        path.lineTo(points[i]);
    path.closeSubpath();
    return path;
}

} // namespace

QPainterPath markerPath(MarkerShape shape, double size) {
    const double r = size / 2;
    QPainterPath path;
    switch (shape) {
    case MarkerShape::Circle:
    case MarkerShape::Ring:
        path.addEllipse(QPointF(0, 0), r, r);
        break;
    case MarkerShape::Square:
        // A square looks larger than a circle of the same width: shrink it to the same area.
        path.addRect(QRectF(-0.89 * r, -0.89 * r, 1.78 * r, 1.78 * r));
        break;
    case MarkerShape::Diamond:
        path = polygonPath({{0, -1.15 * r}, {1.15 * r, 0}, {0, 1.15 * r}, {-1.15 * r, 0}});
        break;
    case MarkerShape::Triangle:
        path = polygonPath({{0, -1.2 * r}, {1.1 * r, 0.8 * r}, {-1.1 * r, 0.8 * r}});
        break;
    case MarkerShape::InvertedTriangle:
        path = polygonPath({{0, 1.2 * r}, {1.1 * r, -0.8 * r}, {-1.1 * r, -0.8 * r}});
        break;
    case MarkerShape::Cross:
        path.moveTo(-r, -r);
        path.lineTo(r, r);
        path.moveTo(-r, r);
        path.lineTo(r, -r);
        break;
    case MarkerShape::Star: {
        std::vector<QPointF> points;
        for (int k = 0; k < 10; ++k) {
            const double angle = -std::numbers::pi / 2 + k * std::numbers::pi / 5;
            const double radius = (k % 2 ? 0.5 : 1.25) * r;
            points.emplace_back(radius * std::cos(angle), radius * std::sin(angle));
        }
        path = polygonPath(points);
        break;
    }
    }
    return path;
}

void drawMarker(QPainter& painter, MarkerShape shape, const QPointF& centre, double size,
                const QColor& colour, const QColor& outline) {
    const QPainterPath path = markerPath(shape, size).translated(centre);
    if (shape == MarkerShape::Ring || shape == MarkerShape::Cross) {
        // A halo under the stroke, so a ring shows on points of its own colour too.
        painter.strokePath(path, QPen(outline, 3.5));
        painter.strokePath(path, QPen(colour, 1.8));
        return;
    }
    painter.fillPath(path, colour);
    painter.strokePath(path, QPen(outline, 1.0));
}

} // namespace shelfscope::ui
