#include "eval/Metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace shelfscope {

ErrorMetrics errorMetrics(std::span<const float> predictions, std::span<const float> truth,
                          bool clip, RatingScale scale) {
    if (predictions.size() != truth.size())
        throw std::invalid_argument("predictions and truth differ in length");
    ErrorMetrics metrics;
    metrics.count = static_cast<std::int64_t>(truth.size());
    if (truth.empty())
        return metrics;
    double squared = 0.0;
    double absolute = 0.0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        double predicted = predictions[i];
        if (clip)
            predicted = std::clamp(predicted, static_cast<double>(scale.min),
                                   static_cast<double>(scale.max));
        const double error = predicted - truth[i];
        squared += error * error;
        absolute += std::fabs(error);
    }
    const auto n = static_cast<double>(truth.size());
    metrics.mse = squared / n;
    metrics.rmse = std::sqrt(metrics.mse);
    metrics.mae = absolute / n;
    return metrics;
}

} // namespace shelfscope
