#include "train/Optimizer.h"

#include <cmath>
#include <stdexcept>

namespace shelfscope {

namespace {

/// Step sizes and geometric sums for Adam's closed-form catch-up.
///
/// Keras' Adam at step n moves every parameter by -c_n * m_n / (sqrt(v_n) + eps), with
/// c_n = lr * sqrt(1 - beta2^n) / (1 - beta1^n). A row whose last gradient came at step s sees
/// m_{s+j} = beta1^j m_s and v_{s+j} = beta2^j v_s afterwards, so over the next k steps it moves
/// by -sum_{j=1..k} c_{s+j} beta1^j m_s / (beta2^{j/2} sqrt(v_s) + eps). Taking eps inside the
/// common factor (exact for eps = 0; eps is 1e-7 against sqrt(v) of 1e-4 and more) this is
/// -m_s / (sqrt(v_s) + eps) * sum_{j=1..k} r^j c_{s+j} with r = beta1 / sqrt(beta2) < 1.
/// With tail(n) = sum_{i>=n} r^(i-n) c_i, that sum is r * (tail(s+1) - r^k tail(s+k+1)), an O(1)
/// look-up. c_n reaches lr to 1e-9 by n = 20000, after which tail(n) = lr / (1 - r).
class CatchUpSchedule {
public:
    explicit CatchUpSchedule(const AdamConfig& c)
        : beta1_(c.beta1), beta2_(c.beta2),
          ratio_(c.beta1 / std::sqrt(static_cast<double>(c.beta2))) {
        if (!(ratio_ < 1.0))
            throw std::invalid_argument("Adam needs beta1 < sqrt(beta2)");
        constexpr std::int64_t kSettled = 20000;
        tailLimit_ = c.learningRate / (1.0 - ratio_);
        tail_.assign(kSettled + 2, 0.0);
        double next = tailLimit_;
        for (std::int64_t n = kSettled + 1; n >= 1; --n) {
            next = stepSize(c, n) + ratio_ * next;
            tail_[static_cast<std::size_t>(n)] = next;
        }
        // Tables long enough that the power beyond them is below 1e-30 for the default betas;
        // rows idle for longer (readers with few ratings) still get an exact std::pow.
        fillPowers(beta1Powers_, beta1_);
        fillPowers(beta2Powers_, beta2_);
        fillPowers(ratioPowers_, ratio_);
    }

    static double stepSize(const AdamConfig& c, std::int64_t n) {
        const auto steps = static_cast<double>(n);
        return c.learningRate * std::sqrt(1.0 - std::pow(static_cast<double>(c.beta2), steps)) /
               (1.0 - std::pow(static_cast<double>(c.beta1), steps));
    }

    /// sum_{j=1..k} r^j c_{s+j}
    double skippedMoves(std::int64_t s, std::int64_t k) const {
        return ratio_ * (tail(s + 1) - power(ratioPowers_, ratio_, k) * tail(s + k + 1));
    }
    double beta1Power(std::int64_t k) const { return power(beta1Powers_, beta1_, k); }
    double beta2Power(std::int64_t k) const { return power(beta2Powers_, beta2_, k); }

private:
    double tail(std::int64_t n) const {
        return n < static_cast<std::int64_t>(tail_.size()) ? tail_[static_cast<std::size_t>(n)]
                                                           : tailLimit_;
    }
    static double power(const std::vector<double>& table, double base, std::int64_t k) {
        if (k < static_cast<std::int64_t>(table.size()))
            return table[static_cast<std::size_t>(k)];
        return table.size() < (std::size_t{1} << 18) ? 0.0 : std::pow(base, static_cast<double>(k));
    }

    static void fillPowers(std::vector<double>& table, double base) {
        double value = 1.0;
        while (value > 1e-30 && table.size() < (std::size_t{1} << 18)) {
            table.push_back(value);
            value *= base;
        }
    }

    double beta1_;
    double beta2_;
    double ratio_;
    double tailLimit_ = 0.0;
    std::vector<double> tail_;
    std::vector<double> beta1Powers_;
    std::vector<double> beta2Powers_;
    std::vector<double> ratioPowers_;
};

class Adam : public Optimizer {
public:
    Adam(const AdamConfig& config, AdamRows rows)
        : config_(config), rows_(rows), schedule_(config) {
        if (!(config.learningRate > 0.0f) || !(config.beta1 >= 0.0f && config.beta1 < 1.0f) ||
            !(config.beta2 > 0.0f && config.beta2 < 1.0f) || !(config.epsilon > 0.0f))
            throw std::invalid_argument(
                "Adam needs lr > 0, 0 <= beta1 < 1, 0 < beta2 < 1, eps > 0");
    }

    void attach(const std::vector<Parameter>& parameters) override {
        states_.clear();
        step_ = 0;
        for (const Parameter& p : parameters) {
            State state;
            state.m.setZero(p.values.rows(), p.values.cols());
            state.v.setZero(p.values.rows(), p.values.cols());
            if (p.axis != ParameterAxis::Dense)
                state.lastStep.assign(static_cast<std::size_t>(p.values.rows()), 0);
            states_.push_back(std::move(state));
        }
    }

    void beginStep() override {
        ++step_;
        stepSize_ = static_cast<float>(CatchUpSchedule::stepSize(config_, step_));
    }

    void prepareRows(std::size_t index, Parameter& parameter,
                     std::span<const std::int32_t> rows) override {
        if (rows_ != AdamRows::DenseEquivalent)
            return;
        for (std::int32_t row : rows)
            catchUp(states_[index], parameter, row, step_ - 1);
    }

    void applyRows(std::size_t index, Parameter& parameter, std::span<const std::int32_t> rows,
                   const Eigen::Ref<const Matrix>& grad) override {
        State& state = states_[index];
        if (rows_ == AdamRows::DenseReference) {
            Matrix full = Matrix::Zero(parameter.values.rows(), parameter.values.cols());
            for (std::size_t i = 0; i < rows.size(); ++i)
                full.row(rows[i]) += grad.row(static_cast<Eigen::Index>(i));
            update(state.m, state.v, parameter.values, full);
            return;
        }
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::int32_t row = rows[i];
            auto m = state.m.row(row);
            auto v = state.v.row(row);
            auto p = parameter.values.row(row);
            const auto g = grad.row(static_cast<Eigen::Index>(i));
            m = config_.beta1 * m + (1.0f - config_.beta1) * g;
            v = config_.beta2 * v + (1.0f - config_.beta2) * g.cwiseAbs2();
            p.array() -= stepSize_ * m.array() / (v.array().sqrt() + config_.epsilon);
            state.lastStep[static_cast<std::size_t>(row)] = step_;
        }
    }

    void applyDense(std::size_t index, Parameter& parameter, const Matrix& grad) override {
        update(states_[index].m, states_[index].v, parameter.values, grad);
    }

    void synchronize(std::vector<Parameter>& parameters) override {
        if (rows_ != AdamRows::DenseEquivalent)
            return;
        for (std::size_t index = 0; index < parameters.size(); ++index) {
            if (parameters[index].axis == ParameterAxis::Dense)
                continue;
            for (Eigen::Index row = 0; row < parameters[index].values.rows(); ++row)
                catchUp(states_[index], parameters[index], static_cast<std::int32_t>(row), step_);
        }
    }

    std::int64_t step() const override { return step_; }

private:
    struct State {
        Matrix m;
        Matrix v;
        std::vector<std::int64_t> lastStep; // per row of an embedding table
    };

    void update(Matrix& m, Matrix& v, Matrix& p, const Matrix& g) const {
        m = config_.beta1 * m + (1.0f - config_.beta1) * g;
        v = config_.beta2 * v + (1.0f - config_.beta2) * g.cwiseAbs2();
        p.array() -= stepSize_ * m.array() / (v.array().sqrt() + config_.epsilon);
    }

    void catchUp(State& state, Parameter& parameter, std::int32_t row, std::int64_t target) const {
        std::int64_t& last = state.lastStep[static_cast<std::size_t>(row)];
        const std::int64_t skipped = target - last;
        if (skipped <= 0)
            return;
        const auto move = static_cast<float>(schedule_.skippedMoves(last, skipped));
        auto m = state.m.row(row);
        auto v = state.v.row(row);
        parameter.values.row(row).array() -=
            move * m.array() / (v.array().sqrt() + config_.epsilon);
        m *= static_cast<float>(schedule_.beta1Power(skipped));
        v *= static_cast<float>(schedule_.beta2Power(skipped));
        last = target;
    }

    AdamConfig config_;
    AdamRows rows_;
    CatchUpSchedule schedule_;
    std::vector<State> states_;
    std::int64_t step_ = 0;
    float stepSize_ = 0.0f;
};

} // namespace

std::unique_ptr<Optimizer> makeAdam(const AdamConfig& config, AdamRows rows) {
    return std::make_unique<Adam>(config, rows);
}

} // namespace shelfscope
