#include "maps/TsneKernels.h"

namespace shelfscope {

// Each defined in its own translation unit, compiled for its instruction set.
extern const TsneKernels tsneKernelsBaseline;
#if defined(SHELFSCOPE_ISA_PATHS)
extern const TsneKernels tsneKernelsAvx2;
extern const TsneKernels tsneKernelsAvx512;
#endif

const TsneKernels* tsneKernelsFor(CpuPath path) {
    if (!cpuPathAvailable(path))
        return nullptr;
#if defined(SHELFSCOPE_ISA_PATHS)
    if (path == CpuPath::Avx2)
        return &tsneKernelsAvx2;
    if (path == CpuPath::Avx512)
        return &tsneKernelsAvx512;
#endif
    return &tsneKernelsBaseline;
}

const TsneKernels& tsneKernels() {
    static const TsneKernels& kernels = *tsneKernelsFor(activeCpuPath());
    return kernels;
}

} // namespace shelfscope
