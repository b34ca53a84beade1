#include "data/RatingTable.h"

#include <array>
#include <cmath>
#include <map>

namespace shelfscope {

std::int64_t RatingHistogram::total() const {
    std::int64_t sum = 0;
    for (const auto& [value, count] : counts)
        sum += count;
    return sum;
}

std::int64_t RatingHistogram::countOf(float value) const {
    for (const auto& [binValue, count] : counts)
        if (binValue == value)
            return count;
    return 0;
}

RatingHistogram histogramOf(const std::vector<float>& ratings) {
    constexpr int kHalfStepBins = 64; // 0, 0.5, ..., 31.5: every common scale
    std::array<std::int64_t, kHalfStepBins> halfSteps{};
    std::map<float, std::int64_t> others;
    for (float r : ratings) {
        const float twice = r * 2.0f;
        const auto bin = static_cast<int>(twice);
        if (bin >= 0 && bin < kHalfStepBins && static_cast<float>(bin) == twice)
            ++halfSteps[static_cast<std::size_t>(bin)];
        else
            ++others[r];
    }
    for (int bin = 0; bin < kHalfStepBins; ++bin)
        if (halfSteps[static_cast<std::size_t>(bin)] > 0)
            others[static_cast<float>(bin) / 2.0f] += halfSteps[static_cast<std::size_t>(bin)];
    RatingHistogram histogram;
    histogram.counts.assign(others.begin(), others.end());
    return histogram;
}

} // namespace shelfscope
