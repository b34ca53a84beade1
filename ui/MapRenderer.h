#pragma once

#include "MapScene.h"
#include "MapViewport.h"

#include <QImage>
#include <QRectF>

class QPainter;

namespace shelfscope::ui {

/// Paints a MapScene as seen through a MapViewport: the points, then the selection, the
/// highlight layers, the neighbours and the current point on top. Two ways with the same
/// picture: into an image's pixels (fast, for the screen and PNG), or through QPainter calls
/// (vector output for SVG).
class MapRenderer {
public:
    /// The whole map into `image`, made viewport.size() * devicePixelRatio pixels (reused
    /// when it already is), Format_ARGB32_Premultiplied, with that device pixel ratio.
    static void rasterise(QImage& image, const MapScene& scene, const MapViewport& viewport,
                          double devicePixelRatio);
    /// The map into `area` of any painter (points as vector dots, batched by colour).
    static void paintVector(QPainter& painter, const MapScene& scene, const MapViewport& viewport,
                            const QRectF& area);
    /// The per-slot colours the points are drawn in (premultiplied ARGB): alpha and dimming
    /// applied, hidden entries fully transparent. `full` leaves dimming out.
    static std::vector<QRgb> slotColours(const MapScene& scene, bool full);

private:
    /// Layers, neighbours and current point (and the selection's outlines if withSelection),
    /// with painter coordinates = viewport screen coordinates.
    static void paintHighlights(QPainter& painter, const MapScene& scene,
                                const MapViewport& viewport, bool withSelection);
    /// Every point some highlight names (drawn again at full colour when others are dimmed).
    static std::vector<int> highlightedPoints(const MapScene& scene);
};

} // namespace shelfscope::ui
