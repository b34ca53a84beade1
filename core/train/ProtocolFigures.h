#pragma once

#include "train/EvaluationProtocol.h"

#include <string>
#include <vector>

namespace shelfscope {

/// One figure of a protocol result as every report shows it (CLI table, JSON, CSV, the GUI).
struct ProtocolFigure {
    std::string key;   ///< stable name for JSON and CSV: "ndcg", "rmse", ...
    std::string label; ///< for tables and charts: "NDCG@10"
    double value = 0.0;
    Interval interval;
    bool available = true; ///< false: the model has no such figure (RMSE of a ranking model)
    /// false: no interval is meaningful for it (coverage: kNoCoverageInterval says why); reports
    /// show the value alone.
    bool hasInterval = true;
    bool higherIsBetter = true;
    int decimals = 4; ///< what a table shows
};

/// Why coverage has no interval, in one sentence for every report that shows it.
inline constexpr const char* kNoCoverageInterval =
    "Coverage has no interval: it is the share of books in anyone's list, a property of the "
    "whole set of lists rather than a mean over readers, and a resample of readers always lists "
    "fewer books, so a bootstrap over readers cannot bracket it.";

/// The figures of a result in report order: precision, recall, NDCG and MAP at k, hit rate,
/// coverage, popularity, to-read hits and share, RMSE and MAE (unavailable for ranking models).
std::vector<ProtocolFigure> protocolFigures(const ProtocolResult& result);

/// A model's name and its protocol result, for a comparison table.
struct ComparedModel {
    std::string name;
    ProtocolResult result;
};

} // namespace shelfscope
