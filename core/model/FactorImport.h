#pragma once

#include "data/Dataset.h"
#include "model/FactorTable.h"
#include "model/ModelFile.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

/// What to do with factors whose id the data set does not have.
enum class UnknownFactorIds {
    Refuse, ///< a DataError naming the first such id's file and line (the factors are likely
            ///< from another data set)
    Drop,   ///< leave them out and count them (factors trained on a superset of the ratings)
};

struct FactorImportConfig {
    std::string userFactors; ///< a file, or a folder (Spark's part files, or Projector TSV)
    std::string bookFactors;
    FactorFormat format = FactorFormat::Detect; ///< for both sources
    /// Binds the model to this data set: its fingerprint and name go into the model, and rows
    /// follow its ids as a model trained on it would. Without one the model is bound to none,
    /// and the app and the commands refuse it as from another data set.
    const Dataset* dataset = nullptr;
    UnknownFactorIds unknownIds = UnknownFactorIds::Refuse;
    /// The factors score preferences (implicit-feedback ALS), not ratings: the model is marked
    /// as a ranking model, so recommendations show scores instead of predicted stars.
    bool ranking = false;
};

/// What importing found on one side (users or books).
struct FactorSideSummary {
    FactorFormat format = FactorFormat::Detect;
    std::vector<std::string> files; ///< every file read
    std::int64_t read = 0;          ///< rows of factors read
    std::int64_t dropped = 0;       ///< rows whose id the data set lacks, left out
    std::int64_t missing = 0;       ///< ids of the data set with no factors (zero rows, id 0)
};

struct FactorImportResult {
    SavedModel saved; ///< a dot model without biases: prediction = <user factors, book factors>
    FactorSideSummary users;
    FactorSideSummary books;
};

/// Reads user and book factors (see readFactorTable for the formats and checks) and makes a dot
/// model of them, with dim = the feature count and no biases. With a data set, its users and
/// books that have no factors keep a zero row marked as no user/book (id 0). Throws DataError
/// naming file, line and problem; OperationCancelled when `cancel` is set.
FactorImportResult importFactors(const FactorImportConfig& config,
                                 const ProgressCallback& progress = {},
                                 const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
