#include "MapView.h"

#include "MapRenderer.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

namespace {

constexpr double kLegendMargin = 8.0;
/// Keeps the indices that exist among n points, in their order.
void dropInvalid(std::vector<int>& points, int n) {
    points.erase(
        std::remove_if(points.begin(), points.end(), [n](int i) { return i < 0 || i >= n; }),
        points.end());
}

} // namespace

MapView::MapView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    updateCursor();
    relayout();
}

void MapView::setPoints(std::vector<float> xy, ViewUpdate update) {
    index_.build(xy); // throws for an odd count before anything changes
    scene_.xy = std::move(xy);
    refreshSlots();
    const int n = scene_.pointCount();
    if (scene_.current >= n)
        scene_.current = -1;
    dropInvalid(scene_.neighbours, n);
    dropInvalid(scene_.selection, n);
    for (auto& layer : scene_.layers)
        dropInvalid(layer.points, n);
    if (hovered_ >= n)
        hovered_ = -1;
    relayout();
    const bool fit = update == ViewUpdate::Fit || !everFitted_ ||
                     (update == ViewUpdate::FitUntilMoved && autoFit_);
    if (fit && n > 0)
        resetView();
    changed(false);
}

void MapView::refreshSlots() {
    scene_.pointSlots = scene_.colouring.pointSlots(static_cast<std::size_t>(scene_.pointCount()));
    const auto order = index_.spatialOrder();
    scene_.drawXy.resize(2 * order.size());
    scene_.drawSlots.resize(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto i = static_cast<std::size_t>(order[k]);
        scene_.drawXy[2 * k] = scene_.xy[2 * i];
        scene_.drawXy[2 * k + 1] = scene_.xy[2 * i + 1];
        scene_.drawSlots[k] = scene_.pointSlots[i];
    }
}

QRectF MapView::fittingBox() const {
    std::vector<float> xs, ys;
    xs.reserve(scene_.xy.size() / 2);
    ys.reserve(scene_.xy.size() / 2);
    for (std::size_t i = 0; i + 1 < scene_.xy.size(); i += 2) {
        const float x = scene_.xy[i], y = scene_.xy[i + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        xs.push_back(x);
        ys.push_back(y);
    }
    if (xs.empty())
        return QRectF(-1, -1, 2, 2);
    // Every point, unless a few far outliers (UMAP strands a handful of books far out) would
    // shrink the rest to a corner: the 0.5% at each end of an axis then may stay outside.
    const auto range = [](std::vector<float>& v) {
        const auto at = [&v](double share) {
            const auto k = static_cast<std::ptrdiff_t>(share * static_cast<double>(v.size() - 1));
            std::nth_element(v.begin(), v.begin() + k, v.end());
            return static_cast<double>(v[static_cast<std::size_t>(k)]);
        };
        const double lowest = *std::min_element(v.begin(), v.end());
        const double highest = *std::max_element(v.begin(), v.end());
        const double low = at(0.005);
        const double high = at(0.995);
        const double margin = 0.15 * (high - low);
        if (highest - lowest <= 2.0 * (high - low))
            return std::pair{lowest, highest}; // no far outliers: every point
        return std::pair{std::max(lowest, low - margin), std::min(highest, high + margin)};
    };
    const auto [minX, maxX] = range(xs);
    const auto [minY, maxY] = range(ys);
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}

void MapView::resetView() {
    relayout();
    viewport_.fit(fittingBox());
    everFitted_ = everFitted_ || scene_.pointCount() > 0;
    autoFit_ = true;
    changed(true);
}

void MapView::setAspect(MapViewport::Aspect aspect) {
    viewport_.setAspect(aspect);
    resetView();
}

// zoomBy, panBy and centreOn move the view for the user (the search box centres the book
// chosen, a click brings its book into view): like a zoom or pan by mouse or key, they stop
// resizes from refitting the view, which would otherwise undo them at the next resize (a status
// line wrapping, the side panel changing).
void MapView::zoomBy(double factor, const QPointF& around) {
    viewport_.zoomAt(around - mapArea().topLeft(), factor);
    userMovedView();
}

void MapView::panBy(const QPointF& pixels) {
    viewport_.pan(pixels);
    userMovedView();
}

void MapView::centreOn(int point) {
    if (!scene_.validPoint(point))
        return;
    const auto i = static_cast<std::size_t>(point);
    const QPointF world(scene_.xy[2 * i], scene_.xy[2 * i + 1]);
    if (!std::isfinite(world.x()) || !std::isfinite(world.y()))
        return;
    viewport_.centreOn(world);
    userMovedView();
}

void MapView::ensureVisible(int point, double margin) {
    if (!scene_.validPoint(point))
        return;
    const QRectF area = mapArea();
    const QRectF inner = area.adjusted(margin, margin, -margin, -margin);
    if (!inner.isValid() || !inner.contains(pointPosition(point)))
        centreOn(point);
}

QRectF MapView::mapArea() const {
    double strip = 0.0;
    if (legendVisible_ && !legend_.isEmpty())
        strip = std::min(legend_.size().width() + 2 * kLegendMargin, 0.45 * width());
    return QRectF(0, 0, std::max(1.0, width() - strip), std::max(1, height()));
}

QRectF MapView::legendArea() const {
    if (!legendVisible_ || legend_.isEmpty())
        return QRectF();
    const QRectF area = mapArea();
    return QRectF(QPointF(area.right() + kLegendMargin, kLegendMargin), legend_.size());
}

QPointF MapView::widgetToWorld(const QPointF& widget) const {
    return viewport_.toWorld(widget - mapArea().topLeft());
}

QPointF MapView::worldToWidget(const QPointF& world) const {
    return viewport_.toScreen(world) + mapArea().topLeft();
}

QPointF MapView::pointPosition(int point) const {
    if (!scene_.validPoint(point))
        return QPointF(qQNaN(), qQNaN());
    const auto i = static_cast<std::size_t>(point);
    return worldToWidget(QPointF(scene_.xy[2 * i], scene_.xy[2 * i + 1]));
}

void MapView::relayout() {
    if (legendVisible_)
        legend_.build(scene_, height() - 2 * kLegendMargin);
    else
        legend_ = MapLegend();
    // Centre and scale stay: the picture keeps its size and stays in the middle; unless the
    // user has not moved the view since it was fitted, then it is fitted to the new area.
    viewport_.setSize(mapArea().size());
    if (autoFit_ && everFitted_)
        viewport_.refit();
    cacheValid_ = false;
}

void MapView::changed(bool viewMoved) {
    cacheValid_ = false;
    update();
    if (viewMoved)
        Q_EMIT viewChanged();
}

void MapView::userMovedView() {
    autoFit_ = false;
    changed(true);
}

void MapView::setColouring(MapColouring colouring) {
    const bool sameEntries = colouring.kind() == scene_.colouring.kind() &&
                             colouring.categoryCount() == scene_.colouring.categoryCount();
    scene_.colouring = std::move(colouring);
    if (!sameEntries)
        scene_.hiddenEntries.clear();
    refreshSlots();
    relayout();
    changed(false);
}

void MapView::setPointSize(int pixels) {
    scene_.pointSize = std::clamp(pixels, 1, 12);
    changed(false);
}

void MapView::setPointAlpha(double alpha) {
    scene_.pointAlpha = std::clamp(alpha, 0.05, 1.0);
    changed(false);
}

void MapView::setRoundPoints(bool round) {
    scene_.roundPoints = round;
    changed(false);
}

void MapView::setEntryVisible(int entry, bool visible) {
    if (entry < 0 || entry > scene_.colouring.missingEntry())
        return;
    if (scene_.hiddenEntries.size() <= static_cast<std::size_t>(entry))
        scene_.hiddenEntries.resize(static_cast<std::size_t>(entry) + 1, false);
    scene_.hiddenEntries[static_cast<std::size_t>(entry)] = !visible;
    relayout();
    changed(false);
}

bool MapView::pointShown(int point) const {
    if (!scene_.pointShown(point))
        return false;
    const auto i = static_cast<std::size_t>(point);
    return std::isfinite(scene_.xy[2 * i]) && std::isfinite(scene_.xy[2 * i + 1]);
}

void MapView::setLegendVisible(bool visible) {
    legendVisible_ = visible;
    relayout();
    changed(false);
}

void MapView::setHighlightLayers(std::vector<MapHighlightLayer> layers) {
    scene_.layers = std::move(layers);
    for (auto& layer : scene_.layers)
        dropInvalid(layer.points, scene_.pointCount());
    relayout();
    changed(false);
}

void MapView::setCurrentPoint(int point) {
    scene_.current = scene_.validPoint(point) ? point : -1;
    changed(false);
}

void MapView::setNeighbours(std::vector<int> points) {
    dropInvalid(points, scene_.pointCount());
    scene_.neighbours = std::move(points);
    changed(false);
}

void MapView::setSelection(std::vector<int> points) {
    dropInvalid(points, scene_.pointCount());
    scene_.selection = std::move(points);
    changed(false);
}

void MapView::setDimOthers(bool dim) {
    scene_.dimOthers = dim;
    changed(false);
}

void MapView::setMode(Mode mode) {
    if (mode == mode_)
        return;
    mode_ = mode;
    updateCursor();
    Q_EMIT modeChanged(mode);
}

void MapView::setTooltipProvider(std::function<QString(int)> provider) {
    tooltip_ = std::move(provider);
}

int MapView::pointAt(const QPointF& widget) const {
    if (!mapArea().contains(widget) || index_.indexedCount() == 0)
        return -1;
    // The candidates in the square around the pointer, then the nearest on screen: right for
    // equal and independent axis scales alike.
    const QRectF world =
        viewport_.toWorld(QRectF(widget - mapArea().topLeft() - QPointF(pickRadius_, pickRadius_),
                                 QSizeF(2 * pickRadius_, 2 * pickRadius_)));
    const std::vector<std::int32_t> candidates = index_.inRectangle(
        float(world.left()), float(world.top()), float(world.right()), float(world.bottom()));
    int best = -1;
    double bestDistance = pickRadius_ * pickRadius_;
    for (const std::int32_t i : candidates) {
        if (!scene_.pointShown(i))
            continue;
        const QPointF p = pointPosition(i);
        const double dx = p.x() - widget.x(), dy = p.y() - widget.y();
        const double d = dx * dx + dy * dy;
        if (d < bestDistance || (best < 0 && d == bestDistance)) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

std::vector<int> MapView::pointsInRect(const QRectF& widget) const {
    const QRectF world = viewport_.toWorld(widget.normalized().translated(-mapArea().topLeft()));
    std::vector<int> result;
    for (const std::int32_t i : index_.inRectangle(float(world.left()), float(world.top()),
                                                   float(world.right()), float(world.bottom())))
        if (scene_.pointShown(i))
            result.push_back(i);
    return result;
}

std::vector<int> MapView::pointsInPolygon(const QPolygonF& widget) const {
    std::vector<float> polygon;
    polygon.reserve(static_cast<std::size_t>(widget.size()) * 2);
    for (const QPointF& vertex : widget) {
        const QPointF world = widgetToWorld(vertex);
        polygon.push_back(float(world.x()));
        polygon.push_back(float(world.y()));
    }
    std::vector<int> result;
    for (const std::int32_t i : index_.inPolygon(polygon))
        if (scene_.pointShown(i))
            result.push_back(i);
    return result;
}

void MapView::paintMap(QPainter& painter, bool vector) {
    const QRectF area = mapArea();
    if (vector) {
        MapRenderer::paintVector(painter, scene_, viewport_, area);
    } else {
        const double ratio = painter.device()->devicePixelRatioF();
        if (!cacheValid_ || cache_.devicePixelRatio() != ratio) {
            MapRenderer::rasterise(cache_, scene_, viewport_, ratio);
            cacheValid_ = true;
        }
        painter.drawImage(area.topLeft(), cache_);
    }
    if (area.width() < width()) {
        // The legend strip, with a hairline between it and the map.
        const QRectF strip(area.right(), 0, width() - area.width(), height());
        painter.fillRect(strip, scene_.background);
        painter.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1.0));
        painter.drawLine(QPointF(area.right() + 0.5, 0), QPointF(area.right() + 0.5, height()));
        legend_.paint(painter, legendArea().topLeft());
    }
}

void MapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paintMap(painter, false);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setClipRect(mapArea());
    if (scene_.validPoint(hovered_) && drag_ == Drag::None)
        drawMarker(painter, MarkerShape::Ring, pointPosition(hovered_),
                   std::max(10.0, scene_.pointSize + 7.0), QColor(0x10, 0x10, 0x10));
    if (drag_ == Drag::Rectangle || drag_ == Drag::Lasso) {
        QPen pen(QColor(0x10, 0x10, 0x10), 1.2, Qt::DashLine);
        painter.setPen(pen);
        painter.setBrush(QColor(0x4e, 0x79, 0xa7, 40));
        if (drag_ == Drag::Rectangle && dragShape_.size() == 2)
            painter.drawRect(QRectF(dragShape_[0], dragShape_[1]).normalized());
        else if (drag_ == Drag::Lasso)
            painter.drawPolygon(dragShape_);
    }
}

void MapView::resizeEvent(QResizeEvent*) {
    relayout();
    changed(false);
}

void MapView::updateCursor() {
    if (drag_ == Drag::Pan)
        setCursor(Qt::ClosedHandCursor);
    else if (mode_ == Mode::Pan)
        setCursor(Qt::OpenHandCursor);
    else
        setCursor(Qt::CrossCursor);
}

} // namespace shelfscope::ui
