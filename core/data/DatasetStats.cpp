#include "data/DatasetStats.h"

#include <algorithm>

namespace shelfscope {

std::vector<std::int64_t> countPerIndex(const std::vector<std::int32_t>& indices,
                                        std::int32_t groups) {
    std::vector<std::int64_t> counts(static_cast<std::size_t>(groups), 0);
    for (std::int32_t index : indices)
        ++counts[static_cast<std::size_t>(index)];
    return counts;
}

CountSummary summarizeCounts(std::vector<std::int64_t> counts) {
    CountSummary summary;
    if (counts.empty())
        return summary;
    std::sort(counts.begin(), counts.end());
    const std::size_t n = counts.size();
    summary.min = counts.front();
    summary.max = counts.back();
    summary.median =
        n % 2 == 1
            ? static_cast<double>(counts[n / 2])
            : (static_cast<double>(counts[n / 2 - 1]) + static_cast<double>(counts[n / 2])) / 2.0;
    double sum = 0.0;
    for (std::int64_t c : counts)
        sum += static_cast<double>(c);
    summary.mean = sum / static_cast<double>(n);
    return summary;
}

std::vector<CountBin> binCounts(const std::vector<std::int64_t>& counts, int maxBins) {
    if (counts.empty() || maxBins < 1)
        return {};
    const auto [lowest, highest] = std::minmax_element(counts.begin(), counts.end());
    const std::int64_t span = *highest - *lowest + 1;
    const std::int64_t width = (span + maxBins - 1) / maxBins;
    const std::int64_t binCount = (span + width - 1) / width;
    std::vector<CountBin> bins(static_cast<std::size_t>(binCount));
    for (std::int64_t i = 0; i < binCount; ++i) {
        bins[static_cast<std::size_t>(i)].low = *lowest + i * width;
        bins[static_cast<std::size_t>(i)].high = *lowest + (i + 1) * width - 1;
    }
    for (std::int64_t count : counts)
        ++bins[static_cast<std::size_t>((count - *lowest) / width)].groups;
    return bins;
}

RatingSpread describeRatings(const RatingTable& table) {
    RatingSpread spread;
    spread.histogram = histogramOf(table.rating);
    spread.perUser = summarizeCounts(countPerIndex(table.userIndex, table.userCount()));
    spread.perBook = summarizeCounts(countPerIndex(table.bookIndex, table.bookCount()));
    double sum = 0.0;
    for (float r : table.rating)
        sum += r;
    spread.meanRating = table.size() == 0 ? 0.0 : sum / static_cast<double>(table.size());
    return spread;
}

} // namespace shelfscope
