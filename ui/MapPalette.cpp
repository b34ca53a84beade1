#include "MapPalette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace shelfscope::ui::palette {

const std::vector<QColor>& categorical() {
    static const std::vector<QColor> colours{
        QColor(0x4e79a7), QColor(0xf28e2b), QColor(0xe15759), QColor(0x76b7b2), QColor(0x59a14f),
        QColor(0xedc948), QColor(0xb07aa1), QColor(0xff9da7), QColor(0x9c755f), QColor(0xa0cbe8),
        QColor(0xffbe7d), QColor(0xff9d9a), QColor(0x86bcb6), QColor(0x8cd17d), QColor(0xb6992d),
        QColor(0xd4a6c8), QColor(0xfabfd2), QColor(0xd7b5a6), QColor(0x79706e), QColor(0x499894)};
    return colours;
}

QColor category(int k) {
    const auto& colours = categorical();
    const auto n = static_cast<int>(colours.size());
    return colours[static_cast<std::size_t>(((k % n) + n) % n)];
}

QColor viridis(double t) {
    static constexpr std::array<unsigned, 10> samples{0x440154, 0x482878, 0x3e4a89, 0x31688e,
                                                      0x26828e, 0x1f9e89, 0x35b779, 0x6dcd59,
                                                      0xb4de2c, 0xfde725};
    if (!(t >= 0.0)) // also NaN
        t = 0.0;
    const double at = std::min(t, 1.0) * (samples.size() - 1);
    const auto low = std::min(static_cast<std::size_t>(at), samples.size() - 2);
    const double f = at - static_cast<double>(low);
    const QColor a(samples[low]), b(samples[low + 1]);
    const auto mix = [f](int p, int q) { return static_cast<int>(std::lround(p + (q - p) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QColor stars(int stars) {
    static constexpr std::array<unsigned, 5> colours{0xd7191c, 0xf4a143, 0xc9b52d, 0x6baed6,
                                                     0x2166ac};
    if (stars < 1 || stars > 5)
        return missing();
    return QColor(colours[static_cast<std::size_t>(stars - 1)]);
}

QColor missing() {
    return QColor(0xc4c4c4);
}

} // namespace shelfscope::ui::palette
