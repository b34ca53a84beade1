#include "train/RankingEvaluation.h"

#include "io/FieldParsing.h"
#include "util/Random.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace shelfscope {

int readerHalfOf(std::int32_t readerIndex, std::uint64_t seed) {
    Random hash(seed ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(readerIndex + 1)));
    return static_cast<int>(hash.nextU64() & 1u);
}

RankingData rankingData(const Dataset& dataset, const RatingTable& table,
                        const ExperimentConfig& config, const ModelMetadata& metadata,
                        const RankingDataConfig& options) {
    TrainingDataConfig dataConfig = config.data;
    dataConfig.validationFraction = 0.0; // every training row is a row the model has seen
    const TrainingData rows =
        prepareTrainingData(table, experimentSplit(table, config), dataConfig);
    const auto userRows = static_cast<std::size_t>(rows.userRows);
    RankingData data;
    data.bookRows = rows.bookRows;
    data.popularity.assign(static_cast<std::size_t>(rows.bookRows), 0);
    std::vector<std::vector<std::int32_t>> seen(userRows);
    std::vector<std::vector<std::int32_t>> held(userRows);
    for (std::size_t i = 0; i < rows.train.size(); ++i) {
        seen[static_cast<std::size_t>(rows.train.users[i])].push_back(rows.train.books[i]);
        ++data.popularity[static_cast<std::size_t>(rows.train.books[i])];
    }
    for (std::size_t i = 0; i < rows.test.size(); ++i)
        if (rows.test.ratings[i] >= options.relevantRating)
            held[static_cast<std::size_t>(rows.test.users[i])].push_back(rows.test.books[i]);
    // A reader's index among the table's readers: a densely indexed model's row, the user_id's
    // index for a model whose rows are user_ids.
    std::vector<std::int32_t> readerIndex(userRows, -1);
    for (std::size_t u = 0; u < userRows && u < metadata.userRawIds.size(); ++u)
        if (const auto index = table.users.indexOf(metadata.userRawIds[u]))
            readerIndex[u] = *index;
    // A test book the reader also rated in training (a repeated pair) is no discovery.
    std::vector<std::int32_t> candidates;
    for (std::size_t u = 0; u < userRows; ++u) {
        std::sort(seen[u].begin(), seen[u].end());
        std::erase_if(held[u], [&](std::int32_t b) {
            return std::binary_search(seen[u].begin(), seen[u].end(), b);
        });
        if (!held[u].empty() || (options.everyReader && !seen[u].empty()))
            candidates.push_back(static_cast<std::int32_t>(u));
    }
    if (options.readerHalf >= 0)
        std::erase_if(candidates, [&](std::int32_t u) {
            return readerHalfOf(readerIndex[static_cast<std::size_t>(u)], options.seed) !=
                   options.readerHalf;
        });
    if (options.maxReaders > 0 &&
        static_cast<std::int64_t>(candidates.size()) > options.maxReaders) {
        Random random(options.seed);
        for (std::size_t i = 0; i < static_cast<std::size_t>(options.maxReaders); ++i)
            std::swap(
                candidates[i],
                candidates[i + static_cast<std::size_t>(random.below(candidates.size() - i))]);
        candidates.resize(static_cast<std::size_t>(options.maxReaders));
        std::sort(candidates.begin(), candidates.end());
    }
    // To-read entries are in the data set's index space: map them through raw ids.
    const auto userRow = rowsByRawId(metadata.userRawIds);
    const auto bookRow = rowsByRawId(metadata.bookRawIds);
    std::vector<std::vector<std::int32_t>> toRead(userRows);
    for (std::size_t i = 0; i < dataset.toRead.size(); ++i) {
        const auto user = userRow.find(dataset.ratings.users.rawId(dataset.toRead.userIndex[i]));
        const auto book = bookRow.find(dataset.ratings.books.rawId(dataset.toRead.bookIndex[i]));
        if (user != userRow.end() && book != bookRow.end() &&
            static_cast<std::size_t>(user->second) < userRows)
            toRead[static_cast<std::size_t>(user->second)].push_back(book->second);
    }
    for (std::int32_t u : candidates) {
        data.readers.push_back(u);
        data.readerIndices.push_back(readerIndex[static_cast<std::size_t>(u)]);
        data.exclude.add(std::move(seen[static_cast<std::size_t>(u)]));
        data.relevant.add(std::move(held[static_cast<std::size_t>(u)]));
        data.toRead.add(std::move(toRead[static_cast<std::size_t>(u)]));
    }
    data.recommendable.assign(static_cast<std::size_t>(rows.bookRows), 0);
    for (std::size_t b = 0; b < metadata.bookRawIds.size() && b < data.recommendable.size(); ++b)
        data.recommendable[b] = metadata.bookRawIds[b] != 0 ? 1 : 0;
    // goodbooks-10k caps every book at about 100 ratings, so counts in the file say little
    // about popularity; books.csv's Goodreads ratings_count does. Use it where every
    // recommendable book has one.
    std::vector<std::int64_t> catalogueCounts(data.popularity.size(), 0);
    bool complete = true;
    for (std::size_t b = 0; b < catalogueCounts.size(); ++b) {
        if (!data.recommendable[b])
            continue;
        const Book* book = dataset.books.find(metadata.bookRawIds[b]);
        if (book == nullptr || book->ratingsCount <= 0) {
            complete = false;
            break;
        }
        catalogueCounts[b] = book->ratingsCount;
    }
    if (complete) {
        data.popularity = std::move(catalogueCounts);
        data.popularitySource = "books.csv ratings_count";
    } else {
        data.popularitySource = "training ratings";
    }
    return data;
}

BlockScorer blendedScorer(const Model& model, const RankingData& data, float weight) {
    Eigen::RowVectorXf prior(data.bookRows);
    for (std::int32_t b = 0; b < data.bookRows; ++b)
        prior(b) =
            weight * std::log1p(static_cast<float>(data.popularity[static_cast<std::size_t>(b)]));
    return [&model, prior](std::span<const std::int32_t> readers, Matrix& out) {
        model.scoreAllBooksFor(readers, out);
        out.rowwise() += prior;
    };
}

BlockScorer popularCandidatesScorer(const Model& model, const RankingData& data,
                                    std::int32_t candidates) {
    std::vector<std::int32_t> byPopularity(static_cast<std::size_t>(data.bookRows));
    std::iota(byPopularity.begin(), byPopularity.end(), 0);
    std::stable_sort(byPopularity.begin(), byPopularity.end(), [&](std::int32_t a, std::int32_t b) {
        return data.popularity[static_cast<std::size_t>(a)] >
               data.popularity[static_cast<std::size_t>(b)];
    });
    std::vector<std::uint8_t> candidate(static_cast<std::size_t>(data.bookRows), 0);
    for (std::int32_t i = 0; i < std::min(candidates, data.bookRows); ++i)
        candidate[static_cast<std::size_t>(byPopularity[static_cast<std::size_t>(i)])] = 1;
    return [&model, candidate](std::span<const std::int32_t> readers, Matrix& out) {
        model.scoreAllBooksFor(readers, out);
        for (Eigen::Index r = 0; r < out.rows(); ++r) {
            float lowestCandidate = std::numeric_limits<float>::infinity();
            float highestOther = -lowestCandidate;
            for (Eigen::Index b = 0; b < out.cols(); ++b) {
                if (candidate[static_cast<std::size_t>(b)])
                    lowestCandidate = std::min(lowestCandidate, out(r, b));
                else
                    highestOther = std::max(highestOther, out(r, b));
            }
            if (highestOther < lowestCandidate)
                continue; // the candidates come first already
            // Lower the other books below every candidate by a shift of the scores' own size:
            // the candidates keep their scores exactly and the others their order (a lift of
            // 1e6, as before, rounds float scores to 0.0625 and ties the model's order).
            const float margin =
                std::max(1.0f, 1e-3f * (std::fabs(highestOther) + std::fabs(lowestCandidate)));
            const float shift = highestOther - lowestCandidate + margin;
            for (Eigen::Index b = 0; b < out.cols(); ++b)
                if (!candidate[static_cast<std::size_t>(b)])
                    out(r, b) -= shift;
        }
    };
}

float recordedPopularityBlend(const ModelMetadata& metadata) {
    const auto found = metadata.notes.find("popularity_blend");
    if (found == metadata.notes.end())
        return 0.0f;
    // parseFiniteNumber, not strtof: under a decimal-comma locale strtof reads "0.25" as 0.
    const std::optional<double> weight = parseFiniteNumber(found->second);
    return weight && *weight >= 0.0 ? static_cast<float>(*weight) : 0.0f;
}

BlockScorer modelScorer(const Model& model) {
    return [&model](std::span<const std::int32_t> readers, Matrix& out) {
        model.scoreAllBooksFor(readers, out);
    };
}

} // namespace shelfscope
