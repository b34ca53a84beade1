#pragma once

// Two models whose order on the validation readers and over all readers differ, so that a test
// can tell "best on validation" from "best over everyone" (docs/RANKING.md's default rule).

#include "model/Model.h"
#include "train/RankingEvaluation.h"

#include <memory>
#include <utility>
#include <vector>

namespace validation_fixture {

using namespace shelfscope;

/// From a trained dot model whose rows are the data set's readers in order (dense indexing):
/// - first, the validation leader: the model's own reader vectors on the validation half (half
///   0 of `seed`), negated on the other half, where its lists become the model's worst books;
/// - second, the overall leader: the model's own vectors on the other half, and on the
///   validation half each reader gets the next validation reader's vector (a stranger's taste:
///   worse than their own, far better than its opposite).
/// So the first is better on validation and the second over every reader.
inline std::pair<std::unique_ptr<Model>, std::unique_ptr<Model>> splitLeaders(const Model& trained,
                                                                              std::uint64_t seed) {
    std::unique_ptr<Model> validationLeader = trained.clone();
    std::unique_ptr<Model> overallLeader = trained.clone();
    Matrix& own = validationLeader->parameters()[0].values;
    Matrix& borrowed = overallLeader->parameters()[0].values;
    std::vector<Eigen::Index> validation;
    for (Eigen::Index row = 0; row < own.rows(); ++row) {
        if (readerHalfOf(static_cast<std::int32_t>(row), seed) == 0)
            validation.push_back(row);
        else
            own.row(row) = -own.row(row);
    }
    for (std::size_t i = 0; i < validation.size(); ++i)
        borrowed.row(validation[i]) =
            trained.userEmbeddings().row(validation[(i + 1) % validation.size()]);
    return {std::move(validationLeader), std::move(overallLeader)};
}

} // namespace validation_fixture
