#include "eval/Bootstrap.h"

#include "io/DataError.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace shelfscope {

namespace {

void checkConfig(const BootstrapConfig& config) {
    if (config.replicates < kMinBootstrapReplicates)
        throw std::invalid_argument("a 95% bootstrap interval needs at least " +
                                    std::to_string(kMinBootstrapReplicates) + " replicates");
    if (!(config.level > 0.0 && config.level < 1.0))
        throw std::invalid_argument("the confidence level must be between 0 and 1");
}

/// Reports about every 1% of the replicates and checks the cancel flag at each.
void reportReplicate(int done, int total, const char* stage, const ProgressCallback& progress,
                     const std::atomic<bool>& cancel) {
    const int step = std::max(1, total / 100);
    if (done % step != 0 && done != total)
        return;
    if (cancel.load(std::memory_order_relaxed))
        throw OperationCancelled();
    if (progress)
        progress({stage, static_cast<double>(done) / total});
}

} // namespace

void resampleReaders(std::size_t count, std::uint64_t seed, int replicate,
                     std::vector<std::size_t>& out) {
    Random random(seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(replicate) + 1);
    out.resize(count);
    for (std::size_t& pick : out)
        pick = static_cast<std::size_t>(random.below(count));
}

Interval percentileInterval(std::vector<double>& values, double level) {
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    auto quantile = [&](double q) {
        const double position = q * static_cast<double>(values.size() - 1);
        const auto below = static_cast<std::size_t>(std::floor(position));
        const std::size_t above = std::min(below + 1, values.size() - 1);
        const double weight = position - static_cast<double>(below);
        // Equal neighbours give their value exactly (no rounding from the interpolation).
        return values[below] == values[above]
                   ? values[below]
                   : values[below] + weight * (values[above] - values[below]);
    };
    return {quantile((1.0 - level) / 2.0), quantile((1.0 + level) / 2.0)};
}

RankingIntervals bootstrapRanking(const RankingData& data, const RankingDetail& detail,
                                  const BootstrapConfig& config, const ProgressCallback& progress,
                                  const std::atomic<bool>& cancel) {
    checkConfig(config);
    const auto replicates = static_cast<std::size_t>(config.replicates);
    constexpr std::size_t kMetrics = 8; // every metric but coverage (see RankingIntervals)
    std::vector<std::vector<double>> values(kMetrics, std::vector<double>(replicates));
    std::vector<std::size_t> picks;
    std::vector<std::uint8_t> scratch;
    for (int b = 0; b < config.replicates; ++b) {
        resampleReaders(detail.readers.size(), config.seed, b, picks);
        const RankingMetrics m = summarizeReaders(data, detail, picks, scratch);
        const double figures[kMetrics] = {m.precision,   m.recall,        m.ndcg,
                                          m.map,         m.hitRate,       m.meanPopularity,
                                          m.toReadShare, m.toReadMeanHits};
        for (std::size_t i = 0; i < kMetrics; ++i)
            values[i][static_cast<std::size_t>(b)] = figures[i];
        reportReplicate(b + 1, config.replicates, "Bootstrapping the ranking metrics", progress,
                        cancel);
    }
    RankingIntervals intervals;
    Interval* targets[kMetrics] = {&intervals.precision,   &intervals.recall,
                                   &intervals.ndcg,        &intervals.map,
                                   &intervals.hitRate,     &intervals.meanPopularity,
                                   &intervals.toReadShare, &intervals.toReadMeanHits};
    for (std::size_t i = 0; i < kMetrics; ++i)
        *targets[i] = percentileInterval(values[i], config.level);
    return intervals;
}

PairedDifference pairedDifference(std::span<const double> a, std::span<const double> b,
                                  std::span<const std::uint8_t> counted,
                                  const BootstrapConfig& config, const std::atomic<bool>& cancel) {
    checkConfig(config);
    if (a.size() != b.size() || a.size() != counted.size())
        throw std::invalid_argument(
            "a paired difference needs one figure per reader of each model");
    auto meanDifference = [&](auto&& readers) {
        double sum = 0.0;
        double count = 0.0;
        for (std::size_t r : readers)
            if (counted[r]) {
                sum += a[r] - b[r];
                count += 1.0;
            }
        return sum / std::max(1.0, count);
    };
    std::vector<std::size_t> everyone(a.size());
    for (std::size_t r = 0; r < everyone.size(); ++r)
        everyone[r] = r;
    PairedDifference result;
    result.value = meanDifference(everyone);
    std::vector<double> replicates(static_cast<std::size_t>(config.replicates));
    std::vector<std::size_t> picks;
    for (int r = 0; r < config.replicates; ++r) {
        resampleReaders(a.size(), config.seed, r, picks);
        replicates[static_cast<std::size_t>(r)] = meanDifference(picks);
        reportReplicate(r + 1, config.replicates, "Bootstrapping a paired difference", {}, cancel);
    }
    result.interval = percentileInterval(replicates, config.level);
    return result;
}

ErrorIntervals bootstrapErrors(std::span<const ReaderErrors> readers, const BootstrapConfig& config,
                               const ProgressCallback& progress, const std::atomic<bool>& cancel) {
    checkConfig(config);
    std::vector<double> rmse(static_cast<std::size_t>(config.replicates));
    std::vector<double> mae(rmse.size());
    std::vector<std::size_t> picks;
    for (int b = 0; b < config.replicates; ++b) {
        resampleReaders(readers.size(), config.seed, b, picks);
        double squared = 0.0;
        double absolute = 0.0;
        std::int64_t count = 0;
        for (std::size_t r : picks) {
            squared += readers[r].squared;
            absolute += readers[r].absolute;
            count += readers[r].count;
        }
        const double n = std::max<double>(1.0, static_cast<double>(count));
        rmse[static_cast<std::size_t>(b)] = std::sqrt(squared / n);
        mae[static_cast<std::size_t>(b)] = absolute / n;
        reportReplicate(b + 1, config.replicates, "Bootstrapping the rating errors", progress,
                        cancel);
    }
    return {percentileInterval(rmse, config.level), percentileInterval(mae, config.level)};
}

} // namespace shelfscope
