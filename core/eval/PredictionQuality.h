#pragma once

#include "data/RatingTable.h"
#include "eval/Baselines.h"
#include "eval/Metrics.h"

#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// How the predictions for the ratings of one value spread.
struct RatingGroupQuality {
    float rating = 0.0f;
    std::int64_t count = 0;
    double meanPrediction = 0.0;
    double predictionSpread = 0.0; ///< population standard deviation
    /// Quantiles of the predictions (nearest rank): 5%, 25%, 50%, 75%, 95%.
    float p05 = 0.0f;
    float q1 = 0.0f;
    float median = 0.0f;
    float q3 = 0.0f;
    float p95 = 0.0f;
};

/// Residuals (prediction - truth) in [low, high); the outer bins also take everything beyond.
struct ResidualBin {
    double low = 0.0;
    double high = 0.0;
    std::int64_t count = 0;
};

/// One test rating with its prediction, in model-row space.
struct PredictionSample {
    std::int32_t userRow = 0;
    std::int32_t bookRow = 0;
    float truth = 0.0f;
    float prediction = 0.0f;
};

struct PredictionQualityConfig {
    double residualBinWidth = 0.25;
    double residualLimit = 4.0; ///< bins cover [-limit, limit]
    int samples = 10;           ///< test pairs picked at random (seeded) for display
    std::uint64_t seed = 42;
    bool clip = false; ///< clamp predictions to the scale first, as evaluation can
    RatingScale scale;
};

/// What a model's test predictions look like, beyond one error figure.
struct PredictionQuality {
    std::vector<RatingGroupQuality> byRating; ///< ascending rating, only values that occur
    std::vector<ResidualBin> residuals;
    std::vector<PredictionSample> samples;
    double meanResidual = 0.0;
    ErrorMetrics errors; ///< MSE, RMSE, MAE of the same predictions
};

/// predictions[i] belongs to rows' i-th rating.
PredictionQuality assessPredictions(std::span<const float> predictions, const RatingRows& rows,
                                    const PredictionQualityConfig& config = {});

} // namespace shelfscope
