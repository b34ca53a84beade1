#include "train/AdamKernels.h"

namespace shelfscope {

// Each defined in its own translation unit, compiled for its instruction set.
extern const AdamKernelTable adamKernelsBaseline;
#if defined(SHELFSCOPE_ISA_PATHS)
extern const AdamKernelTable adamKernelsAvx2;
extern const AdamKernelTable adamKernelsAvx512;
#endif

namespace {

const AdamKernelTable& active() {
    static const AdamKernelTable& table = *adamKernelsFor(activeCpuPath());
    return table;
}

} // namespace

const AdamKernelTable* adamKernelsFor(CpuPath path) {
    if (!cpuPathAvailable(path))
        return nullptr;
#if defined(SHELFSCOPE_ISA_PATHS)
    if (path == CpuPath::Avx2)
        return &adamKernelsAvx2;
    if (path == CpuPath::Avx512)
        return &adamKernelsAvx512;
#endif
    return &adamKernelsBaseline;
}

void adamStep(float* p, float* m, float* v, const float* g, std::size_t n,
              const AdamStepScalars& scalars) {
    active().step(p, m, v, g, n, scalars);
}

void adamSettle(float* p, float* m, float* v, const float* move, const float* decay1,
                const float* decay2, std::size_t n, float epsilon) {
    active().settle(p, m, v, move, decay1, decay2, n, epsilon);
}

void adamSettleRows(const RowSettlement* rows, std::size_t count, std::size_t dim, float epsilon) {
    active().settleRows(rows, count, dim, epsilon);
}

void adamStepRows(float* table, std::size_t stride, const std::int32_t* rows, std::size_t count,
                  const float* gradients, std::size_t dim, const AdamStepScalars& scalars) {
    active().stepRows(table, stride, rows, count, gradients, dim, scalars);
}

} // namespace shelfscope
