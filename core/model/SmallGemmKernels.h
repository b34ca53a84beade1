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

/// Where a product's rows x width entries go (row-major), and what is done to each on the way:
/// the offset first, then relu, then the mask. Doing it as the tile is stored saves the neural
/// model's separate passes over its activations and deltas.
struct GemmOutput {
    float* data;
    /// width floats added to every row, or null.
    const float* offset = nullptr;
    /// Stores max(entry, 0), a NaN as a NaN (a diverging step must still show).
    bool relu = false;
    /// rows x width, row-major, or null: an entry is stored where this is > 0, else 0 is.
    const float* keepWherePositive = nullptr;
};

struct SmallGemmKernels {
    /// Floats in a vector register: the kernels take widths that are a multiple of it.
    std::ptrdiff_t lanes;
    /// output = left * right (depth x width, row-major), finished as GemmOutput says. Returns
    /// false for widths it does not take.
    bool (*multiply)(const GemmLeft& left, const float* right, const GemmOutput& output,
                     std::ptrdiff_t rows, std::ptrdiff_t depth, std::ptrdiff_t width);
    /// out (cols x outStride, row-major) = in^T (in: rows x cols, row-major), with columns
    /// [rows, outStride) of out set to zero; outStride >= rows.
    void (*transpose)(const float* in, std::ptrdiff_t rows, std::ptrdiff_t cols, float* out,
                      std::ptrdiff_t outStride);
    /// out[j] = the sum of in's column j (in: rows x width, row-major), added in row order.
    void (*sumColumns)(const float* in, std::ptrdiff_t rows, std::ptrdiff_t width, float* out);
};

/// The kernels of a path, or nullptr when this build or CPU has not got it.
const SmallGemmKernels* smallGemmKernelsFor(CpuPath path);

/// The kernels of activeCpuPath().
const SmallGemmKernels& smallGemmKernels();

} // namespace shelfscope
