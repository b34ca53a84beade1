#include "train/FusedDotAdam.h"

#include "model/DotTerms.h"
#include "train/AdamKernels.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#if defined(__AVX__)
#include <immintrin.h>
#endif

namespace shelfscope {

namespace {

constexpr std::size_t kLineFloats = 64 / sizeof(float);

/// The settled-through step kept in a row's float slot, bit for bit. A float store, not a
/// memcpy: the compiler may then keep the loop's other values in registers across it.
std::int32_t settledStep(const float* slot) {
    return std::bit_cast<std::int32_t>(*slot);
}
void setSettledStep(float* slot, std::int32_t step) {
    *slot = std::bit_cast<float>(step);
}

/// Calls body(std::integral_constant<std::size_t, D>) with D = dim for the notebook's size (the
/// loops over a row then unroll), and with D = 0 (size known at run time) for the others.
template <typename Body> void withDim(std::size_t dim, Body&& body) {
    if (dim == 5)
        return body(std::integral_constant<std::size_t, 5>{});
    return body(std::integral_constant<std::size_t, 0>{});
}

#if defined(__AVX__)
// Rows of 5 a vector register at a time: the square roots and divisions are what a step
// mostly waits on, five scalar ones per row where one vector one does. A row of 5 is
// [w0..w4 m0..m4 v0..v4 step], one 64-byte line; loads of 8 from w and from m stay in it, and
// stores go in that order so each fixes the lanes the one before wrote past its part.

__m256 loadFive(const float* at) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(at)), _mm_load_ss(at + 4), 1);
}

void storeFive(float* at, __m256 x) {
    _mm_storeu_ps(at, _mm256_castps256_ps128(x));
    _mm_store_ss(at + 4, _mm256_extractf128_ps(x, 1));
}

/// As the scalar settle loop: w -= move m / (sqrt(v) + eps); m *= decay1; v *= decay2.
void settleRowOfFive(float* row, float move, float decay1, float decay2, float epsilon) {
    const __m256 w = _mm256_loadu_ps(row);
    const __m256 m = _mm256_loadu_ps(row + 5);
    const __m256 v = loadFive(row + 10);
    const __m256 moved =
        w - _mm256_set1_ps(move) * m / (_mm256_sqrt_ps(v) + _mm256_set1_ps(epsilon));
    _mm256_storeu_ps(row, moved);
    _mm256_storeu_ps(row + 5, m * _mm256_set1_ps(decay1));
    storeFive(row + 10, v * _mm256_set1_ps(decay2));
}

/// As the scalar update loop (Adam's step on one row); g may be read 3 floats past its 5.
void updateRowOfFive(float* row, const float* g, const AdamStepScalars& s) {
    const __m256 w = _mm256_loadu_ps(row);
    const __m256 m = _mm256_loadu_ps(row + 5);
    const __m256 v = loadFive(row + 10);
    const __m256 gradient = _mm256_loadu_ps(g);
    const __m256 mj = _mm256_set1_ps(s.beta1) * m + _mm256_set1_ps(1.0f - s.beta1) * gradient;
    const __m256 vj =
        _mm256_set1_ps(s.beta2) * v + _mm256_set1_ps(1.0f - s.beta2) * (gradient * gradient);
    const __m256 moved =
        w - _mm256_set1_ps(s.stepSize) * mj / (_mm256_sqrt_ps(vj) + _mm256_set1_ps(s.epsilon));
    _mm256_storeu_ps(row, moved);
    _mm256_storeu_ps(row + 5, mj);
    storeFive(row + 10, vj);
}
#endif

} // namespace

bool FusedDotAdam::handles(const Model& model) {
    return model.kind() == ModelKind::Dot && !model.config().biases &&
           model.parameters().size() == 2;
}

FusedDotAdam::FusedDotAdam(Model& model, const AdamConfig& adam, float l2)
    : model_(model), adam_(adam), l2_(l2), schedule_(adam),
      dim_(static_cast<std::size_t>(model.config().dim)) {
    if (!handles(model))
        throw std::invalid_argument("the fused trainer takes the dot model without biases only");
    users_.stamp.assign(static_cast<std::size_t>(model.userRows()), -1);
    books_.stamp.assign(static_cast<std::size_t>(model.bookRows()), -1);
    constexpr std::int64_t kTabulated = 4096; // idle stretches; longer ones are computed
    settledFactors_.resize(kTabulated);
    for (std::int64_t k = 1; k < kTabulated; ++k)
        settledFactors_[static_cast<std::size_t>(k)] = {
            static_cast<float>(schedule_.skippedMoves(schedule_.settledFrom(), k)),
            static_cast<float>(schedule_.beta1Power(k)),
            static_cast<float>(schedule_.beta2Power(k)), 0.0f};
    allocate(users_, model.userEmbeddings());
    allocate(books_, model.bookEmbeddings());
}

FusedDotAdam::~FusedDotAdam() {
    std::free(users_.data);
    std::free(books_.data);
}

void FusedDotAdam::allocate(Table& table, const Matrix& values) {
    table.rows = static_cast<std::int32_t>(values.rows());
    table.stride = (3 * dim_ + 1 + kLineFloats - 1) / kLineFloats * kLineFloats;
    const std::size_t bytes = std::max<std::size_t>(1, static_cast<std::size_t>(table.rows)) *
                              table.stride * sizeof(float);
    table.data = static_cast<float*>(std::aligned_alloc(64, bytes));
    if (table.data == nullptr)
        throw std::bad_alloc();
    std::memset(table.data, 0, bytes); // moments 0, settled through step 0
    for (std::int32_t r = 0; r < table.rows; ++r)
        std::memcpy(table.row(r), values.row(r).data(), dim_ * sizeof(float));
}

void FusedDotAdam::settle(const Table& table, std::span<const std::int32_t> rows,
                          std::int64_t target) const {
    const std::size_t dim = dim_;
    const float epsilon = adam_.epsilon;
    const std::int64_t base = stepBase_;
    const auto settled = static_cast<std::int32_t>(target - base);
    const std::int64_t settledFrom = schedule_.settledFrom();
    const auto tableSize = static_cast<std::int64_t>(settledFactors_.size());
    withDim(dim, [&](auto size) {
        constexpr std::size_t D = decltype(size)::value;
        const std::size_t d = D == 0 ? dim : D;
        for (const std::int32_t r : rows) {
            float* p = table.row(r);
            const std::int64_t last = base + settledStep(p + 3 * d);
            if (last >= target)
                continue;
            const std::int64_t skipped = target - last;
            // The same float factors and element arithmetic as Adam's catch-up (adamSettle).
            float move, decay1, decay2;
            if (last >= settledFrom && skipped < tableSize) {
                const SettleFactors& f = settledFactors_[static_cast<std::size_t>(skipped)];
                move = f.move;
                decay1 = f.decay1;
                decay2 = f.decay2;
            } else {
                move = static_cast<float>(schedule_.skippedMoves(last, skipped));
                decay1 = static_cast<float>(schedule_.beta1Power(skipped));
                decay2 = static_cast<float>(schedule_.beta2Power(skipped));
            }
#if defined(__AVX__)
            if constexpr (D == 5)
                settleRowOfFive(p, move, decay1, decay2, epsilon);
            else
#endif
            {
                float* m = p + d;
                float* v = p + 2 * d;
                for (std::size_t j = 0; j < d; ++j) {
                    p[j] -= move * m[j] / (std::sqrt(v[j]) + epsilon);
                    m[j] *= decay1;
                    v[j] *= decay2;
                }
            }
            setSettledStep(p + 3 * d, settled);
        }
    });
}

void FusedDotAdam::update(Table& table, float stepSize) {
    const std::size_t dim = dim_;
    const AdamStepScalars scalars{adam_.beta1, adam_.beta2, stepSize, adam_.epsilon};
    const auto relative = static_cast<std::int32_t>(step_ - stepBase_);
    withDim(dim, [&](auto size) {
        constexpr std::size_t D = decltype(size)::value;
        const std::size_t d = D == 0 ? dim : D;
        for (std::size_t s = 0; s < table.distinct.size(); ++s) {
            float* p = table.row(table.distinct[s]);
            const float* g = table.gradients.data() + s * d;
#if defined(__AVX__)
            if constexpr (D == 5)
                updateRowOfFive(p, g, scalars);
            else
#endif
                adamStep(p, p + d, p + 2 * d, g, d, scalars); // the row's three parts in turn
            setSettledStep(p + 3 * d, relative);
        }
    });
}

double FusedDotAdam::step(const Batch& batch) {
    ++step_;
    const auto stepSize = static_cast<float>(CatchUpSchedule::stepSize(adam_, step_));
    collectDistinctRows(batch.users, users_.distinct, users_.slot, users_.stamp);
    collectDistinctRows(batch.books, books_.distinct, books_.slot, books_.stamp);
    settle(users_, users_.distinct, step_ - 1);
    settle(books_, books_.distinct, step_ - 1);

    // Zeroed, with a spare vector's width at the end for the row kernels' loads.
    users_.gradients.assign(users_.distinct.size() * dim_ + 8, 0.0f);
    books_.gradients.assign(books_.distinct.size() * dim_ + 8, 0.0f);
    const float n = batch.normalizer();
    const float decay = 2.0f * l2_ / n;
    const float offset = model_.globalOffset();
    double sumSquaredError = 0.0;
    double penalty = 0.0;
    // The dot model's arithmetic, DotModel::computeGradients' own.
    withDim(dim_, [&](auto size) {
        constexpr std::size_t D = decltype(size)::value;
        const std::size_t d = D == 0 ? dim_ : D;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const float* user = users_.row(batch.users[i]);
            const float* book = books_.row(batch.books[i]);
            const float error = offset + dotterms::dot(user, book, d) - batch.ratings[i];
            sumSquaredError += static_cast<double>(error) * error;
            const float scale = 2.0f * error / n;
            dotterms::addGradient(users_.gradients.data() +
                                      static_cast<std::size_t>(users_.slot[i]) * d,
                                  book, user, scale, decay, d);
            dotterms::addGradient(books_.gradients.data() +
                                      static_cast<std::size_t>(books_.slot[i]) * d,
                                  user, book, scale, decay, d);
            if (l2_ != 0.0f)
                penalty += static_cast<double>(l2_) / n *
                           (dotterms::squaredNorm(user, d) + dotterms::squaredNorm(book, d));
        }
    });
    const double objective = sumSquaredError / n + penalty;
    if (!std::isfinite(objective))
        return objective;
    update(users_, stepSize);
    update(books_, stepSize);
    return objective;
}

void FusedDotAdam::settleRows(ParameterAxis axis, std::span<const std::int32_t> rows,
                              std::int64_t throughStep) {
    settle(table(axis), rows, throughStep);
}

void FusedDotAdam::prefetchRows(ParameterAxis axis, std::span<const std::int32_t> rows) const {
    const Table& t = table(axis);
    // Rows start on a cache line: a row of d = 5 is one line, one request.
    const std::size_t usedBytes = (3 * dim_ + 1) * sizeof(float);
    for (const std::int32_t r : rows) {
        const char* bytes = reinterpret_cast<const char*>(t.row(r));
        for (std::size_t offset = 0; offset < usedBytes; offset += 64)
            __builtin_prefetch(bytes + offset);
    }
}

void FusedDotAdam::synchronize() {
    std::vector<std::int32_t> block;
    for (Table* t : {&users_, &books_}) {
        constexpr std::int32_t kBlock = 4096;
        for (std::int32_t first = 0; first < t->rows; first += kBlock) {
            block.resize(static_cast<std::size_t>(std::min(kBlock, t->rows - first)));
            for (std::size_t i = 0; i < block.size(); ++i)
                block[i] = first + static_cast<std::int32_t>(i);
            settle(*t, block, step_);
        }
    }
    rebaseSteps();
    for (std::size_t p = 0; p < 2; ++p) {
        const Table& t = p == 0 ? users_ : books_;
        Matrix& values = model_.parameters()[p].values;
        for (std::int32_t r = 0; r < t.rows; ++r)
            std::memcpy(values.row(r).data(), t.row(r), dim_ * sizeof(float));
    }
}

void FusedDotAdam::rebaseSteps() {
    // Every row is settled through step_ or beyond: counting from step_ keeps the counts small.
    for (Table* t : {&users_, &books_})
        for (std::int32_t r = 0; r < t->rows; ++r) {
            float* slot = t->row(r) + 3 * dim_;
            setSettledStep(slot, static_cast<std::int32_t>(stepBase_ + settledStep(slot) - step_));
        }
    stepBase_ = step_;
}

} // namespace shelfscope
