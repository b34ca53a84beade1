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
    const SmallGemmKernels& kernels = smallGemmKernels();
    const Eigen::Index depth = a.cols();
    if (b.rows() % kernels.lanes == 0) {
        out.resize(a.rows(), b.rows());
        scratch = b.transpose();
        kernels.multiply({a.data(), depth, 1}, scratch.data(), nullptr, out.data(), a.rows(), depth,
                         b.rows());
        return;
    }
    // A narrow b (the first layer's kernel, 10 rows in the notebook's model): b^T padded with
    // zero columns to whole vectors above the padded product, then the product's own columns.
    const Eigen::Index padded = (b.rows() + kernels.lanes - 1) / kernels.lanes * kernels.lanes;
    scratch.setZero(depth + a.rows(), padded);
    scratch.topLeftCorner(depth, b.rows()) = b.transpose();
    float* product = scratch.data() + depth * padded;
    kernels.multiply({a.data(), depth, 1}, scratch.data(), nullptr, product, a.rows(), depth,
                     padded);
    out = scratch.bottomLeftCorner(a.rows(), b.rows());
}

} // namespace shelfscope
