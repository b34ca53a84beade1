#pragma once

#include "util/CpuPath.h"

#include <cstddef>

namespace shelfscope {

/// The register-tiled kernels behind model/SmallGemm.h, one set per instruction set
/// (util/CpuPath.h): their vector width, and so the widths they take, depend on the path.

/// A left operand read in place: element (row, t) at data[row * rowStride + t * depthStride],
/// so a row-major matrix and the transpose of one are the same thing to the kernels.
struct GemmLeft {
    const float* data;
    std::ptrdiff_t rowStride;
    std::ptrdiff_t depthStride;
};

struct SmallGemmKernels {
    /// Floats in a vector register: the kernels take widths that are a multiple of it.
    std::ptrdiff_t lanes;
    /// out (rows x width, row-major) = left * right (depth x width, row-major), plus offset
    /// (width floats, may be null) on every row. Returns false for widths it does not take.
    bool (*multiply)(const GemmLeft& left, const float* right, const float* offset, float* out,
                     std::ptrdiff_t rows, std::ptrdiff_t depth, std::ptrdiff_t width);
};

/// The kernels of a path, or nullptr when this build or CPU has not got it.
const SmallGemmKernels* smallGemmKernelsFor(CpuPath path);

/// The kernels of activeCpuPath().
const SmallGemmKernels& smallGemmKernels();

} // namespace shelfscope
