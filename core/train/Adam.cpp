#include "model/PrefetchRows.h"
#include "train/AdamKernels.h"
#include "train/CatchUpSchedule.h"
#include "train/Optimizer.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <type_traits>

namespace shelfscope {

namespace {

/// Copies a short row. std::copy_n of a run-time length becomes a call to memmove, which costs
/// more than the copy for rows of 5 floats; fixed-size pieces compile to plain moves.
void copyFloats(const float* from, std::size_t count, float* to) {
    std::size_t i = 0;
    for (; i + 8 <= count; i += 8)
        std::memcpy(to + i, from + i, 8 * sizeof(float));
    if (count - i >= 4) {
        std::memcpy(to + i, from + i, 4 * sizeof(float));
        i += 4;
    }
    if (count - i >= 2) {
        std::memcpy(to + i, from + i, 2 * sizeof(float));
        i += 2;
    }
    if (count - i == 1)
        to[i] = from[i];
}

/// Copies a row of `Dim` floats, or of `count` when Dim is 0: a size known when compiling
/// becomes a few plain moves, where a run-time one costs a call and a chain of branches per row.
template <std::size_t Dim> void copyRow(const float* from, std::size_t count, float* to) {
    if constexpr (Dim == 0)
        copyFloats(from, count, to);
    else
        std::memcpy(to, from, Dim * sizeof(float));
}

/// Calls body(std::integral_constant<std::size_t, D>) with D = dim for the common embedding
/// sizes, and with D = 0 (size known at run time only) for the others.
template <typename Body> void withRowSize(std::size_t dim, Body&& body) {
    switch (dim) {
    case 5:
        return body(std::integral_constant<std::size_t, 5>{});
    case 8:
        return body(std::integral_constant<std::size_t, 8>{});
    case 16:
        return body(std::integral_constant<std::size_t, 16>{});
    case 32:
        return body(std::integral_constant<std::size_t, 32>{});
    case 64:
        return body(std::integral_constant<std::size_t, 64>{});
    case 128:
        return body(std::integral_constant<std::size_t, 128>{});
    default:
        return body(std::integral_constant<std::size_t, 0>{});
    }
}

/// A step's rows of one table (weights and both moments) copied into flat arrays, for the
/// vectorised kernels, and copied back afterwards.
struct GatheredRows {
    std::vector<float> p, m, v, g, move, decay1, decay2;
    std::vector<std::int32_t> stale;

    void gather(const Matrix& values, const Matrix& moments, std::span<const std::int32_t> rows) {
        const auto dim = static_cast<std::size_t>(values.cols());
        const std::size_t n = rows.size() * dim;
        p.resize(n);
        m.resize(n);
        v.resize(n);
        withRowSize(dim, [&](auto size) {
            constexpr std::size_t Dim = decltype(size)::value;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const float* weights = values.row(rows[i]).data();
                const float* both = moments.row(rows[i]).data();
                copyRow<Dim>(weights, dim, p.data() + i * dim);
                copyRow<Dim>(both, dim, m.data() + i * dim);
                copyRow<Dim>(both + dim, dim, v.data() + i * dim);
            }
        });
    }

    void scatter(Matrix& values, Matrix& moments, std::span<const std::int32_t> rows) const {
        const auto dim = static_cast<std::size_t>(values.cols());
        withRowSize(dim, [&](auto size) {
            constexpr std::size_t Dim = decltype(size)::value;
            for (std::size_t i = 0; i < rows.size(); ++i) {
                float* both = moments.row(rows[i]).data();
                copyRow<Dim>(p.data() + i * dim, dim, values.row(rows[i]).data());
                copyRow<Dim>(m.data() + i * dim, dim, both);
                copyRow<Dim>(v.data() + i * dim, dim, both + dim);
            }
        });
    }
};

/// Scratch per thread: the parallel trainer settles and updates disjoint rows concurrently.
GatheredRows& scratchRows() {
    thread_local GatheredRows rows;
    return rows;
}

class Adam final : public Optimizer, public LazyRows {
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
            if (p.axis == ParameterAxis::Dense) {
                state.m.setZero(p.values.rows(), p.values.cols());
                state.v.setZero(p.values.rows(), p.values.cols());
            } else {
                // A row's two moments and its last step side by side, padded to whole cache
                // lines: settling or updating a row of 5 then touches one line, not four.
                state.stepSlot = 2 * p.values.cols();
                const Eigen::Index used = state.stepSlot + kStepFloats;
                state.m.setZero(p.values.rows(),
                                (used + kLineFloats - 1) / kLineFloats * kLineFloats);
            }
            states_.push_back(std::move(state));
        }
    }

    void beginStep() override {
        ++step_;
        stepSize_ = static_cast<float>(CatchUpSchedule::stepSize(config_, step_));
    }

    LazyRows* lazyRows() override { return rows_ == AdamRows::DenseEquivalent ? this : nullptr; }

    void prepareRows(std::size_t index, Parameter& parameter,
                     std::span<const std::int32_t> rows) override {
        catchUp(states_[index], parameter, rows, step_ - 1);
    }

    void settleRows(std::size_t index, Parameter& parameter, std::span<const std::int32_t> rows,
                    std::int64_t throughStep) override {
        catchUp(states_[index], parameter, rows, throughStep);
    }

    void prefetchRows(std::size_t index, std::span<const std::int32_t> rows) const override {
        const State& state = states_[index];
        if (state.stepSlot == 0)
            return;
        prefetchTableRows(state.m, rows,
                          static_cast<std::size_t>(state.stepSlot + kStepFloats) * sizeof(float));
    }

    void applyRows(std::size_t index, Parameter& parameter, std::span<const std::int32_t> rows,
                   const Eigen::Ref<const Matrix>& grad) override {
        State& state = states_[index];
        const Eigen::Index dim = parameter.values.cols();
        if (rows_ == AdamRows::DenseReference) {
            Matrix full = Matrix::Zero(parameter.values.rows(), dim);
            for (std::size_t i = 0; i < rows.size(); ++i)
                full.row(rows[i]) += grad.row(static_cast<Eigen::Index>(i));
            Matrix m = state.m.leftCols(dim);
            Matrix v = state.m.middleCols(dim, dim);
            update(m, v, parameter.values, full);
            state.m.leftCols(dim) = m;
            state.m.middleCols(dim, dim) = v;
            return;
        }
        GatheredRows& gathered = scratchRows();
        gathered.gather(parameter.values, state.m, rows);
        const auto count = rows.size() * static_cast<std::size_t>(dim);
        const float* flatGrad = grad.data(); // the trainer's gradient rows are contiguous
        if (grad.rows() > 1 && grad.outerStride() != dim) {
            gathered.g.resize(count);
            for (std::size_t i = 0; i < rows.size(); ++i)
                copyFloats(grad.row(static_cast<Eigen::Index>(i)).data(),
                           static_cast<std::size_t>(dim),
                           gathered.g.data() + i * static_cast<std::size_t>(dim));
            flatGrad = gathered.g.data();
        }
        adamStep(gathered.p.data(), gathered.m.data(), gathered.v.data(), flatGrad, count,
                 scalars());
        gathered.scatter(parameter.values, state.m, rows);
        for (const std::int32_t row : rows)
            state.setLastStep(row, step_);
    }

    void applyDense(std::size_t index, Parameter& parameter, const Matrix& grad) override {
        update(states_[index].m, states_[index].v, parameter.values, grad);
    }

    void synchronize(std::vector<Parameter>& parameters) override {
        std::vector<std::int32_t> block;
        for (std::size_t index = 0; index < parameters.size(); ++index) {
            if (parameters[index].axis == ParameterAxis::Dense)
                continue;
            const auto rowCount = static_cast<std::int32_t>(parameters[index].values.rows());
            for (std::int32_t first = 0; first < rowCount; first += kSyncBlock) {
                block.resize(static_cast<std::size_t>(std::min(kSyncBlock, rowCount - first)));
                std::iota(block.begin(), block.end(), first);
                catchUp(states_[index], parameters[index], block, step_);
            }
        }
    }

    std::int64_t step() const override { return step_; }

private:
    struct State {
        Matrix m; // of an embedding table: each row holds its first moments, then its second
        Matrix v; // dense parameters only
        Eigen::Index stepSlot = 0; // of an embedding table: where in m's rows the last step is

        /// The step of a row's last update, kept in its moments' row after the moments.
        std::int64_t lastStep(std::int32_t row) const {
            std::int64_t step = 0;
            std::memcpy(&step, m.row(row).data() + stepSlot, sizeof step);
            return step;
        }
        void setLastStep(std::int32_t row, std::int64_t step) {
            std::memcpy(m.row(row).data() + stepSlot, &step, sizeof step);
        }
    };

    static constexpr std::int32_t kSyncBlock = 4096;
    static constexpr Eigen::Index kStepFloats = sizeof(std::int64_t) / sizeof(float);
    static constexpr Eigen::Index kLineFloats = 64 / sizeof(float);

    AdamStepScalars scalars() const {
        return {config_.beta1, config_.beta2, stepSize_, config_.epsilon};
    }

    void update(Matrix& m, Matrix& v, Matrix& p, const Matrix& g) const {
        adamStep(p.data(), m.data(), v.data(), g.data(), static_cast<std::size_t>(p.size()),
                 scalars());
    }

    /// Settles the moves these distinct rows would have made up to step `target`. Rows already
    /// there (settled ahead by another thread, or touched by the previous step) are left alone.
    void catchUp(State& state, Parameter& parameter, std::span<const std::int32_t> rows,
                 std::int64_t target) const {
        const auto dim = static_cast<std::size_t>(parameter.values.cols());
        GatheredRows& gathered = scratchRows();
        std::vector<std::int32_t>& stale = gathered.stale;
        stale.clear();
        for (const std::int32_t row : rows)
            if (state.lastStep(row) < target)
                stale.push_back(row);
        if (stale.empty())
            return;
        gathered.gather(parameter.values, state.m, stale);
        const std::size_t count = stale.size() * dim;
        gathered.move.resize(count);
        gathered.decay1.resize(count);
        gathered.decay2.resize(count);
        withRowSize(dim, [&](auto size) {
            constexpr std::size_t Dim = decltype(size)::value;
            const std::size_t length = Dim == 0 ? dim : Dim;
            for (std::size_t i = 0; i < stale.size(); ++i) {
                const std::int64_t skipped = target - state.lastStep(stale[i]);
                state.setLastStep(stale[i], target);
                std::fill_n(gathered.move.data() + i * length, length,
                            static_cast<float>(schedule_.skippedMoves(target - skipped, skipped)));
                std::fill_n(gathered.decay1.data() + i * length, length,
                            static_cast<float>(schedule_.beta1Power(skipped)));
                std::fill_n(gathered.decay2.data() + i * length, length,
                            static_cast<float>(schedule_.beta2Power(skipped)));
            }
        });
        adamSettle(gathered.p.data(), gathered.m.data(), gathered.v.data(), gathered.move.data(),
                   gathered.decay1.data(), gathered.decay2.data(), count, config_.epsilon);
        gathered.scatter(parameter.values, state.m, stale);
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
