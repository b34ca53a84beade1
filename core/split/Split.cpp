#include "split/Split.h"

#include "data/RowsByUser.h"
#include "io/NumberText.h"
#include "split/NumpyPermutation.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

void checkTestFraction(double fraction) {
    if (!(fraction > 0.0 && fraction < 1.0))
        throw std::invalid_argument("the test fraction must be between 0 and 1 (exclusive), got " +
                                    shortestText(fraction));
}

namespace {

std::size_t testCount(std::size_t rows, double fraction) {
    checkTestFraction(fraction);
    return static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(rows)));
}

} // namespace

RowSplit randomHoldout(std::size_t rows, const HoldoutConfig& config) {
    const std::size_t tests = testCount(rows, config.testFraction);
    std::vector<std::int32_t> order(rows);
    std::iota(order.begin(), order.end(), 0);
    Random random(config.seed);
    // A partial Fisher-Yates: only the first `tests` places need drawing.
    for (std::size_t i = 0; i < tests && i + 1 < rows; ++i)
        std::swap(order[i], order[i + random.below(rows - i)]);
    RowSplit split;
    split.testRows.assign(order.begin(), order.begin() + static_cast<long>(tests));
    split.trainRows.assign(order.begin() + static_cast<long>(tests), order.end());
    std::sort(split.testRows.begin(), split.testRows.end());
    std::sort(split.trainRows.begin(), split.trainRows.end());
    return split;
}

RowSplit notebookSplit(std::size_t rows, double testFraction, std::uint32_t seed) {
    const std::size_t tests = testCount(rows, testFraction);
    const std::vector<std::int32_t> permutation =
        numpyLegacyPermutation(seed, static_cast<std::int32_t>(rows));
    RowSplit split;
    split.testRows.assign(permutation.begin(), permutation.begin() + static_cast<long>(tests));
    split.trainRows.assign(permutation.begin() + static_cast<long>(tests), permutation.end());
    return split;
}

RowSplit perUserHoldout(const RatingTable& table, const PerUserHoldoutConfig& config) {
    if (config.perUser < 1)
        throw std::invalid_argument("the per-user holdout needs k >= 1");
    RowsByUser byUser = groupRowsByUser(table);
    std::vector<std::uint8_t> isTest(table.size(), 0);
    Random random(config.seed);
    const auto k = static_cast<std::size_t>(config.perUser);
    for (std::int32_t u = 0; u < table.userCount(); ++u) {
        const std::span<std::int32_t> userRows = byUser.of(u);
        std::int32_t* first = userRows.data();
        const std::size_t count = userRows.size();
        if (count < 2 * k)
            continue;
        for (std::size_t i = 0; i < k; ++i) {
            std::swap(first[i], first[i + random.below(count - i)]);
            isTest[static_cast<std::size_t>(first[i])] = 1;
        }
    }
    RowSplit split;
    for (std::size_t r = 0; r < table.size(); ++r)
        (isTest[r] != 0 ? split.testRows : split.trainRows).push_back(static_cast<std::int32_t>(r));
    return split;
}

} // namespace shelfscope
