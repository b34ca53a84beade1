#pragma once

#include "util/CpuPath.h"

#include <cstddef>
#include <cstdint>

namespace shelfscope {

/// t-SNE's per-iteration force sums (maps/Tsne.cpp, maps/BarnesHutTree.h), one set per
/// instruction set (util/CpuPath.h). The sums are vectorised, so the order of their float
/// additions, and with it the last bits, depends on the path's vector width.
struct TsneKernels {
    /// For each of `count` points (px[i], py[i]) against a Barnes-Hut interaction list of
    /// `size` entries (lx, ly, weight lc): z[i] = sum_e lc q_e - 1 and (fx[i], fy[i]) =
    /// sum_e lc q_e^2 (p - l_e), with q = 1 / (1 + d^2). The list holds each point itself once
    /// (q = 1, no force): the - 1 takes it out.
    void (*repulsion)(const float* px, const float* py, std::size_t count, const float* lx,
                      const float* ly, const float* lc, std::size_t size, float* z, float* fx,
                      float* fy);
    /// For points [first, last): grad_i = exaggeration * sum_j p_ij q_ij (y_i - y_j) -
    /// repulsion_i * inverseZ over the sparse affinities (CSR: start, column, value); x, y and
    /// repulsion as in grad (repulsion and grad interleaved x, y).
    void (*attraction)(std::int32_t first, std::int32_t last, const float* x, const float* y,
                       const std::int64_t* start, const std::int32_t* column, const float* value,
                       float exaggeration, const float* repulsion, float inverseZ, float* grad);
};

/// The kernels of a path, or nullptr when this build or CPU has not got it.
const TsneKernels* tsneKernelsFor(CpuPath path);

/// The kernels of activeCpuPath().
const TsneKernels& tsneKernels();

} // namespace shelfscope
