#pragma once

#include <QImage>
#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope::ui {

/// Draws many small points straight into an image's pixels: each point is a size x size stamp
/// (a square, a disc or a ring, with soft edges) blended source-over in its slot's colour. About
/// 20x quicker than QPainter for the 10,000-100,000 points of a map, which is what lets the map
/// redraw while t-SNE settles or the user drags.
class PointRaster {
public:
    /// device x = (x - originX) * scaleX + offsetX, and y alike (MapViewport's arithmetic).
    struct Transform {
        double originX = 0.0, scaleX = 1.0, offsetX = 0.0;
        double originY = 0.0, scaleY = 1.0, offsetY = 0.0;
    };

    enum class Stamp { Square, Disc, Ring };

    /// size in device pixels (1..32). A ring is about 1.4 px wide (for outlining points).
    PointRaster(int size, Stamp stamp);

    /// Draws points i (all of them, or those listed in `only`, in that order) whose slot colour
    /// is not fully transparent into `image` (Format_ARGB32_Premultiplied). xy = x0, y0, ...;
    /// pointSlots[i] picks colours[slot], premultiplied ARGB (qPremultiply). With a square or
    /// disc the pixel holding a point's position always takes the stamp's full colour; stamps
    /// are clipped to the image.
    void draw(QImage& image, std::span<const float> xy, std::span<const std::uint16_t> pointSlots,
              std::span<const QRgb> colours, const Transform& transform,
              std::span<const int> only = {}) const;

    /// Draws the listed points all in one colour (premultiplied ARGB).
    void draw(QImage& image, std::span<const float> xy, QRgb colour, const Transform& transform,
              std::span<const int> only) const;

    int size() const { return size_; }

private:
    struct Target {
        std::uint32_t* pixels;
        qsizetype stride; ///< pixels per line
        int width, height;
    };
    static Target targetOf(QImage& image);
    /// Each colour times each stamp pixel's coverage: colours.size() stamps of size x size
    /// premultiplied pixels, so a point costs one blend per pixel.
    std::vector<std::uint32_t> stamps(std::span<const QRgb> colours) const;
    /// Blends one stamp (size x size source pixels) with its corner nearest to centring it on
    /// (x, y) in device pixels.
    void stamp(const Target& target, double x, double y, const std::uint32_t* source) const;
    void stampPoint(const Target& target, std::span<const float> xy, std::size_t i,
                    const Transform& transform, const std::uint32_t* source) const;

    int size_;
    std::vector<std::uint8_t> coverage_; ///< size x size, 255 = the pixel lies inside
};

} // namespace shelfscope::ui
