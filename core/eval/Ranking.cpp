#include "eval/Ranking.h"

#include "io/DataError.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"
#include "util/StepPool.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace shelfscope {

void ReaderLists::add(std::vector<std::int32_t> list) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    items.insert(items.end(), list.begin(), list.end());
    start.push_back(static_cast<std::int64_t>(items.size()));
}

ListMetrics listMetrics(std::span<const std::int32_t> topK,
                        std::span<const std::int32_t> sortedRelevant, int k) {
    ListMetrics m;
    if (sortedRelevant.empty() || k <= 0)
        return m;
    double dcg = 0.0;
    double precisionSum = 0.0;
    for (std::size_t rank = 0; rank < topK.size() && rank < static_cast<std::size_t>(k); ++rank) {
        if (!std::binary_search(sortedRelevant.begin(), sortedRelevant.end(), topK[rank]))
            continue;
        ++m.hits;
        dcg += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
        precisionSum += static_cast<double>(m.hits) / static_cast<double>(rank + 1);
    }
    const auto ideal = std::min<std::size_t>(sortedRelevant.size(), static_cast<std::size_t>(k));
    double idcg = 0.0;
    for (std::size_t rank = 0; rank < ideal; ++rank)
        idcg += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
    m.precision = static_cast<double>(m.hits) / k;
    m.recall = static_cast<double>(m.hits) / static_cast<double>(sortedRelevant.size());
    m.ndcg = dcg / idcg;
    m.averagePrecision = precisionSum / static_cast<double>(ideal);
    return m;
}

RankingDetail evaluateRankingDetail(const RankingData& data, const BlockScorer& scorer,
                                    const RankingConfig& config, const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const auto start = std::chrono::steady_clock::now();
    const std::size_t readers = data.readers.size();
    const int k = config.k;
    RankingDetail detail;
    detail.k = k;
    detail.readers.resize(readers);
    detail.topLists.assign(readers * static_cast<std::size_t>(k), -1);
    const auto block = static_cast<std::size_t>(std::max(1, config.readersPerBlock));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    StepPool pool(std::max(1, config.threads));
    pool.run([&](int) {
        Matrix scores;
        std::vector<std::int32_t> candidates;
        for (std::size_t first = next.fetch_add(block); first < readers;
             first = next.fetch_add(block)) {
            if (cancel.load(std::memory_order_relaxed)) {
                stopped = true;
                return;
            }
            const std::size_t last = std::min(readers, first + block);
            scorer({data.readers.data() + first, last - first}, scores);
            for (std::size_t r = first; r < last; ++r) {
                float* row = scores.row(static_cast<Eigen::Index>(r - first)).data();
                for (std::int32_t b : data.exclude.of(r))
                    row[b] = -INFINITY;
                candidates.clear();
                for (std::int32_t b = 0; b < data.bookRows; ++b)
                    if (data.recommendable[static_cast<std::size_t>(b)] && row[b] != -INFINITY)
                        candidates.push_back(b);
                const auto wanted = std::min(candidates.size(), static_cast<std::size_t>(k));
                std::partial_sort(candidates.begin(),
                                  candidates.begin() + static_cast<std::ptrdiff_t>(wanted),
                                  candidates.end(), [row](std::int32_t a, std::int32_t b) {
                                      return row[a] != row[b] ? row[a] > row[b] : a < b;
                                  });
                const std::span<const std::int32_t> top(candidates.data(), wanted);
                std::copy(top.begin(), top.end(),
                          detail.topLists.begin() +
                              static_cast<std::ptrdiff_t>(r * static_cast<std::size_t>(k)));
                const ListMetrics m = listMetrics(top, data.relevant.of(r), k);
                const std::span<const std::int32_t> toRead = data.toRead.of(r);
                double toReadHits = 0.0;
                for (std::int32_t b : top)
                    toReadHits += std::binary_search(toRead.begin(), toRead.end(), b) ? 1.0 : 0.0;
                detail.readers[r] = {m.precision,        m.recall,   m.ndcg,
                                     m.averagePrecision, toReadHits, !data.relevant.of(r).empty(),
                                     m.hits > 0};
            }
        }
    });
    if (stopped)
        throw OperationCancelled();
    std::vector<std::size_t> everyone(readers);
    for (std::size_t r = 0; r < readers; ++r)
        everyone[r] = r;
    std::vector<std::uint8_t> recommended;
    detail.metrics = summarizeReaders(data, detail, everyone, recommended);
    detail.metrics.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return detail;
}

RankingMetrics evaluateRanking(const RankingData& data, const BlockScorer& scorer,
                               const RankingConfig& config, const std::atomic<bool>& cancel) {
    return evaluateRankingDetail(data, scorer, config, cancel).metrics;
}

RankingMetrics summarizeReaders(const RankingData& data, const RankingDetail& detail,
                                std::span<const std::size_t> picks,
                                std::vector<std::uint8_t>& recommended) {
    const auto k = static_cast<std::size_t>(std::max(0, detail.k));
    RankingMetrics metrics;
    metrics.readers = static_cast<std::int64_t>(picks.size());
    recommended.assign(static_cast<std::size_t>(data.bookRows), 0);
    double popularitySum = 0.0;
    std::int64_t listed = 0;
    for (std::size_t r : picks) {
        const ReaderFigures& v = detail.readers[r];
        metrics.readersWithHits += v.hasRelevant ? 1 : 0;
        metrics.precision += v.precision;
        metrics.recall += v.recall;
        metrics.ndcg += v.ndcg;
        metrics.map += v.averagePrecision;
        metrics.hitRate += v.hit ? 1.0 : 0.0;
        metrics.toReadMeanHits += v.toReadHits;
        metrics.toReadShare += v.toReadHits > 0.0 ? 1.0 : 0.0;
        for (std::size_t i = 0; i < k; ++i) {
            const std::int32_t b = detail.topLists[r * k + i];
            if (b < 0)
                continue;
            recommended[static_cast<std::size_t>(b)] = 1;
            popularitySum += static_cast<double>(data.popularity[static_cast<std::size_t>(b)]);
            ++listed;
        }
    }
    const double withHits = std::max<double>(1.0, static_cast<double>(metrics.readersWithHits));
    for (double* value :
         {&metrics.precision, &metrics.recall, &metrics.ndcg, &metrics.map, &metrics.hitRate})
        *value /= withHits; // a reader with nothing held out adds zeros: not counted
    const double n = std::max<double>(1.0, static_cast<double>(picks.size()));
    for (double* value : {&metrics.toReadMeanHits, &metrics.toReadShare})
        *value /= n;
    std::int64_t recommendable = 0;
    std::int64_t covered = 0;
    for (std::size_t b = 0; b < recommended.size(); ++b) {
        recommendable += data.recommendable[b];
        covered += recommended[b];
    }
    metrics.coverage = recommendable > 0 ? static_cast<double>(covered) / recommendable : 0.0;
    metrics.meanPopularity = listed > 0 ? popularitySum / static_cast<double>(listed) : 0.0;
    return metrics;
}

BlockScorer popularityScorer(const RankingData& data) {
    return [&data](std::span<const std::int32_t> readers, Matrix& out) {
        out.resize(static_cast<Eigen::Index>(readers.size()), data.bookRows);
        for (std::int32_t b = 0; b < data.bookRows; ++b)
            out.col(b).setConstant(
                static_cast<float>(data.popularity[static_cast<std::size_t>(b)]));
    };
}

BlockScorer randomScorer(std::int32_t bookRows, std::uint64_t seed) {
    return [bookRows, seed](std::span<const std::int32_t> readers, Matrix& out) {
        out.resize(static_cast<Eigen::Index>(readers.size()), bookRows);
        for (std::size_t r = 0; r < readers.size(); ++r) {
            Random random(seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(readers[r]));
            for (std::int32_t b = 0; b < bookRows; ++b)
                out(static_cast<Eigen::Index>(r), b) = static_cast<float>(random.uniform());
        }
    };
}

} // namespace shelfscope
