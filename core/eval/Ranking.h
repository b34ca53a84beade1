#pragma once

#include "model/Parameter.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace shelfscope {

/// Lists per reader in compressed form: reader r owns items[start[r] .. start[r+1]).
struct ReaderLists {
    std::vector<std::int64_t> start{0};
    std::vector<std::int32_t> items;
    std::span<const std::int32_t> of(std::size_t reader) const {
        return {items.data() + start[reader],
                static_cast<std::size_t>(start[reader + 1] - start[reader])};
    }
    void add(std::vector<std::int32_t> list); ///< the next reader's list
};

/// What ranking evaluation needs, in model-row space: for each evaluated reader the books to
/// leave out (rated in training), the held-out books that count as hits, and the to-read list.
struct RankingData {
    std::int32_t bookRows = 0;
    std::vector<std::int32_t> readers; ///< model user rows
    /// Each reader's index among the data set's readers (ascending user_id), which names a
    /// reader alike for every model of the data set, whatever its rows (empty when not known).
    std::vector<std::int32_t> readerIndices;
    ReaderLists exclude;
    ReaderLists relevant;
    ReaderLists toRead;
    std::vector<std::int64_t> popularity;    ///< per book row: how widely read the book is
    std::string popularitySource;            ///< what `popularity` counts, for reports
    std::vector<std::uint8_t> recommendable; ///< book rows that are real books
};

struct RankingConfig {
    int k = 10;
    int threads = 2;
    int readersPerBlock = 256; ///< readers scored together (one matrix product for the dot model)
};

struct RankingMetrics {
    double precision = 0.0;           ///< mean over readers of hits / k
    double recall = 0.0;              ///< mean of hits / relevant books
    double ndcg = 0.0;                ///< binary relevance, log2 discount
    double map = 0.0;                 ///< mean average precision at k
    double hitRate = 0.0;             ///< share of readers with at least one hit
    double coverage = 0.0;            ///< share of the recommendable books recommended to anyone
    double meanPopularity = 0.0;      ///< popularity of the average recommended book
    double toReadShare = 0.0;         ///< readers with a to-read book in their top k
    double toReadMeanHits = 0.0;      ///< to-read books in the top k, per reader
    std::int64_t readers = 0;         ///< readers given a list
    std::int64_t readersWithHits = 0; ///< of those, readers with held-out books
    double seconds = 0.0;
};

/// Scores every book row for a block of readers: row i of out for readers[i].
using BlockScorer = std::function<void(std::span<const std::int32_t> readers, Matrix& out)>;

/// One reader's figures from one scoring pass, kept so that a bootstrap can resample readers
/// without scoring again.
struct ReaderFigures {
    double precision = 0.0;
    double recall = 0.0;
    double ndcg = 0.0;
    double averagePrecision = 0.0;
    double toReadHits = 0.0;  ///< to-read books in the reader's top k
    bool hasRelevant = false; ///< the reader has held-out books (counts in the accuracy means)
    bool hit = false;         ///< at least one held-out book in the top k
};

/// The metrics of every reader of a RankingData together with what they were made of.
struct RankingDetail {
    RankingMetrics metrics;
    int k = 0;
    std::vector<ReaderFigures> readers; ///< in the order of RankingData::readers
    /// readers.size() lists of k book rows; -1 pads a list shorter than k.
    std::vector<std::int32_t> topLists;
};

/// Top-k lists for every reader of data (excluded books left out, ties by lower row), their
/// per-reader figures and the metrics. The per-reader figures are summed in reader order, so
/// the result does not depend on the thread count.
RankingDetail evaluateRankingDetail(const RankingData& data, const BlockScorer& scorer,
                                    const RankingConfig& config = {},
                                    const std::atomic<bool>& cancel = neverCancelled());

/// evaluateRankingDetail's metrics alone.
RankingMetrics evaluateRanking(const RankingData& data, const BlockScorer& scorer,
                               const RankingConfig& config = {},
                               const std::atomic<bool>& cancel = neverCancelled());

/// The metrics of a multiset of the detail's readers (indices into detail.readers, repeats
/// counted as often as they occur), summed in the given order; coverage and popularity come
/// from the chosen readers' lists. All readers in order give detail.metrics (seconds aside).
/// `recommendedScratch` (one byte per book row) is reused between calls to avoid allocation.
RankingMetrics summarizeReaders(const RankingData& data, const RankingDetail& detail,
                                std::span<const std::size_t> picks,
                                std::vector<std::uint8_t>& recommendedScratch);

/// Precision, recall, NDCG and average precision of one top-k list against a relevant set
/// (sorted ascending), as defined above; exposed for hand-checked tests.
struct ListMetrics {
    int hits = 0;
    double precision = 0.0;
    double recall = 0.0;
    double ndcg = 0.0;
    double averagePrecision = 0.0;
};
ListMetrics listMetrics(std::span<const std::int32_t> topK,
                        std::span<const std::int32_t> sortedRelevant, int k);

/// The popularity baseline's scorer: the most popular books the reader has not rated.
BlockScorer popularityScorer(const RankingData& data);
/// The random baseline's scorer: seeded uniform scores, the same for the same reader.
BlockScorer randomScorer(std::int32_t bookRows, std::uint64_t seed = 1);

} // namespace shelfscope
