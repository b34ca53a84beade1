#pragma once

#include "data/RatingTable.h"

#include <cstdint>
#include <span>

namespace shelfscope {

/// Error of predicted ratings against the truth.
struct ErrorMetrics {
    double mse = 0.0;
    double rmse = 0.0;
    double mae = 0.0;
    std::int64_t count = 0;
};

/// MSE, RMSE and MAE of predictions; with clip, predictions are first clamped to the scale.
ErrorMetrics errorMetrics(std::span<const float> predictions, std::span<const float> truth,
                          bool clip = false, RatingScale scale = {});

} // namespace shelfscope
