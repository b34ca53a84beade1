#pragma once

#include <string>

namespace shelfscope {

/// The instruction sets the hot kernels (Adam's row updates, the small matrix products, t-SNE's
/// forces) are compiled for. A portable build targets x86-64-v2 and carries the other paths as
/// well; one is chosen when a kernel is first used, from what the CPU offers.
enum class CpuPath {
    Baseline, ///< x86-64-v2 (SSE4.2) in a portable build, the build's own flags otherwise
    Avx2,     ///< x86-64-v3: AVX2 and FMA
    Avx512,   ///< x86-64-v4: AVX-512 F, BW, CD, DQ, VL
};

/// "baseline", "avx2" or "avx512": the names SHELFSCOPE_CPU_PATH takes.
const char* cpuPathName(CpuPath path);

/// Whether this build carries the path's kernels and this CPU (and its OS) can run them.
bool cpuPathAvailable(CpuPath path);

/// The fastest available path.
CpuPath bestCpuPath();

/// What the kernels use, chosen once: SHELFSCOPE_CPU_PATH (baseline, avx2 or avx512) when set,
/// else the fastest available path. A path the CPU cannot run, or an unknown name, is not
/// taken: the fastest available one is, and cpuPathReport() says why.
CpuPath activeCpuPath();

/// One line for `--version` and the benchmarks: the active path, what the CPU offers, and
/// whether SHELFSCOPE_CPU_PATH chose it (or was refused, and why).
std::string cpuPathReport();

} // namespace shelfscope
