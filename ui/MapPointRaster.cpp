#include "MapPointRaster.h"

#include <algorithm>
#include <cmath>

namespace shelfscope::ui {

namespace {

/// x * a / 255 per channel of a premultiplied pixel, two channels per multiplication.
inline std::uint32_t scaled(std::uint32_t x, std::uint32_t a) {
    std::uint32_t t = (x & 0xff00ffu) * a;
    t = ((t + ((t >> 8) & 0xff00ffu) + 0x800080u) >> 8) & 0xff00ffu;
    x = ((x >> 8) & 0xff00ffu) * a;
    x = (x + ((x >> 8) & 0xff00ffu) + 0x800080u) & 0xff00ff00u;
    return x | t;
}

} // namespace

PointRaster::PointRaster(int size, Stamp stamp)
    : size_(std::clamp(size, 1, 32)), coverage_(static_cast<std::size_t>(size_ * size_), 255) {
    if (stamp == Stamp::Square || (stamp == Stamp::Disc && size_ <= 2))
        return;
    // Share of each pixel inside the disc (or ring), from 8 x 8 samples; a disc's middle
    // pixels stay whole.
    const double r = size_ / 2.0;
    const double inner = stamp == Stamp::Ring ? std::max(0.0, r - 1.4) : 0.0;
    const double inner2 = stamp == Stamp::Ring ? inner * inner : -1.0; // a disc has no hole
    for (int py = 0; py < size_; ++py)
        for (int px = 0; px < size_; ++px) {
            int inside = 0;
            for (int sy = 0; sy < 8; ++sy)
                for (int sx = 0; sx < 8; ++sx) {
                    const double dx = px + (sx + 0.5) / 8 - r, dy = py + (sy + 0.5) / 8 - r;
                    const double d = dx * dx + dy * dy;
                    inside += d <= r * r && d > inner2 ? 1 : 0;
                }
            coverage_[static_cast<std::size_t>(py * size_ + px)] =
                static_cast<std::uint8_t>(std::lround(inside * 255.0 / 64));
        }
}

PointRaster::Target PointRaster::targetOf(QImage& image) {
    // bits() once: it detaches a shared image, which scanLine() would check per line.
    return {reinterpret_cast<std::uint32_t*>(image.bits()), image.bytesPerLine() / 4, image.width(),
            image.height()};
}

std::vector<std::uint32_t> PointRaster::stamps(std::span<const QRgb> colours) const {
    const std::size_t pixels = coverage_.size();
    std::vector<std::uint32_t> result(colours.size() * pixels);
    for (std::size_t c = 0; c < colours.size(); ++c)
        for (std::size_t k = 0; k < pixels; ++k)
            result[c * pixels + k] = scaled(colours[c], coverage_[k]);
    return result;
}

void PointRaster::stampPoint(const Target& target, std::span<const float> xy, std::size_t i,
                             const Transform& t, const std::uint32_t* source) const {
    const double x = (xy[2 * i] - t.originX) * t.scaleX + t.offsetX;
    const double y = (xy[2 * i + 1] - t.originY) * t.scaleY + t.offsetY;
    if (std::isfinite(x) && std::isfinite(y))
        stamp(target, x, y, source);
}

void PointRaster::draw(QImage& image, std::span<const float> xy,
                       std::span<const std::uint16_t> pointSlots, std::span<const QRgb> colours,
                       const Transform& t, std::span<const int> only) const {
    if (image.format() != QImage::Format_ARGB32_Premultiplied || image.isNull())
        return;
    const Target target = targetOf(image);
    const std::vector<std::uint32_t> sources = stamps(colours);
    const std::size_t points = std::min(xy.size() / 2, pointSlots.size());
    const auto drawOne = [&](std::size_t i) {
        const std::uint16_t slot = pointSlots[i];
        if (slot < colours.size() && qAlpha(colours[slot]) != 0)
            stampPoint(target, xy, i, t, sources.data() + slot * coverage_.size());
    };
    if (only.empty()) {
        for (std::size_t i = 0; i < points; ++i)
            drawOne(i);
    } else {
        for (const int i : only)
            if (i >= 0 && static_cast<std::size_t>(i) < points)
                drawOne(static_cast<std::size_t>(i));
    }
}

void PointRaster::draw(QImage& image, std::span<const float> xy, QRgb colour, const Transform& t,
                       std::span<const int> only) const {
    if (image.format() != QImage::Format_ARGB32_Premultiplied || image.isNull() ||
        qAlpha(colour) == 0)
        return;
    const Target target = targetOf(image);
    const std::vector<std::uint32_t> source = stamps(std::span<const QRgb>(&colour, 1));
    for (const int i : only)
        if (i >= 0 && static_cast<std::size_t>(i) < xy.size() / 2)
            stampPoint(target, xy, static_cast<std::size_t>(i), t, source.data());
}

void PointRaster::stamp(const Target& target, double x, double y,
                        const std::uint32_t* source) const {
    const double half = size_ / 2.0;
    const double left = std::floor(x - half + 0.5), top = std::floor(y - half + 0.5);
    const int width = target.width, height = target.height;
    if (left >= width || top >= height || left + size_ <= 0 || top + size_ <= 0)
        return;
    const int x0 = static_cast<int>(left), y0 = static_cast<int>(top);
    const int i0 = std::max(0, -x0), i1 = std::min(size_, width - x0);
    const int j0 = std::max(0, -y0), j1 = std::min(size_, height - y0);
    for (int j = j0; j < j1; ++j) {
        std::uint32_t* line = target.pixels + (y0 + j) * target.stride + x0;
        const std::uint32_t* row = source + static_cast<std::size_t>(j * size_);
        for (int i = i0; i < i1; ++i) {
            const std::uint32_t pixel = row[i];
            const std::uint32_t alpha = pixel >> 24;
            if (alpha == 255)
                line[i] = pixel;
            else if (alpha != 0)
                line[i] = pixel + scaled(line[i], 255u - alpha);
        }
    }
}

} // namespace shelfscope::ui
