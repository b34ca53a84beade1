#pragma once

#include <QColor>
#include <QPainterPath>
#include <QString>
#include <utility>
#include <vector>

class QPainter;

namespace shelfscope::ui {

/// Marker shapes for points drawn over the map, distinct in outline so sets stay apart even
/// where their colours are alike.
enum class MarkerShape { Circle, Ring, Square, Diamond, Triangle, InvertedTriangle, Cross, Star };

/// A set of points drawn on top of the map with its own marker, e.g. the books a reader rated,
/// their recommendations, their to-read list. Named in the legend with its count.
struct MapHighlightLayer {
    QString name;            ///< legend text; an empty name leaves the layer out of it
    std::vector<int> points; ///< point indices (out of range ones are skipped)
    MarkerShape shape = MarkerShape::Circle;
    QColor colour{0x22, 0x22, 0x22};
    /// Optional colour per point (same order as points), e.g. palette::stars of each rating;
    /// `colour` is used where this is empty or shorter.
    std::vector<QColor> colours;
    double size = 9.0; ///< marker width in pixels
    /// Extra legend rows under the layer's own, e.g. {"5 stars", blue}, {"1 star", red}.
    std::vector<std::pair<QString, QColor>> key;
};

/// The outline of a marker `size` pixels wide, centred on (0, 0).
QPainterPath markerPath(MarkerShape shape, double size);

/// Draws one marker: Ring and Cross are stroked in `colour`; the others are filled with it
/// and outlined in `outline` (a thin halo that keeps them readable over dense points).
void drawMarker(QPainter& painter, MarkerShape shape, const QPointF& centre, double size,
                const QColor& colour, const QColor& outline = Qt::white);

} // namespace shelfscope::ui
