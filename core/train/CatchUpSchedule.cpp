#include "train/CatchUpSchedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace shelfscope {

namespace {

/// The first step n >= from with base^n <= limit.
std::int64_t firstStepBelow(double base, double limit, std::int64_t from) {
    if (base <= 0.0)
        return from;
    const double steps = std::ceil(std::log(limit) / std::log(base));
    return std::max(from, static_cast<std::int64_t>(steps));
}

} // namespace

CatchUpSchedule::CatchUpSchedule(const AdamConfig& config)
    : ratio_(config.beta1 / std::sqrt(static_cast<double>(config.beta2))) {
    if (!(ratio_ < 1.0))
        throw std::invalid_argument("Adam needs beta1 < sqrt(beta2)");
    const auto beta1 = static_cast<double>(config.beta1);
    const auto beta2 = static_cast<double>(config.beta2);
    tailLimit_ = config.learningRate / (1.0 - ratio_);
    settledFrom_ = std::max(firstStepBelow(beta1, 1e-10, kExactSteps + 1),
                            firstStepBelow(beta2, 2e-10, kExactSteps + 1));
    const std::int64_t gridStart = kExactSteps - kGridStep;
    const std::int64_t gridPoints = (settledFrom_ - gridStart) / kGridStep + 3;
    const std::int64_t top = gridStart + (gridPoints - 1) * kGridStep;
    tail_.assign(kExactSteps + 1, 0.0);
    grid_.assign(static_cast<std::size_t>(gridPoints), 0.0);

    // tail(n) = c_n + r tail(n + 1), from the settled limit at the top down to step 1. The
    // powers of the betas come from an exact std::pow every 256 steps and a table between.
    constexpr std::int64_t kBlock = 256;
    std::vector<double> beta1Steps(kBlock), beta2Steps(kBlock);
    for (std::int64_t j = 0; j < kBlock; ++j) {
        beta1Steps[static_cast<std::size_t>(j)] = std::pow(beta1, static_cast<double>(j));
        beta2Steps[static_cast<std::size_t>(j)] = std::pow(beta2, static_cast<double>(j));
    }
    const double rate = config.learningRate;
    double next = tailLimit_;
    for (std::int64_t block = top / kBlock * kBlock; block >= 0; block -= kBlock) {
        const double beta1Block = std::pow(beta1, static_cast<double>(block));
        const double beta2Block = std::pow(beta2, static_cast<double>(block));
        for (std::int64_t n = std::min(top, block + kBlock - 1);
             n >= std::max<std::int64_t>(block, 1); --n) {
            const auto j = static_cast<std::size_t>(n - block);
            const double stepSize = rate * std::sqrt(1.0 - beta2Block * beta2Steps[j]) /
                                    (1.0 - beta1Block * beta1Steps[j]);
            next = stepSize + ratio_ * next;
            if (n <= kExactSteps)
                tail_[static_cast<std::size_t>(n)] = next;
            if (n >= gridStart && (n - gridStart) % kGridStep == 0)
                grid_[static_cast<std::size_t>((n - gridStart) / kGridStep)] = next;
        }
    }
    // Powers reach below 1e-30 within the tables for the default betas; rows idle for longer
    // under betas closer to 1 still get an exact std::pow.
    fillPowers(beta1Powers_, config.beta1);
    fillPowers(beta2Powers_, config.beta2);
    fillPowers(ratioPowers_, ratio_);
}

double CatchUpSchedule::interpolatedTail(std::int64_t n) const {
    // Cubic through the grid points around n: i - 1, i, i + 1, i + 2 with n in [i, i + 1).
    const std::int64_t offset = n - (kExactSteps - kGridStep);
    const auto i = static_cast<std::size_t>(offset / kGridStep);
    const double t = static_cast<double>(offset % kGridStep) / static_cast<double>(kGridStep);
    const double before = grid_[i - 1], at = grid_[i], after = grid_[i + 1], then = grid_[i + 2];
    return -t * (t - 1.0) * (t - 2.0) / 6.0 * before +
           (t + 1.0) * (t - 1.0) * (t - 2.0) / 2.0 * at - (t + 1.0) * t * (t - 2.0) / 2.0 * after +
           (t + 1.0) * t * (t - 1.0) / 6.0 * then;
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
