#pragma once

#include "util/CpuPath.h"

#include <cstddef>
#include <cstdint>

namespace shelfscope {

/// Adam's element-wise arithmetic over flat arrays of n floats. Rows of an embedding table are
/// short (5 floats in the notebook's models), so the optimizer gathers the rows of a step into
/// flat arrays first: the square roots and divisions then run a vector register at a time.
///
/// Every kernel has a path per instruction set (util/CpuPath.h). Each element goes through the
/// same IEEE operations in the same order on every path (no fused multiply-adds: the kernels
/// are compiled with -ffp-contract=off), so every path gives the same bits.

struct AdamStepScalars {
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float stepSize = 1e-3f; // this step's bias-corrected learning rate
    float epsilon = 1e-7f;
};

/// One Adam step: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= step m / (sqrt(v) + eps).
void adamStep(float* p, float* m, float* v, const float* g, std::size_t n,
              const AdamStepScalars& scalars);

/// Settles skipped steps, per element: p -= move m / (sqrt(v) + eps); m *= decay1; v *= decay2.
/// An element with move 0 and decays 1 is left exactly as it was.
void adamSettle(float* p, float* m, float* v, const float* move, const float* decay1,
                const float* decay2, std::size_t n, float epsilon);

/// A row of the fused trainer's tables (train/FusedDotAdam.h): [w (dim) | m (dim) | v (dim) | ...]
/// and the factors that settle it, as adamSettle's per element.
struct RowSettlement {
    float* row;
    float move;
    float decay1;
    float decay2;
};

/// adamSettle on each row's three parts. Rows of 5 may be read and written (with their own
/// values) up to 16 floats from their start.
void adamSettleRows(const RowSettlement* rows, std::size_t count, std::size_t dim, float epsilon);

/// adamStep on rows `rows` of a table of `stride` floats a row, laid out as above, with the
/// gradient of rows[s] at gradients + s * dim. Rows of 5 may read 3 floats past a gradient.
void adamStepRows(float* table, std::size_t stride, const std::int32_t* rows, std::size_t count,
                  const float* gradients, std::size_t dim, const AdamStepScalars& scalars);

/// One path's kernels.
struct AdamKernelTable {
    void (*step)(float*, float*, float*, const float*, std::size_t, const AdamStepScalars&);
    void (*settle)(float*, float*, float*, const float*, const float*, const float*, std::size_t,
                   float);
    void (*settleRows)(const RowSettlement*, std::size_t, std::size_t, float);
    void (*stepRows)(float*, std::size_t, const std::int32_t*, std::size_t, const float*,
                     std::size_t, const AdamStepScalars&);
};

/// The kernels of a path, or nullptr when this build or CPU has not got it (for tests that
/// compare paths; the functions above use activeCpuPath()'s).
const AdamKernelTable* adamKernelsFor(CpuPath path);

} // namespace shelfscope
