#include "train/ItemItemFit.h"

#include "io/DataError.h"
#include "util/ComputeThread.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>

// LAPACK through OpenBLAS (libopenblas-dev): Eigen's LLT on the portable SSE build took about
// 230 s for 10,000 books where OpenBLAS, which picks its kernels for the CPU at run time, takes
// a few seconds (tests/bench/ease_solve_benchmark.cpp; docs/BENCHMARKS.md for OpenBLAS,
// docs/BENCHMARKS-HISTORY.md for Eigen).
extern "C" {
void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info);
void spotri_(const char* uplo, const int* n, float* a, const int* lda, int* info);
void openblas_set_num_threads(int threads);
}

namespace shelfscope {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kStages = 4;
/// Readers, and rows of the weights, between two looks at the cancel flag (milliseconds).
constexpr std::int32_t kReaderBlock = 512;
constexpr std::int32_t kRowBlock = 256;

void checkCancel(const std::atomic<bool>& cancel) {
    if (cancel.load(std::memory_order_relaxed))
        throw OperationCancelled();
}

int blasThreads() {
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 2u));
}

} // namespace

const char* itemItemStageName(ItemItemStage stage) {
    switch (stage) {
    case ItemItemStage::Gram:
        return "gram";
    case ItemItemStage::Factorise:
        return "factorise";
    case ItemItemStage::Invert:
        return "invert";
    case ItemItemStage::Weights:
        return "weights";
    }
    return "?";
}

Matrix gramOf(const ReaderBooks& readers, std::int32_t books,
              const std::function<void(double)>& progress, const std::atomic<bool>& cancel) {
    Matrix gram = Matrix::Zero(books, books);
    const std::int32_t count = readers.readers();
    // Each thread adds the pairs whose first book's row it owns (rows split by parity), so no
    // two threads write one row; each reads every reader list.
    const auto addRows = [&](int part, int parts, bool reports) {
        for (std::int32_t first = 0; first < count; first += kReaderBlock) {
            if (cancel.load(std::memory_order_relaxed))
                return;
            const std::int32_t last = std::min(count, first + kReaderBlock);
            for (std::int32_t u = first; u < last; ++u) {
                const std::span<const std::int32_t> list = readers.of(u);
                for (std::int32_t a : list) {
                    if (a % parts != part)
                        continue;
                    float* row = gram.row(a).data();
                    for (std::int32_t b : list)
                        row[b] += 1.0f;
                }
            }
            if (reports && progress)
                progress(static_cast<double>(last) / count);
        }
    };
    const int parts = blasThreads();
    std::vector<std::thread> helpers;
    for (int part = 1; part < parts; ++part)
        helpers.push_back(startComputeThread([&, part] { addRows(part, parts, false); }));
    addRows(0, parts, true);
    for (std::thread& helper : helpers)
        helper.join();
    checkCancel(cancel);
    return gram;
}

void easeWeightsInPlace(Matrix& gram, float lambda, const std::function<void(ItemItemStage)>& stage,
                        const std::atomic<bool>& cancel) {
    const int n = static_cast<int>(gram.rows());
    gram.diagonal().array() += lambda;
    openblas_set_num_threads(blasThreads());
    // Row-major storage read as column-major is the transpose, the same symmetric matrix: 'L'
    // here is the upper triangle of `gram`.
    int info = 0;
    checkCancel(cancel);
    if (stage)
        stage(ItemItemStage::Factorise);
    spotrf_("L", &n, gram.data(), &n, &info);
    if (info != 0)
        throw std::runtime_error("EASE: X^T X + lambda I is not positive definite (LAPACK spotrf "
                                 "info " +
                                 std::to_string(info) + "); raise lambda");
    checkCancel(cancel);
    if (stage)
        stage(ItemItemStage::Invert);
    spotri_("L", &n, gram.data(), &n, &info);
    if (info != 0)
        throw std::runtime_error("EASE: the inverse failed (LAPACK spotri info " +
                                 std::to_string(info) + ")");
    checkCancel(cancel);
    if (stage)
        stage(ItemItemStage::Weights);
    // spotri left P in the upper triangle (row-major view): mirror it, then
    // B[j, i] = -P[j, i] / P[i, i], B[i, i] = 0.
    gram.triangularView<Eigen::StrictlyLower>() = gram.transpose();
    const Eigen::VectorXf inverseDiagonal = gram.diagonal().cwiseInverse();
    for (Eigen::Index j = 0; j < gram.rows(); ++j) {
        if (j % kRowBlock == 0)
            checkCancel(cancel);
        gram.row(j).array() *= -inverseDiagonal.transpose().array();
        gram(j, j) = 0.0f;
    }
}

ItemWeights knnWeights(const Matrix& gram, int neighbours, float shrink,
                       const std::function<void(double)>& progress,
                       const std::atomic<bool>& cancel) {
    const auto books = static_cast<std::int32_t>(gram.rows());
    const Eigen::VectorXf root = gram.diagonal().cwiseSqrt();
    ItemWeights w;
    w.books = books;
    w.neighbourOffsets.reserve(static_cast<std::size_t>(books) + 1);
    w.neighbourOffsets.push_back(0);
    std::vector<float> similarity(static_cast<std::size_t>(books));
    std::vector<std::int32_t> order(static_cast<std::size_t>(books));
    for (std::int32_t i = 0; i < books; ++i) {
        if (i % kRowBlock == 0) {
            checkCancel(cancel);
            if (progress)
                progress(static_cast<double>(i) / books);
        }
        std::int32_t candidates = 0;
        for (std::int32_t j = 0; j < books; ++j) {
            const float together = gram(i, j);
            if (j == i || together == 0.0f)
                continue;
            similarity[static_cast<std::size_t>(j)] = together / (root(i) * root(j) + shrink);
            order[static_cast<std::size_t>(candidates++)] = j;
        }
        const auto kept = std::min(candidates, neighbours);
        // Most similar first; ties by book row, so the lists never depend on the sort.
        std::partial_sort(order.begin(), order.begin() + kept, order.begin() + candidates,
                          [&](std::int32_t a, std::int32_t b) {
                              const float sa = similarity[static_cast<std::size_t>(a)];
                              const float sb = similarity[static_cast<std::size_t>(b)];
                              return sa != sb ? sa > sb : a < b;
                          });
        for (std::int32_t e = 0; e < kept; ++e) {
            const std::int32_t j = order[static_cast<std::size_t>(e)];
            w.neighbours.push_back(j);
            w.similarities.push_back(similarity[static_cast<std::size_t>(j)]);
        }
        w.neighbourOffsets.push_back(static_cast<std::int64_t>(w.neighbours.size()));
    }
    return w;
}

ItemItemFit fitItemItem(const ModelConfig& config, const TrainingData& data,
                        const TrainCallbacks& callbacks, const std::atomic<bool>& cancel) {
    if (config.kind != ModelKind::Ease && config.kind != ModelKind::ItemKnn)
        throw std::invalid_argument("fitItemItem fits ease and item-knn models only");
    validateModelConfig(config);
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const Clock::time_point start = Clock::now();
    Clock::time_point lastReport = start;
    int lastStage = 0;
    // As the epoch driver does: at most every 50 ms, and always as a stage begins and the fit
    // ends. A stage is an epoch of four, the fraction of it done its batches (of 1,000).
    const auto report = [&](ItemItemStage stage, double fraction) {
        const Clock::time_point now = Clock::now();
        if (!callbacks.progress || (static_cast<int>(stage) == lastStage && fraction < 1.0 &&
                                    std::chrono::duration<double>(now - lastReport).count() < 0.05))
            return;
        lastReport = now;
        lastStage = static_cast<int>(stage);
        TrainProgress progress;
        progress.epoch = static_cast<int>(stage);
        progress.epochs = kStages;
        progress.batch = std::max<std::int64_t>(1, std::llround(fraction * 1000.0));
        progress.batches = 1000;
        const double seconds = std::chrono::duration<double>(now - start).count();
        progress.ratingsPerSecond = seconds > 0.0 ? data.train.size() / seconds : 0.0;
        callbacks.progress(progress);
    };
    auto readers = std::make_shared<const ReaderBooks>(
        readerBooksOf(data.train.users, data.train.books, data.userRows));
    report(ItemItemStage::Gram, 0.0);
    Matrix gram = gramOf(
        *readers, data.bookRows, [&](double fraction) { report(ItemItemStage::Gram, fraction); },
        cancel);
    auto weights = std::make_shared<ItemWeights>();
    weights->books = data.bookRows;
    if (config.kind == ModelKind::Ease) {
        easeWeightsInPlace(
            gram, config.easeLambda, [&](ItemItemStage stage) { report(stage, 0.0); }, cancel);
        weights->dense = std::move(gram);
    } else {
        report(ItemItemStage::Weights, 0.0);
        *weights = knnWeights(
            gram, config.knnNeighbours, config.knnShrink,
            [&](double fraction) { report(ItemItemStage::Weights, fraction); }, cancel);
        Matrix().swap(gram);
    }
    report(ItemItemStage::Weights, 1.0);
    ItemItemFit fit;
    fit.model = std::make_unique<ItemItemModel>(config, std::move(weights), std::move(readers));
    fit.training.trainSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    fit.training.ratingsPerSecond =
        fit.training.trainSeconds > 0.0 ? data.train.size() / fit.training.trainSeconds : 0.0;
    fit.training.outcome = TrainOutcome::Finished;
    return fit;
}

} // namespace shelfscope
