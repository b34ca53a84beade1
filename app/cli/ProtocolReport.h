#pragma once

#include "CommandLine.h"
#include "io/JsonWriter.h"
#include "train/ProtocolFigures.h"

#include <string>

namespace shelfscope::cli {

/// The protocol settings evaluate and compare share: k, threads, relevant rating, seed (of the
/// reader sample, the halves and the bootstrap) and the bootstrap's replicates.
ProtocolConfig protocolOptions(const CommandLine& options);

/// "0.1150 [0.1102, 0.1198]" with the figure's decimals; the value alone for a figure without
/// an interval (coverage); "-" when it is not available.
std::string withInterval(const ProtocolFigure& figure);

/// The protocol's settings in one sentence: split, k, readers, relevance, bootstrap.
std::string protocolSummary(const ProtocolResult& result, float relevantRating);

/// Adds "NAME": {metric: value, ..., "intervals": {metric: [low, high], ...}} for ranking
/// figures (the keys evaluate --json has always printed, plus the intervals of every metric but
/// coverage).
void addRankingJson(JsonWriter& json, const char* name, const RankingMetrics& metrics,
                    const RankingIntervals& intervals);

/// Adds the result's figures as "figures": [{"metric", "label", "value", "low", "high"}, ...]
/// (unavailable ones left out; no "low" and "high" for coverage) and the validation NDCG.
void addFiguresJson(JsonWriter& json, const ProtocolResult& result);

} // namespace shelfscope::cli
