#pragma once

#include "MapMarkers.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <vector>

class QPainter;

namespace shelfscope::ui {

struct MapScene;

/// The legend of a map, laid out once and then painted or asked what lies under the mouse:
/// the colouring's title, then a swatch, name and count per category (or a colour bar from
/// minimum to maximum), the missing points, and a row per highlight layer with its marker.
/// The selection, neighbours and current point have no rows: the legend (and the map's width
/// beside it) must not change while the user selects.
/// Text uses pixel-sized fonts, so it looks the same on screen, in a PNG and in an SVG.
class MapLegend {
public:
    struct Row {
        enum class Kind { Title, Entry, ColourBar, Marker, Note };
        Kind kind = Kind::Note;
        QString text;   ///< elided to the legend's width
        QString detail; ///< right-aligned, e.g. the count
        QColor colour;
        MarkerShape shape = MarkerShape::Circle;
        int entry = -1;      ///< the colouring's legend entry (Entry rows); -1 otherwise
        bool hidden = false; ///< the entry is switched off
        double indent = 0.0;
        QRectF rect; ///< within the legend, (0, 0) at its top-left
    };

    /// Lays out the legend of `scene` within maxHeight pixels: categories that do not fit are
    /// summed up in a last "and N more" row.
    void build(const MapScene& scene, double maxHeight);

    bool isEmpty() const { return rows_.empty(); }
    /// Width and height in pixels, padding included.
    QSizeF size() const { return size_; }
    const std::vector<Row>& rows() const { return rows_; }
    /// The entry whose row holds `point` (legend coordinates), or -1.
    int entryAt(const QPointF& point) const;
    /// Paints the legend with its top-left corner at topLeft.
    void paint(QPainter& painter, const QPointF& topLeft) const;

    static QFont font(bool bold = false);

private:
    void paintRow(QPainter& painter, const Row& row) const;

    /// For the colour bar: the map from t = 0 to 1, and its labels (top, middle, bottom).
    std::vector<QColor> barColours_;
    QString barLabels_[3];
    double barHeight_ = 0.0;
    std::vector<Row> rows_;
    QSizeF size_;
};

} // namespace shelfscope::ui
