#include "MapViewport.h"

#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

void MapViewport::setSize(const QSizeF& size) {
    size_ = QSizeF(std::max(1.0, size.width()), std::max(1.0, size.height()));
}

void MapViewport::setAspect(Aspect aspect) {
    if (aspect == aspect_)
        return;
    aspect_ = aspect;
    if (fitted_.isValid())
        fit(fitted_, margin_);
}

void MapViewport::fit(const QRectF& world, double margin) {
    QRectF box = world.normalized();
    // A single point or a line still needs an extent to divide by.
    if (!(box.width() > 0.0))
        box = QRectF(box.center().x() - 0.5, box.top(), 1.0, box.height());
    if (!(box.height() > 0.0))
        box = QRectF(box.left(), box.center().y() - 0.5, box.width(), 1.0);
    fitted_ = box;
    margin_ = margin;
    const double width = std::max(1.0, size_.width() - 2 * margin);
    const double height = std::max(1.0, size_.height() - 2 * margin);
    scaleX_ = width / box.width();
    scaleY_ = height / box.height();
    if (aspect_ == Aspect::Equal)
        scaleX_ = scaleY_ = std::min(scaleX_, scaleY_);
    fittedScaleX_ = scaleX_;
    centre_ = box.center();
}

void MapViewport::zoomAt(const QPointF& screen, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor))
        return;
    const double zoomNow = zoom();
    factor = std::clamp(zoomNow * factor, 0.05, 1e5) / zoomNow;
    const QPointF anchor = toWorld(screen);
    scaleX_ *= factor;
    scaleY_ *= factor;
    // Move the centre so the anchor lands on the same screen position again.
    centre_ = QPointF(anchor.x() - (screen.x() - size_.width() / 2) / scaleX_,
                      anchor.y() + (screen.y() - size_.height() / 2) / scaleY_);
}

void MapViewport::pan(const QPointF& delta) {
    centre_ -= QPointF(delta.x() / scaleX_, -delta.y() / scaleY_);
}

QRectF MapViewport::toWorld(const QRectF& screen) const {
    const QPointF a = toWorld(screen.topLeft());
    const QPointF b = toWorld(screen.bottomRight());
    return QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                  QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y())));
}

} // namespace shelfscope::ui
