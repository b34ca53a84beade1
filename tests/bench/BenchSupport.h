#pragma once

// Small helpers the benchmark programs share.

#include "model/Parameter.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

namespace shelfscope::bench {

inline double medianOf(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// The CPU seconds this process's threads have run: on a machine shared with other work, the
/// wall clock also counts the time others had the cores; this does not.
inline double processCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

/// Pulls "key": number out of one flat JSON line, as the Python peers print them.
inline double jsonNumber(const std::string& line, const std::string& key) {
    const auto at = line.find("\"" + key + "\":");
    return at == std::string::npos ? -1 : std::atof(line.c_str() + at + key.size() + 3);
}

/// The process's peak resident memory so far (VmHWM), in kB; -1 where /proc has none.
inline long peakResidentKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return -1;
}

/// Writes the rows as CSV (no header), for a Python peer to read.
inline void writeRowsCsv(const Matrix& rows, const std::string& path) {
    std::ofstream out(path);
    for (Eigen::Index r = 0; r < rows.rows(); ++r) {
        for (Eigen::Index c = 0; c < rows.cols(); ++c)
            out << (c ? "," : "") << rows(r, c);
        out << '\n';
    }
}

/// Runs a command (a Python peer) and returns what it printed; empty when it could not run.
inline std::string outputOf(const std::string& command) {
    std::string text;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
            text += buffer;
        pclose(pipe);
    }
    return text;
}

} // namespace shelfscope::bench
