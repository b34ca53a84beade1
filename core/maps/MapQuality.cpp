#include "maps/MapQuality.h"

#include "maps/Affinities.h"
#include "maps/PlaneNeighbors.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace shelfscope {

namespace {

NeighborGraph layoutNeighbors(const Matrix& layout, int k, int threads) {
    return layout.cols() == 2 ? planeNeighbors(layout, k, threads)
                              : nearestNeighbors(layout, k, threads);
}

} // namespace

int qualityNeighbourCount(std::size_t points, int wanted) {
    if (points > static_cast<std::size_t>(wanted))
        return wanted;
    return points < 3 ? 0 : static_cast<int>((points - 1) / 2);
}

double neighborhoodPreservation(const Matrix& original, const Matrix& layout, int k, int threads) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (original.rows() != layout.rows())
        throw std::invalid_argument("neighbourhood preservation needs one layout row per point");
    const NeighborGraph before = nearestNeighbors(original, k, threads);
    const NeighborGraph after = layoutNeighbors(layout, k, threads);
    std::int64_t kept = 0;
    const auto kk = static_cast<std::size_t>(k);
    std::vector<std::int32_t> a(kk);
    std::vector<std::int32_t> b(kk);
    for (std::size_t i = 0; i < before.points(); ++i) {
        std::copy_n(before.index.begin() + static_cast<std::ptrdiff_t>(i * kk), kk, a.begin());
        std::copy_n(after.index.begin() + static_cast<std::ptrdiff_t>(i * kk), kk, b.begin());
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        // Both lists are sorted and free of repeats: count the common entries in one pass.
        for (std::size_t p = 0, q = 0; p < kk && q < kk;) {
            if (a[p] < b[q])
                ++p;
            else if (b[q] < a[p])
                ++q;
            else {
                ++kept;
                ++p;
                ++q;
            }
        }
    }
    return static_cast<double>(kept) / static_cast<double>(before.index.size());
}

double chanceGenreAgreement(const std::vector<std::int32_t>& labels) {
    std::unordered_map<std::int32_t, std::int64_t> count;
    std::int64_t labelled = 0;
    for (std::int32_t label : labels)
        if (label >= 0) {
            ++count[label];
            ++labelled;
        }
    const auto n = static_cast<double>(labels.size());
    if (labelled == 0 || n < 2)
        return 0.0;
    // Sum over labelled points of (n_g - 1) / (N - 1), grouped by label.
    double sum = 0.0;
    for (const auto& [label, size] : count)
        sum += static_cast<double>(size) * static_cast<double>(size - 1);
    return sum / ((n - 1.0) * static_cast<double>(labelled));
}

GenreAgreement genreAgreement(const Matrix& layout, const std::vector<std::int32_t>& labels, int k,
                              int threads) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (labels.size() != static_cast<std::size_t>(layout.rows()))
        throw std::invalid_argument("genre agreement: " + std::to_string(labels.size()) +
                                    " labels for " + std::to_string(layout.rows()) + " points");
    const auto labelled = static_cast<std::size_t>(
        std::count_if(labels.begin(), labels.end(), [](std::int32_t l) { return l >= 0; }));
    if (labelled == 0)
        throw std::invalid_argument("genre agreement: no point has a label");
    const NeighborGraph graph = layoutNeighbors(layout, k, threads);
    const auto kk = static_cast<std::size_t>(k);
    std::int64_t same = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0)
            continue;
        for (std::size_t m = 0; m < kk; ++m)
            same += labels[static_cast<std::size_t>(graph.index[i * kk + m])] == labels[i] ? 1 : 0;
    }
    GenreAgreement result;
    result.agreement =
        static_cast<double>(same) / (static_cast<double>(labelled) * static_cast<double>(k));
    result.chance = chanceGenreAgreement(labels);
    result.labelled = labelled;
    result.k = k;
    return result;
}

std::vector<std::int32_t> labelsFromNames(const std::vector<std::string>& names) {
    std::unordered_map<std::string, std::int32_t> number;
    std::vector<std::int32_t> labels;
    labels.reserve(names.size());
    for (const std::string& name : names) {
        if (name.empty()) {
            labels.push_back(-1);
            continue;
        }
        const auto [it, added] = number.emplace(name, static_cast<std::int32_t>(number.size()));
        labels.push_back(it->second);
    }
    return labels;
}

} // namespace shelfscope
