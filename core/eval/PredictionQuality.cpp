#include "eval/PredictionQuality.h"

#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace shelfscope {

namespace {

struct Moments {
    std::int64_t count = 0;
    double sum = 0.0;
    double sumSquares = 0.0;
    std::vector<float> values;
};

/// Nearest-rank quantile of sorted values.
float quantile(const std::vector<float>& sorted, double q) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

} // namespace

PredictionQuality assessPredictions(std::span<const float> predictions, const RatingRows& rows,
                                    const PredictionQualityConfig& config) {
    if (predictions.size() != rows.size())
        throw std::invalid_argument("assessPredictions: one prediction per rating is needed");
    if (!(config.residualBinWidth > 0.0) || !(config.residualLimit >= config.residualBinWidth))
        throw std::invalid_argument("assessPredictions: the residual bins need a width above 0 "
                                    "and a limit of at least one width");
    PredictionQuality quality;
    const auto binCount =
        static_cast<std::int64_t>(std::ceil(2.0 * config.residualLimit / config.residualBinWidth));
    for (std::int64_t i = 0; i < binCount; ++i) {
        const double low = -config.residualLimit + static_cast<double>(i) * config.residualBinWidth;
        quality.residuals.push_back({low, low + config.residualBinWidth, 0});
    }
    std::map<float, Moments> groups;
    double residualSum = 0.0;
    auto predicted = [&](std::size_t i) {
        const float p = predictions[i];
        return config.clip ? std::clamp(p, config.scale.min, config.scale.max) : p;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double p = predicted(i);
        Moments& group = groups[rows.ratings[i]];
        ++group.count;
        group.sum += p;
        group.sumSquares += p * p;
        group.values.push_back(static_cast<float>(p));
        const double residual = p - rows.ratings[i];
        residualSum += residual;
        auto bin = static_cast<std::int64_t>(
            std::floor((residual + config.residualLimit) / config.residualBinWidth));
        bin = std::clamp<std::int64_t>(bin, 0, binCount - 1);
        ++quality.residuals[static_cast<std::size_t>(bin)].count;
    }
    for (auto& [rating, m] : groups) {
        const double mean = m.sum / static_cast<double>(m.count);
        const double variance =
            std::max(0.0, m.sumSquares / static_cast<double>(m.count) - mean * mean);
        std::sort(m.values.begin(), m.values.end());
        quality.byRating.push_back({rating, m.count, mean, std::sqrt(variance),
                                    quantile(m.values, 0.05), quantile(m.values, 0.25),
                                    quantile(m.values, 0.5), quantile(m.values, 0.75),
                                    quantile(m.values, 0.95)});
    }
    quality.errors = errorMetrics(predictions, rows.ratings, config.clip, config.scale);
    quality.meanResidual = rows.size() == 0 ? 0.0 : residualSum / static_cast<double>(rows.size());

    // A seeded partial Fisher-Yates shuffle picks distinct rows, shown in row order.
    const std::size_t wanted =
        std::min(rows.size(), static_cast<std::size_t>(std::max(0, config.samples)));
    std::vector<std::size_t> picked;
    Random random(config.seed);
    std::map<std::size_t, std::size_t> swapped; // sparse view of the shuffled positions
    auto at = [&](std::size_t i) {
        const auto found = swapped.find(i);
        return found == swapped.end() ? i : found->second;
    };
    for (std::size_t i = 0; i < wanted; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(random.below(rows.size() - i));
        const std::size_t chosen = at(j);
        swapped[j] = at(i);
        picked.push_back(chosen);
    }
    std::sort(picked.begin(), picked.end());
    for (std::size_t i : picked)
        quality.samples.push_back(
            {rows.users[i], rows.books[i], rows.ratings[i], static_cast<float>(predicted(i))});
    return quality;
}

} // namespace shelfscope
