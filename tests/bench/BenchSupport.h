#pragma once

// Small helpers the benchmark programs share.

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace shelfscope::bench {

inline double medianOf(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
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

} // namespace shelfscope::bench
