#pragma once

#include "train/ProtocolFigures.h"

#include <atomic>
#include <string>
#include <vector>

namespace shelfscope {

/// The compared models of one split: the same held-out rows of the same data set, so the same
/// readers, the same validation half and the same held-out books. Validation figures are
/// compared only within a split: another split holds out other books (and, per reader, other
/// readers have any), so its NDCG is another task's.
struct SplitGroup {
    /// As reports show it: ProtocolResult::splitName, and "of DATA SET" when the models come
    /// from several data sets.
    std::string name;
    std::vector<int> models; ///< indices into the compared list, in list order
    int best = -1;           ///< the best NDCG@k on the validation readers (the first of equals)
};

/// A model's NDCG@k over all its evaluated readers minus its split's best's, with a 95%
/// interval from the paired bootstrap (pairedDifference: the replicates of each model's own
/// interval), so a user can tell a real difference from noise.
struct DifferenceToBest {
    bool available = false; ///< false for the best itself, or when the two runs' readers differ
    double value = 0.0;
    Interval interval;
};

/// What a comparison concludes: its splits, each split's best on validation, the default
/// recommender and every model's difference from its split's best.
struct ComparisonSummary {
    std::vector<SplitGroup> splits; ///< in order of first appearance
    std::vector<int> splitOf;       ///< per model: its split's index in `splits`
    int defaultSplit = -1;          ///< the split the default recommender is taken from
    int defaultModel = -1;          ///< that split's best on validation; -1 when none compared
    /// Why defaultSplit was taken: by the splits' fixed order (the notebook's, then per-user,
    /// then random), so runs added on another split never move the default there; among
    /// splits of one kind (other seeds, fractions or data sets), the first listed.
    enum class SplitChoice { Only, SplitOrder, FirstOfItsKind } choice = SplitChoice::Only;
    std::vector<DifferenceToBest> toBest; ///< per model
};

/// Groups the models by split (ProtocolResult::splitName and the data set), takes each split's
/// best NDCG@k on its validation readers, the default recommender from the split with the most
/// runs (a tie: the notebook's split, else the first), and each model's paired difference in
/// NDCG@k from its split's best. The one rule the CLI's compare and the GUI's Compare tab use.
ComparisonSummary summarizeComparison(const std::vector<ComparedModel>& models,
                                      const std::atomic<bool>& cancel = neverCancelled());

/// Says which model is the default recommender and exactly what was compared to choose it, in
/// a few sentences (the CLI prints them, the Compare tab shows them); empty when none.
std::string defaultReason(const std::vector<ComparedModel>& models,
                          const ComparisonSummary& summary);

/// "NDCG@10 vs best": the heading of the difference in tables.
std::string differenceLabel(int k);

/// The comparison as CSV: header model,split,readers,metric,label,value,low,high and one row per
/// model and available figure (low and high empty for a figure without an interval), then for
/// each model but its split's best a row "ndcg_vs_best" labelled "NDCG@10 minus BEST" (its
/// NDCG@k minus the best's, with the paired interval); fields quoted where they need it, numbers
/// with a dot whatever the locale.
std::string comparisonCsv(const std::vector<ComparedModel>& models,
                          const ComparisonSummary& summary);

} // namespace shelfscope
