#pragma once

#include "eval/Metrics.h"

#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// Ratings in model-row space: the training or test part of a split.
struct RatingRows {
    std::vector<std::int32_t> users;
    std::vector<std::int32_t> books;
    std::vector<float> ratings;
    std::size_t size() const { return ratings.size(); }
};

/// The mean training rating, predicted for everything.
double globalMean(const RatingRows& train);

struct BiasBaselineConfig {
    double userRegularisation = 5.0; ///< lambda for user biases
    double bookRegularisation = 5.0; ///< lambda for book biases
    int iterations = 10;             ///< alternating least-squares sweeps
};

/// prediction = mean + user bias + book bias, biases fitted by regularised alternating least
/// squares (Koren's baseline predictor).
struct BiasBaseline {
    double mean = 0.0;
    std::vector<double> userBias;
    std::vector<double> bookBias;
    float predict(std::int32_t user, std::int32_t book) const;
};

BiasBaseline fitBiasBaseline(const RatingRows& train, std::int32_t userRows, std::int32_t bookRows,
                             const BiasBaselineConfig& config = {});

/// Error of a constant prediction and of the bias baseline on test rows.
ErrorMetrics evaluateConstant(double value, const RatingRows& test);
ErrorMetrics evaluateBiasBaseline(const BiasBaseline& baseline, const RatingRows& test);

} // namespace shelfscope
