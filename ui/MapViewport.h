#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace shelfscope::ui {

/// The world <-> screen transform of a map: a centre in world coordinates, pixels per world
/// unit along x and y, and the size of the area it draws into (screen coordinates are relative
/// to that area's top-left corner). World y grows upwards, screen y downwards.
///
/// Aspect: Equal (the default) keeps one scale for both axes, because distances on a t-SNE or
/// PCA map mean the same in every direction and a stretched map would suggest clusters that are
/// not there; Independent fits each axis to the area on its own (for plots of two unrelated
/// quantities). Zooming always scales both axes by the same factor.
class MapViewport {
public:
    enum class Aspect { Equal, Independent };

    /// The area drawn into, in screen pixels. The world centre stays in the middle.
    void setSize(const QSizeF& size);
    QSizeF size() const { return size_; }
    /// Switches aspect and fits the last fitted box again (Equal takes the smaller scale).
    void setAspect(Aspect aspect);
    Aspect aspect() const { return aspect_; }

    /// Shows `world` whole, centred, with `margin` pixels left free on every side. A box of no
    /// width or height (one point, a line) is shown as one of unit size around its centre.
    void fit(const QRectF& world, double margin = 16.0);
    /// Fits the last fitted box again (after the area changed size).
    void refit() { fit(fitted_, margin_); }
    /// Scales by `factor` (> 1 zooms in) keeping the world point under `screen` in place;
    /// zoom stays within 1/20 .. 100,000 times the fitted scale.
    void zoomAt(const QPointF& screen, double factor);
    /// Moves the picture by `delta` screen pixels.
    void pan(const QPointF& delta);
    /// Puts the world point in the middle of the area.
    void centreOn(const QPointF& world) { centre_ = world; }

    QPointF toScreen(double x, double y) const {
        return {size_.width() / 2 + (x - centre_.x()) * scaleX_,
                size_.height() / 2 - (y - centre_.y()) * scaleY_};
    }
    QPointF toScreen(const QPointF& world) const { return toScreen(world.x(), world.y()); }
    QPointF toWorld(const QPointF& screen) const {
        return {centre_.x() + (screen.x() - size_.width() / 2) / scaleX_,
                centre_.y() - (screen.y() - size_.height() / 2) / scaleY_};
    }
    /// The world box seen through a screen rectangle (normalised: left < right, top < bottom
    /// in world units, so top() is the smaller y).
    QRectF toWorld(const QRectF& screen) const;
    /// The world box the whole area shows.
    QRectF visibleWorld() const { return toWorld(QRectF(QPointF(0, 0), size_)); }

    QPointF centre() const { return centre_; }
    double scaleX() const { return scaleX_; }
    double scaleY() const { return scaleY_; }
    /// Zoom relative to the last fit (1 right after fit()).
    double zoom() const { return fittedScaleX_ > 0 ? scaleX_ / fittedScaleX_ : 1.0; }

private:
    QSizeF size_{1, 1};
    QPointF centre_{0, 0};
    double scaleX_ = 1.0, scaleY_ = 1.0;
    double fittedScaleX_ = 1.0;
    QRectF fitted_{-1, -1, 2, 2};
    double margin_ = 16.0;
    Aspect aspect_ = Aspect::Equal;
};

} // namespace shelfscope::ui
