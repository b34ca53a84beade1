#pragma once

#include "MapColouring.h"
#include "MapMarkers.h"

#include <QColor>
#include <cstdint>
#include <vector>

namespace shelfscope::ui {

/// Everything a map draws, apart from where it looks (MapViewport): the points, their colours,
/// the legend entries switched off, and the highlights on top. Plain data that MapView keeps
/// and MapRenderer and MapLegend read.
struct MapScene {
    std::vector<float> xy; ///< x0, y0, x1, y1, ...
    MapColouring colouring;
    std::vector<std::uint16_t> pointSlots; ///< colouring.pointSlots(pointCount()), kept in step
    std::vector<bool> hiddenEntries;       ///< legend entries switched off (not drawn or picked)
    /// The drawable points again, in the spatial index's cell order: drawing them in that order
    /// walks the image's memory in order (100,000 points: about 2x quicker than by index).
    std::vector<float> drawXy;
    std::vector<std::uint16_t> drawSlots;
    int pointSize = 3; ///< pixels
    bool roundPoints = true;
    double pointAlpha = 0.8;
    QColor background = Qt::white;

    std::vector<MapHighlightLayer> layers; ///< drawn in order, the last on top
    int current = -1;                      ///< the selected point: a ring
    std::vector<int> neighbours;           ///< outlined
    std::vector<int> selection;            ///< the rectangle or lasso result: outlined
    bool dimOthers = false; ///< fade the points no highlight names while there is one

    int pointCount() const { return static_cast<int>(xy.size() / 2); }
    bool validPoint(int i) const { return i >= 0 && i < pointCount(); }
    /// Whether point i is drawn: inside the array and its legend entry is not switched off.
    bool pointShown(int i) const {
        if (!validPoint(i))
            return false;
        const int entry = colouring.entryOfSlot(pointSlots[static_cast<std::size_t>(i)]);
        return entry < 0 || static_cast<std::size_t>(entry) >= hiddenEntries.size() ||
               !hiddenEntries[static_cast<std::size_t>(entry)];
    }
    bool entryHidden(int entry) const {
        return entry >= 0 && static_cast<std::size_t>(entry) < hiddenEntries.size() &&
               hiddenEntries[static_cast<std::size_t>(entry)];
    }
    bool hasHighlights() const {
        if (current >= 0 || !neighbours.empty() || !selection.empty())
            return true;
        for (const auto& layer : layers)
            if (!layer.points.empty())
                return true;
        return false;
    }
    bool dimming() const { return dimOthers && hasHighlights(); }
};

} // namespace shelfscope::ui
