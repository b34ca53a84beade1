#include "util/CpuPath.h"

#include <cstdlib>
#include <cstring>

namespace shelfscope {

namespace {

struct Choice {
    CpuPath path = CpuPath::Baseline;
    std::string note; ///< how SHELFSCOPE_CPU_PATH was taken, empty when it is not set
};

Choice choose() {
    Choice choice;
    choice.path = bestCpuPath();
    const char* requested = std::getenv("SHELFSCOPE_CPU_PATH");
    if (requested == nullptr || *requested == '\0')
        return choice;
    for (const CpuPath path : {CpuPath::Baseline, CpuPath::Avx2, CpuPath::Avx512}) {
        if (std::strcmp(requested, cpuPathName(path)) != 0)
            continue;
        if (!cpuPathAvailable(path)) {
            choice.note = std::string("SHELFSCOPE_CPU_PATH=") + requested +
                          " refused: this CPU or build cannot run it";
            return choice;
        }
        choice.path = path;
        choice.note = std::string("forced by SHELFSCOPE_CPU_PATH=") + requested;
        return choice;
    }
    choice.note = std::string("SHELFSCOPE_CPU_PATH=") + requested +
                  " ignored: not one of baseline, avx2, avx512";
    return choice;
}

const Choice& chosen() {
    static const Choice choice = choose();
    return choice;
}

} // namespace

const char* cpuPathName(CpuPath path) {
    switch (path) {
    case CpuPath::Avx2:
        return "avx2";
    case CpuPath::Avx512:
        return "avx512";
    case CpuPath::Baseline:
        break;
    }
    return "baseline";
}

bool cpuPathAvailable(CpuPath path) {
    if (path == CpuPath::Baseline)
        return true;
#if defined(SHELFSCOPE_ISA_PATHS)
    // The kernels of a path are compiled with -march=x86-64-v3 or -v4, so the CPU must offer the
    // whole level (libgcc also checks that the OS saves the wider registers).
    __builtin_cpu_init();
    if (path == CpuPath::Avx2)
        return __builtin_cpu_supports("x86-64-v3");
    return __builtin_cpu_supports("x86-64-v4");
#else
    return false;
#endif
}

CpuPath bestCpuPath() {
    if (cpuPathAvailable(CpuPath::Avx512))
        return CpuPath::Avx512;
    if (cpuPathAvailable(CpuPath::Avx2))
        return CpuPath::Avx2;
    return CpuPath::Baseline;
}

CpuPath activeCpuPath() {
    return chosen().path;
}

std::string cpuPathReport() {
    std::string report = std::string("kernels: ") + cpuPathName(activeCpuPath()) + " (this CPU: ";
    const char* separator = "";
    for (const CpuPath path : {CpuPath::Baseline, CpuPath::Avx2, CpuPath::Avx512})
        if (cpuPathAvailable(path)) {
            report += separator;
            report += cpuPathName(path);
            separator = ", ";
        }
    report += ")";
#if defined(SHELFSCOPE_NATIVE_BUILD)
    report += "; native build (-march=native)";
#endif
    if (!chosen().note.empty())
        report += "; " + chosen().note;
    return report;
}

} // namespace shelfscope
