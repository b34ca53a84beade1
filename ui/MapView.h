#pragma once

#include "MapColouring.h"
#include "MapLegend.h"
#include "MapMarkers.h"
#include "MapScene.h"
#include "MapViewport.h"
#include "maps/PointIndex.h"

#include <QImage>
#include <QPolygonF>
#include <QWidget>
#include <functional>
#include <vector>

namespace shelfscope::ui {

/// A scatter map of many points (10,000 redraw in a few milliseconds, 100,000 in well under
/// 50; see docs/BENCHMARKS.md): colours by category or value with a legend or colour bar,
/// highlight layers on top, and the mouse and keyboard to explore it. Points are indices
/// 0..N-1 of the xy array given to setPoints(); what they stand for is the caller's business
/// (a tooltip provider turns an index into text).
///
/// Mouse: wheel zooms around the pointer; dragging pans (Pan mode), draws a rectangle (Shift,
/// or Rectangle mode) or a lasso (Ctrl, or Lasso mode) whose points become the selection; the
/// middle button always pans; a click picks the point under the pointer; a double-click fits
/// the view. Keys: + and - zoom, arrows pan, 0 fits, Escape cancels a drag or clears the
/// selection. The legend sits in a strip on the right; clicking a category there shows or
/// hides its points.
///
/// Hidden points (a legend entry switched off, or a non-finite position) are neither drawn
/// nor picked nor selected; highlight layers still mark them.
class MapView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Pan, Rectangle, Lasso };
    /// What setPoints() does with the view.
    enum class ViewUpdate {
        Keep,         ///< stay where it is (fits only the very first points)
        Fit,          ///< fit the new points
        FitUntilMoved ///< fit, unless the user zoomed or panned since the last fit (live t-SNE)
    };

    /// Extra columns for exportCsv(): headers and, per point, the values (e.g. book id, title).
    struct CsvColumns {
        QStringList headers;
        std::function<QStringList(int point)> values;
    };

    explicit MapView(QWidget* parent = nullptr);

    // --- Points and view ---------------------------------------------------------------------
    /// Sets the points (x0, y0, x1, y1, ...) and re-indexes them (O(N)); the view as `update`
    /// says. Selection, neighbours and the current point are kept where their indices exist.
    /// Throws std::invalid_argument for an odd number of coordinates (nothing changes then).
    void setPoints(std::vector<float> xy, ViewUpdate update = ViewUpdate::Keep);
    const std::vector<float>& points() const { return scene_.xy; }
    int pointCount() const { return scene_.pointCount(); }
    /// The spatial index over the current points (for the caller's own queries).
    const PointIndex& index() const { return index_; }

    /// Fits the points into view (what double-click and the 0 key do): every one, unless the
    /// 0.5% at an end of an axis lie far out; those then may stay outside. Until the user zooms
    /// or pans, resizing the widget fits again.
    void resetView();
    /// Whether the user zoomed or panned since the last fit.
    bool viewMovedByUser() const { return !autoFit_; }
    /// Equal (default) or independent scales for x and y; refits. See MapViewport.
    void setAspect(MapViewport::Aspect aspect);
    const MapViewport& viewport() const { return viewport_; }
    /// Zooms by factor (> 1 in) keeping the widget position `around` in place.
    void zoomBy(double factor, const QPointF& around);
    void panBy(const QPointF& pixels);
    /// Pans (zoom unchanged) so the point is in the middle; nothing for an invalid index.
    void centreOn(int point);
    /// Pans only if the point is outside the visible area (or within `margin` px of its edge).
    void ensureVisible(int point, double margin = 40.0);
    /// The part of the widget the map draws in (all but the legend strip).
    QRectF mapArea() const;
    /// Widget <-> world coordinates.
    QPointF widgetToWorld(const QPointF& widget) const;
    QPointF worldToWidget(const QPointF& world) const;
    /// Where point i is drawn, in widget coordinates.
    QPointF pointPosition(int point) const;

    // --- Appearance ----------------------------------------------------------------------------
    /// How points are coloured; resets switched-off legend entries when the entry count changes.
    void setColouring(MapColouring colouring);
    const MapColouring& colouring() const { return scene_.colouring; }
    /// Point diameter in pixels, 1..12 (default 3).
    void setPointSize(int pixels);
    int pointSize() const { return scene_.pointSize; }
    /// Opacity of the points, 0.05..1 (default 0.8): overlaps read as density.
    void setPointAlpha(double alpha);
    void setRoundPoints(bool round);
    /// Shows or hides the points of legend entry `entry` (category, or colouring().missingEntry()).
    void setEntryVisible(int entry, bool visible);
    bool entryVisible(int entry) const { return !scene_.entryHidden(entry); }
    /// Whether point i is drawn (and can be picked or selected): it exists, its position is
    /// finite and its legend entry is shown.
    bool pointShown(int point) const;
    void setLegendVisible(bool visible);
    bool legendVisible() const { return legendVisible_; }
    /// The legend as laid out for the current size (rows, entries; for tests and tools).
    const MapLegend& legend() const { return legend_; }
    /// Where the legend is drawn, in widget coordinates (empty without one).
    QRectF legendArea() const;

    // --- Highlights ----------------------------------------------------------------------------
    /// Sets the marker layers (a reader's rated books, recommendations, to-read ...), drawn
    /// over the points in order and named in the legend.
    void setHighlightLayers(std::vector<MapHighlightLayer> layers);
    const std::vector<MapHighlightLayer>& highlightLayers() const { return scene_.layers; }
    /// The selected point, drawn with a ring; -1 for none. No signal.
    void setCurrentPoint(int point);
    int currentPoint() const { return scene_.current; }
    /// Points drawn with a thin ring, e.g. the current point's nearest neighbours. No signal.
    void setNeighbours(std::vector<int> points);
    const std::vector<int>& neighbours() const { return scene_.neighbours; }
    /// Replaces the selection (outlined points); no signal (signals are for the user's acts).
    void setSelection(std::vector<int> points);
    const std::vector<int>& selection() const { return scene_.selection; }
    /// Fades every point no highlight names while any highlight is shown.
    void setDimOthers(bool dim);
    bool dimOthers() const { return scene_.dimOthers; }

    // --- Interaction ---------------------------------------------------------------------------
    /// What a left-button drag does without modifiers.
    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    /// Text for the tooltip of a hovered point (none when not set or empty).
    void setTooltipProvider(std::function<QString(int point)> provider);
    /// How far (pixels) from a point the pointer still picks it (default 8).
    void setPickRadius(double pixels) { pickRadius_ = pixels; }
    /// The nearest shown point within the pick radius of a widget position, or -1.
    int pointAt(const QPointF& widget) const;
    /// Shown points inside a widget rectangle (edges included), ascending.
    std::vector<int> pointsInRect(const QRectF& widget) const;
    /// Shown points inside a widget polygon (even-odd rule), ascending.
    std::vector<int> pointsInPolygon(const QPolygonF& widget) const;

    // --- Output --------------------------------------------------------------------------------
    /// The widget's picture (map and legend, no hover marks) at `scale` times its size.
    QImage renderImage(double scale = 1.0);
    /// Writes PNG (at `scale`) or SVG (vector points), chosen by the path's suffix, atomically;
    /// false with the reason in *error when it could not (and nothing is left behind).
    bool exportImage(const QString& path, QString* error, double scale = 1.0);
    /// Writes CSV: point, x, y, the colouring's category or value, then `extra` columns; only
    /// the selection when `selectionOnly`. Atomic; false with the reason in *error.
    bool exportCsv(const QString& path, QString* error, const CsvColumns& extra = {},
                   bool selectionOnly = false) const;

    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

Q_SIGNALS:
    /// The pointer moved onto another point (-1: onto none).
    void hovered(int point);
    /// A click without dragging: the point under it, or -1 on empty space.
    void clicked(int point);
    /// The user drew a rectangle or lasso, or cleared the selection with Escape.
    void selectionChanged(const std::vector<int>& points);
    /// Zoomed, panned or fitted (by the user or a call).
    void viewChanged();
    void modeChanged(Mode mode);
    /// A legend entry was shown or hidden by a click on the legend.
    void entryToggled(int entry, bool visible);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Pending, Pan, Rectangle, Lasso };

    /// Paints map and legend into `painter` over `area` (the widget's rect in its coordinates);
    /// vector = QPainter calls for the points (SVG), else the cached image.
    void paintMap(QPainter& painter, bool vector);
    /// Legend and viewport for the current widget size; keeps the view centre.
    void relayout();
    void changed(bool viewMoved);
    /// After a zoom or pan by the user.
    void userMovedView();
    void setHovered(int point);
    void finishDrag(const QPointF& position);
    void updateCursor();
    QRectF fittingBox() const;
    /// Colour slots per point and the spatially ordered copy the renderer draws from.
    void refreshSlots();

    MapScene scene_;
    PointIndex index_;
    MapViewport viewport_;
    MapLegend legend_;
    bool legendVisible_ = true;
    bool everFitted_ = false;
    bool autoFit_ = true; ///< no zoom or pan by the user since the last fit: resizes refit
    QImage cache_;        ///< the rasterised map, valid while cacheValid_
    bool cacheValid_ = false;

    Mode mode_ = Mode::Pan;
    Drag drag_ = Drag::None;
    Qt::MouseButton dragButton_ = Qt::NoButton;
    QPointF pressAt_, lastAt_;
    Drag pendingKind_ = Drag::None; ///< what a pending drag becomes once it moves
    QPolygonF dragShape_;           ///< rectangle corners or lasso vertices, widget coords
    int hovered_ = -1;
    double pickRadius_ = 8.0;
    std::function<QString(int)> tooltip_;
};

} // namespace shelfscope::ui
