#include "model/SmallGemm.h"

#include "model/SmallGemmKernels.h"

namespace shelfscope {

// Each defined in its own translation unit, compiled for its instruction set.
extern const SmallGemmKernels smallGemmBaseline;
#if defined(SHELFSCOPE_ISA_PATHS)
extern const SmallGemmKernels smallGemmAvx2;
extern const SmallGemmKernels smallGemmAvx512;
#endif

const SmallGemmKernels* smallGemmKernelsFor(CpuPath path) {
    if (!cpuPathAvailable(path))
        return nullptr;
#if defined(SHELFSCOPE_ISA_PATHS)
    if (path == CpuPath::Avx2)
        return &smallGemmAvx2;
    if (path == CpuPath::Avx512)
        return &smallGemmAvx512;
#endif
    return &smallGemmBaseline;
}

const SmallGemmKernels& smallGemmKernels() {
    static const SmallGemmKernels& kernels = *smallGemmKernelsFor(activeCpuPath());
    return kernels;
}

void multiplyInto(const Matrix& a, const Matrix& b, const Matrix& rowOffset, Matrix& out) {
    out.resize(a.rows(), b.cols());
    const float* offset = rowOffset.size() > 0 ? rowOffset.data() : nullptr;
    if (smallGemmKernels().multiply({a.data(), a.cols(), 1}, b.data(), offset, out.data(), a.rows(),
                                    a.cols(), b.cols()))
        return;
    out.noalias() = a * b;
    if (offset)
        out.rowwise() += rowOffset.row(0);
}

void multiplyTransposedInto(const Matrix& a, const Matrix& b, Matrix& out) {
    out.resize(a.cols(), b.cols());
    if (smallGemmKernels().multiply({a.data(), 1, a.cols()}, b.data(), nullptr, out.data(),
                                    a.cols(), a.rows(), b.cols()))
        return;
    out.noalias() = a.transpose() * b;
}

void multiplyByTransposedInto(const Matrix& a, const Matrix& b, Matrix& scratch, Matrix& out) {
    out.resize(a.rows(), b.rows());
    const SmallGemmKernels& kernels = smallGemmKernels();
    if (b.rows() % kernels.lanes != 0) {
        out.noalias() = a * b.transpose();
        return;
    }
    scratch = b.transpose();
    kernels.multiply({a.data(), a.cols(), 1}, scratch.data(), nullptr, out.data(), a.rows(),
                     a.cols(), b.rows());
}

} // namespace shelfscope
