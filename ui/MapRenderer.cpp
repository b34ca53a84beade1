#include "MapRenderer.h"

#include "MapPointRaster.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

namespace {

/// How far dimmed points fade towards the background.
constexpr double kDimming = 0.6;
// Half transparent: a selection of hundreds of books must not hide their colours.
const QColor kSelectionColour(0x20, 0x20, 0x20, 150);

/// Width of the ring around a selected point.
double selectionRingSize(const MapScene& scene) {
    return scene.pointSize + 4.0;
}

bool onScreen(const QPointF& p, const QSizeF& size, double margin) {
    return p.x() >= -margin && p.y() >= -margin && p.x() <= size.width() + margin &&
           p.y() <= size.height() + margin;
}

} // namespace

std::vector<QRgb> MapRenderer::slotColours(const MapScene& scene, bool full) {
    const bool dim = !full && scene.dimming();
    const MapColouring& colouring = scene.colouring;
    const QColor background = scene.background;
    std::vector<QRgb> colours;
    colours.reserve(static_cast<std::size_t>(colouring.slotCount()));
    for (int slot = 0; slot < colouring.slotCount(); ++slot) {
        if (scene.entryHidden(colouring.entryOfSlot(slot))) {
            colours.push_back(0);
            continue;
        }
        const QColor c = colouring.slotColour(slot);
        double r = c.redF(), g = c.greenF(), b = c.blueF();
        const double alpha = std::clamp(scene.pointAlpha, 0.0, 1.0) * c.alphaF();
        if (dim) {
            r += (background.redF() - r) * kDimming;
            g += (background.greenF() - g) * kDimming;
            b += (background.blueF() - b) * kDimming;
        }
        const auto byte = [](double v) { return static_cast<int>(std::lround(v * 255)); };
        colours.push_back(qPremultiply(qRgba(byte(r), byte(g), byte(b), byte(alpha))));
    }
    return colours;
}

std::vector<int> MapRenderer::highlightedPoints(const MapScene& scene) {
    std::vector<int> points = scene.neighbours;
    points.insert(points.end(), scene.selection.begin(), scene.selection.end());
    for (const auto& layer : scene.layers)
        points.insert(points.end(), layer.points.begin(), layer.points.end());
    if (scene.current >= 0)
        points.push_back(scene.current);
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    return points;
}

void MapRenderer::rasterise(QImage& image, const MapScene& scene, const MapViewport& viewport,
                            double devicePixelRatio) {
    const QSize pixels(static_cast<int>(std::ceil(viewport.size().width() * devicePixelRatio)),
                       static_cast<int>(std::ceil(viewport.size().height() * devicePixelRatio)));
    if (image.size() != pixels || image.format() != QImage::Format_ARGB32_Premultiplied)
        image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(scene.background);
    PointRaster::Transform transform;
    transform.originX = viewport.centre().x();
    transform.scaleX = viewport.scaleX() * devicePixelRatio;
    transform.offsetX = viewport.size().width() / 2 * devicePixelRatio;
    transform.originY = viewport.centre().y();
    transform.scaleY = -viewport.scaleY() * devicePixelRatio;
    transform.offsetY = viewport.size().height() / 2 * devicePixelRatio;
    const PointRaster raster(static_cast<int>(std::lround(scene.pointSize * devicePixelRatio)),
                             scene.roundPoints ? PointRaster::Stamp::Disc
                                               : PointRaster::Stamp::Square);
    const std::vector<QRgb> colours = slotColours(scene, false);
    if (scene.drawSlots.size() * 2 == scene.drawXy.size() && !scene.drawSlots.empty())
        raster.draw(image, scene.drawXy, scene.drawSlots, colours, transform);
    else
        raster.draw(image, scene.xy, scene.pointSlots, colours, transform);
    if (scene.dimming()) {
        const std::vector<int> highlighted = highlightedPoints(scene);
        raster.draw(image, scene.xy, scene.pointSlots, slotColours(scene, true), transform,
                    highlighted);
    }
    if (!scene.selection.empty()) {
        // Outlines as ring stamps: a selection can hold most of the map.
        std::vector<int> shown;
        for (const int i : scene.selection)
            if (scene.pointShown(i))
                shown.push_back(i);
        const PointRaster ring(
            static_cast<int>(std::lround(selectionRingSize(scene) * devicePixelRatio)),
            PointRaster::Stamp::Ring);
        ring.draw(image, scene.xy, qPremultiply(kSelectionColour.rgba()), transform, shown);
    }
    if (!scene.hasHighlights())
        return;
    QPainter painter(&image);
    paintHighlights(painter, scene, viewport, false);
}

void MapRenderer::paintVector(QPainter& painter, const MapScene& scene, const MapViewport& viewport,
                              const QRectF& area) {
    painter.save();
    painter.setClipRect(area);
    painter.fillRect(area, scene.background);
    painter.translate(area.topLeft());
    const auto drawPoints = [&](const std::vector<QRgb>& colours, const std::vector<int>* only) {
        // One drawPoints call per colour: a wide pen with round or square caps is the dot.
        std::vector<QList<QPointF>> batches(colours.size());
        const auto add = [&](int i) {
            const auto slot = scene.pointSlots[static_cast<std::size_t>(i)];
            if (qAlpha(colours[slot]) == 0)
                return;
            const QPointF p = viewport.toScreen(scene.xy[2 * static_cast<std::size_t>(i)],
                                                scene.xy[2 * static_cast<std::size_t>(i) + 1]);
            if (onScreen(p, viewport.size(), scene.pointSize))
                batches[slot].append(p);
        };
        if (only == nullptr)
            for (int i = 0; i < scene.pointCount(); ++i)
                add(i);
        else
            for (const int i : *only)
                if (scene.validPoint(i))
                    add(i);
        for (std::size_t slot = 0; slot < batches.size(); ++slot) {
            if (batches[slot].isEmpty())
                continue;
            QPen pen(QColor::fromRgba(qUnpremultiply(colours[slot])), scene.pointSize);
            pen.setCapStyle(scene.roundPoints ? Qt::RoundCap : Qt::SquareCap);
            painter.setPen(pen);
            painter.drawPoints(batches[slot].constData(), static_cast<int>(batches[slot].size()));
        }
    };
    painter.setRenderHint(QPainter::Antialiasing, true);
    drawPoints(slotColours(scene, false), nullptr);
    if (scene.dimming()) {
        const std::vector<int> highlighted = highlightedPoints(scene);
        drawPoints(slotColours(scene, true), &highlighted);
    }
    paintHighlights(painter, scene, viewport, true);
    painter.restore();
}

void MapRenderer::paintHighlights(QPainter& painter, const MapScene& scene,
                                  const MapViewport& viewport, bool withSelection) {
    const QSizeF size = viewport.size();
    const auto screenOf = [&](int i) {
        return viewport.toScreen(scene.xy[2 * static_cast<std::size_t>(i)],
                                 scene.xy[2 * static_cast<std::size_t>(i) + 1]);
    };
    painter.save();
    if (withSelection && !scene.selection.empty()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(kSelectionColour, 1.2));
        painter.setBrush(Qt::NoBrush);
        const double radius = selectionRingSize(scene) / 2.0 - 0.6;
        for (const int i : scene.selection) {
            if (!scene.pointShown(i))
                continue;
            const QPointF p = screenOf(i);
            if (onScreen(p, size, radius))
                painter.drawEllipse(p, radius, radius);
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const auto& layer : scene.layers)
        for (std::size_t k = 0; k < layer.points.size(); ++k) {
            const int i = layer.points[k];
            if (!scene.validPoint(i))
                continue;
            const QPointF p = screenOf(i);
            if (onScreen(p, size, layer.size))
                drawMarker(painter, layer.shape, p, layer.size,
                           k < layer.colours.size() ? layer.colours[k] : layer.colour);
        }
    const double neighbourSize = std::max(11.0, scene.pointSize + 8.0);
    for (const int i : scene.neighbours)
        if (scene.validPoint(i) && onScreen(screenOf(i), size, neighbourSize))
            drawMarker(painter, MarkerShape::Ring, screenOf(i), neighbourSize,
                       QColor(0x40, 0x40, 0x40));
    if (scene.validPoint(scene.current)) {
        // The selected point: a bold black ring with a white halo, visible on any colour.
        const QPointF p = screenOf(scene.current);
        const double radius = std::max(8.0, scene.pointSize + 6.0);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(Qt::white, 5.0));
        painter.drawEllipse(p, radius, radius);
        painter.setPen(QPen(Qt::black, 2.5));
        painter.drawEllipse(p, radius, radius);
    }
    painter.restore();
}

} // namespace shelfscope::ui
