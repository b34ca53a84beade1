#pragma once

#include "train/Optimizer.h"

#include <cstdint>
#include <vector>

namespace shelfscope {

/// Step sizes and geometric sums for Adam's closed-form catch-up.
///
/// Keras' Adam at step n moves every parameter by -c_n * m_n / (sqrt(v_n) + eps), with
/// c_n = lr * sqrt(1 - beta2^n) / (1 - beta1^n). A row whose last gradient came at step s sees
/// m_{s+j} = beta1^j m_s and v_{s+j} = beta2^j v_s afterwards, so over the next k steps it moves
/// by -sum_{j=1..k} c_{s+j} beta1^j m_s / (beta2^{j/2} sqrt(v_s) + eps). Taking eps inside the
/// common factor (exact for eps = 0; eps is 1e-7 against sqrt(v) of 1e-4 and more) this is
/// -m_s / (sqrt(v_s) + eps) * sum_{j=1..k} r^j c_{s+j} with r = beta1 / sqrt(beta2) < 1.
/// With tail(n) = sum_{i>=n} r^(i-n) c_i, that sum is r * (tail(s+1) - r^k tail(s+k+1)), an O(1)
/// look-up. tail(n) is tabulated step by step up to n = 20000, where the bias corrections of
/// the first steps have long died out, and on a grid of every 512th step from there until c_n has
/// settled to lr (to 2e-10: beta1^n <= 1e-10 and beta2^n <= 2e-10), read by cubic interpolation
/// (tail(n) is as smooth there as sqrt(1 - beta2^n), and the grid's error is below 1e-7 of it);
/// after that, tail(n) = lr / (1 - r). For beta2 = 0.999 c_n settles by step 22,300, but for
/// beta2 = 0.999999 not before step 22 million.
class CatchUpSchedule {
public:
    /// Throws std::invalid_argument unless beta1 < sqrt(beta2).
    explicit CatchUpSchedule(const AdamConfig& config);

    /// c_n, the bias-corrected learning rate of step n (1, 2, ...).
    static double stepSize(const AdamConfig& config, std::int64_t n);

    /// sum_{j=1..k} r^j c_{s+j}: the factor of -m_s / (sqrt(v_s) + eps) over k idle steps.
    double skippedMoves(std::int64_t s, std::int64_t k) const {
        return ratio_ * (tail(s + 1) - power(ratioPowers_, k) * tail(s + k + 1));
    }
    /// From this step s on, skippedMoves(s, k) no longer depends on s (the step sizes have
    /// settled to the learning rate).
    std::int64_t settledFrom() const { return settledFrom_; }
    double beta1Power(std::int64_t k) const { return power(beta1Powers_, k); }
    double beta2Power(std::int64_t k) const { return power(beta2Powers_, k); }

private:
    double tail(std::int64_t n) const {
        if (n < static_cast<std::int64_t>(tail_.size()))
            return tail_[static_cast<std::size_t>(n)];
        return n < settledFrom_ ? interpolatedTail(n) : tailLimit_;
    }
    double interpolatedTail(std::int64_t n) const;
    /// base^k from two small tables, base^(256 hi) * base^lo: a table of every power would be
    /// half a megabyte for beta2 = 0.999, and a cache miss on each look-up.
    struct Powers {
        std::vector<double> low;  // base^j, j < 256
        std::vector<double> high; // base^(256 j), until it is below 1e-30
        double base = 0.0;
    };

    static double power(const Powers& table, std::int64_t k) {
        const auto high = static_cast<std::size_t>(k >> 8);
        if (high < table.high.size())
            return table.high[high] * table.low[static_cast<std::size_t>(k & 255)];
        return exactPower(table, k);
    }
    static double exactPower(const Powers& table, std::int64_t k);
    static void fillPowers(Powers& table, double base);

    static constexpr std::size_t kMaxHighPowers = 1024;
    /// Steps tabulated one by one (tail_ holds tail(0..kExactSteps)).
    static constexpr std::int64_t kExactSteps = 20000;
    /// The grid's spacing past them.
    static constexpr std::int64_t kGridStep = 512;

    double ratio_;
    double tailLimit_ = 0.0;
    std::int64_t settledFrom_ = 0;
    std::vector<double> tail_;
    /// tail(gridStart + i * kGridStep), from gridStart = kExactSteps - kGridStep (inside tail_,
    /// so every step past kExactSteps has a grid point behind it) to two points past settledFrom_.
    std::vector<double> grid_;
    Powers beta1Powers_;
    Powers beta2Powers_;
    Powers ratioPowers_;
};

} // namespace shelfscope
