#include "train/FusedDotAdam.h"

#include "model/DotTerms.h"
#include "train/AdamKernels.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

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
    const std::int64_t base = stepBase_;
    const auto settled = static_cast<std::int32_t>(target - base);
    const std::int64_t settledFrom = schedule_.settledFrom();
    const auto tableSize = static_cast<std::int64_t>(settledFactors_.size());
    // The stale rows' factors first, a few dozen at a time, then the kernel over them.
    constexpr std::size_t kChunk = 64;
    RowSettlement pending[kChunk];
    std::size_t count = 0;
    for (const std::int32_t r : rows) {
        float* p = table.row(r);
        const std::int64_t last = base + settledStep(p + 3 * dim);
        if (last >= target)
            continue;
        const std::int64_t skipped = target - last;
        // The same float factors as Adam's catch-up (adamSettle).
        RowSettlement& row = pending[count++];
        row.row = p;
        if (last >= settledFrom && skipped < tableSize) {
            const SettleFactors& f = settledFactors_[static_cast<std::size_t>(skipped)];
            row.move = f.move;
            row.decay1 = f.decay1;
            row.decay2 = f.decay2;
        } else {
            row.move = static_cast<float>(schedule_.skippedMoves(last, skipped));
            row.decay1 = static_cast<float>(schedule_.beta1Power(skipped));
            row.decay2 = static_cast<float>(schedule_.beta2Power(skipped));
        }
        setSettledStep(p + 3 * dim, settled); // past the kernel's reach, even for rows of 5
        if (count == kChunk) {
            adamSettleRows(pending, count, dim, adam_.epsilon);
            count = 0;
        }
    }
    adamSettleRows(pending, count, dim, adam_.epsilon);
}

void FusedDotAdam::update(Table& table, float stepSize) {
    const AdamStepScalars scalars{adam_.beta1, adam_.beta2, stepSize, adam_.epsilon};
    adamStepRows(table.data, table.stride, table.distinct.data(), table.distinct.size(),
                 table.gradients.data(), dim_, scalars);
    const auto relative = static_cast<std::int32_t>(step_ - stepBase_);
    for (const std::int32_t r : table.distinct)
        setSettledStep(table.row(r) + 3 * dim_, relative);
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
