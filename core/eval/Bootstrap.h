#pragma once

#include "eval/Ranking.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

namespace shelfscope {

/// A two-sided confidence interval.
struct Interval {
    double low = 0.0;
    double high = 0.0;
    bool contains(double value) const { return low <= value && value <= high; }
    double width() const { return high - low; }
};

/// The fewest replicates a 95% percentile interval is made of. About 0.025 B replicates lie
/// beyond each end: below 100 that is fewer than 2.5, so an end is set by the one or two most
/// extreme replicates (B = 1 gives a point). An end's Monte Carlo error is about
/// sqrt(0.025 x 0.975 / B) / 0.058 standard errors: 0.27 at B = 100, 0.085 at 1,000 (the
/// default). The option table's --bootstrap starts here.
inline constexpr int kMinBootstrapReplicates = 100;

/// The nonparametric bootstrap over readers: each replicate draws as many readers as were
/// evaluated, uniformly with replacement, recomputes every metric from their stored figures
/// (no model is asked again), and the interval is the percentile interval of the replicates
/// (the (1 - level) / 2 and (1 + level) / 2 quantiles, linearly interpolated).
struct BootstrapConfig {
    int replicates = 1000; ///< B, at least kMinBootstrapReplicates
    double level = 0.95;
    std::uint64_t seed = 1;
};

/// The readers of replicate `replicate`: `count` indices in [0, count), drawn from a stream
/// that depends only on (seed, replicate), so replicates can be made in any order or thread.
void resampleReaders(std::size_t count, std::uint64_t seed, int replicate,
                     std::vector<std::size_t>& out);

/// The percentile interval of replicate values (reordered in place); {0, 0} when empty.
Interval percentileInterval(std::vector<double>& values, double level);

/// The intervals of the ranking metrics that are figures of the readers (means and ratios over
/// them). Coverage has none: it is the share of books in anyone's list, a property of the whole
/// set of lists, and a resample of readers (about 63% of them distinct) always lists fewer
/// books, so the replicates lie below the estimate instead of around it. Seconds and the reader
/// counts have none either.
struct RankingIntervals {
    Interval precision;
    Interval recall;
    Interval ndcg;
    Interval map;
    Interval hitRate;
    Interval meanPopularity;
    Interval toReadShare;
    Interval toReadMeanHits;
};

/// Bootstrap intervals of detail's metrics over its readers. Deterministic for a seed.
RankingIntervals bootstrapRanking(const RankingData& data, const RankingDetail& detail,
                                  const BootstrapConfig& config = {},
                                  const ProgressCallback& progress = {},
                                  const std::atomic<bool>& cancel = neverCancelled());

/// A difference of two models' means over the same readers, with its interval.
struct PairedDifference {
    double value = 0.0;
    Interval interval;
};

/// The paired bootstrap of mean(a) - mean(b) over the same readers: a[i] and b[i] are two
/// models' figures of reader i, counted[i] says whether reader i counts in the means (the means
/// divide by the counted readers; the others add nothing, as readers without held-out books in
/// NDCG). Replicate r draws the readers resampleReaders(n, seed, r) draws for each model's own
/// interval, so every replicate of the difference is the difference of the two models'
/// replicates, and what the readers share (easy or hard readers) cancels out. Throws
/// std::invalid_argument when the three lengths differ.
PairedDifference pairedDifference(std::span<const double> a, std::span<const double> b,
                                  std::span<const std::uint8_t> counted,
                                  const BootstrapConfig& config = {},
                                  const std::atomic<bool>& cancel = neverCancelled());

/// One reader's rating errors on their test rows.
struct ReaderErrors {
    double squared = 0.0;  ///< sum of squared errors
    double absolute = 0.0; ///< sum of absolute errors
    std::int64_t count = 0;
};

struct ErrorIntervals {
    Interval rmse; ///< sqrt(sum squared / count) over the resampled readers' rows
    Interval mae;
};

/// Bootstrap intervals of RMSE and MAE over readers (a reader brings all their test rows).
ErrorIntervals bootstrapErrors(std::span<const ReaderErrors> readers,
                               const BootstrapConfig& config = {},
                               const ProgressCallback& progress = {},
                               const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
