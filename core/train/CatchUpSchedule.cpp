#include "train/CatchUpSchedule.h"

#include <cmath>
#include <stdexcept>

namespace shelfscope {

CatchUpSchedule::CatchUpSchedule(const AdamConfig& config)
    : ratio_(config.beta1 / std::sqrt(static_cast<double>(config.beta2))) {
    if (!(ratio_ < 1.0))
        throw std::invalid_argument("Adam needs beta1 < sqrt(beta2)");
    constexpr std::int64_t kSettled = 20000;
    tailLimit_ = config.learningRate / (1.0 - ratio_);
    tail_.assign(kSettled + 2, 0.0);
    double next = tailLimit_;
    for (std::int64_t n = kSettled + 1; n >= 1; --n) {
        next = stepSize(config, n) + ratio_ * next;
        tail_[static_cast<std::size_t>(n)] = next;
    }
    // Powers reach below 1e-30 within the tables for the default betas; rows idle for longer
    // under betas closer to 1 still get an exact std::pow.
    fillPowers(beta1Powers_, config.beta1);
    fillPowers(beta2Powers_, config.beta2);
    fillPowers(ratioPowers_, ratio_);
}

double CatchUpSchedule::stepSize(const AdamConfig& config, std::int64_t n) {
    const auto steps = static_cast<double>(n);
    return config.learningRate *
           std::sqrt(1.0 - std::pow(static_cast<double>(config.beta2), steps)) /
           (1.0 - std::pow(static_cast<double>(config.beta1), steps));
}

double CatchUpSchedule::exactPower(const Powers& table, std::int64_t k) {
    return table.high.size() < kMaxHighPowers ? 0.0 : std::pow(table.base, static_cast<double>(k));
}

void CatchUpSchedule::fillPowers(Powers& table, double base) {
    table.base = base;
    double value = 1.0;
    for (int j = 0; j < 256; ++j, value *= base)
        table.low.push_back(value);
    const double stride = value; // base^256
    value = 1.0;
    while (value > 1e-30 && table.high.size() < kMaxHighPowers) {
        table.high.push_back(value);
        value *= stride;
    }
}

} // namespace shelfscope
