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

namespace {

/// The activation and mask of GemmOutput, for the products Eigen makes.
void finish(Matrix& out, Activation activation, const Matrix* keepWherePositive) {
    float* data = out.data();
    const auto n = static_cast<std::size_t>(out.size());
    if (activation == Activation::Relu)
        for (std::size_t i = 0; i < n; ++i)
            data[i] = data[i] < 0.0f ? 0.0f : data[i];
    if (keepWherePositive != nullptr) {
        const float* keep = keepWherePositive->data();
        for (std::size_t i = 0; i < n; ++i)
            data[i] = keep[i] > 0.0f ? data[i] : 0.0f;
    }
}

} // namespace

void multiplyInto(const Matrix& a, const Matrix& b, const Matrix& rowOffset, Matrix& out,
                  Activation activation) {
    out.resize(a.rows(), b.cols());
    GemmOutput output{out.data()};
    output.offset = rowOffset.size() > 0 ? rowOffset.data() : nullptr;
    output.relu = activation == Activation::Relu;
    if (smallGemmKernels().multiply({a.data(), a.cols(), 1}, b.data(), output, a.rows(), a.cols(),
                                    b.cols()))
        return;
    out.noalias() = a * b;
    if (output.offset)
        out.rowwise() += rowOffset.row(0);
    finish(out, activation, nullptr);
}

void multiplyTransposedInto(const Matrix& a, const Matrix& b, Matrix& out) {
    out.resize(a.cols(), b.cols());
    if (smallGemmKernels().multiply({a.data(), 1, a.cols()}, b.data(), GemmOutput{out.data()},
                                    a.cols(), a.rows(), b.cols()))
        return;
    out.noalias() = a.transpose() * b;
}

void multiplyByTransposedInto(const Matrix& a, const Matrix& b, Matrix& scratch, Matrix& out,
                              const Matrix* keepWherePositive) {
    const SmallGemmKernels& kernels = smallGemmKernels();
    const Eigen::Index depth = a.cols();
    out.resize(a.rows(), b.rows());
    if (b.rows() % kernels.lanes == 0) {
        scratch.resize(depth, b.rows());
        kernels.transpose(b.data(), b.rows(), b.cols(), scratch.data(), b.rows());
        GemmOutput output{out.data()};
        output.keepWherePositive = keepWherePositive ? keepWherePositive->data() : nullptr;
        kernels.multiply({a.data(), depth, 1}, scratch.data(), output, a.rows(), depth, b.rows());
        return;
    }
    // A narrow b (the first layer's kernel, 10 rows in the notebook's model): b^T padded with
    // zero columns to whole vectors above the padded product, then the product's own columns.
    const Eigen::Index padded = (b.rows() + kernels.lanes - 1) / kernels.lanes * kernels.lanes;
    scratch.resize(depth + a.rows(), padded);
    kernels.transpose(b.data(), b.rows(), b.cols(), scratch.data(), padded);
    float* product = scratch.data() + depth * padded;
    kernels.multiply({a.data(), depth, 1}, scratch.data(), GemmOutput{product}, a.rows(), depth,
                     padded);
    out = scratch.bottomLeftCorner(a.rows(), b.rows());
    finish(out, Activation::None, keepWherePositive);
}

void columnSumsInto(const Matrix& a, Matrix& out) {
    out.resize(1, a.cols());
    smallGemmKernels().sumColumns(a.data(), a.rows(), a.cols(), out.data());
}

} // namespace shelfscope
