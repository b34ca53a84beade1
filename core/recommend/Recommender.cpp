#include "recommend/Recommender.h"

#include "io/FieldParsing.h"
#include "io/NumberText.h"
#include "maps/Pca.h"
#include "train/Experiment.h"
#include "train/TrainingData.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

Recommender::Recommender(const Model& model, const ModelMetadata& metadata, const Dataset& dataset,
                         std::shared_ptr<const ReaderShelves> shelves)
    : model_(model), dataset_(dataset), bookRawIds_(metadata.bookRawIds),
      userRow_(rowsByRawId(metadata.userRawIds)), bookRow_(rowsByRawId(metadata.bookRawIds)),
      itemItem_(dynamic_cast<const ItemItemModel*>(&model)), shelves_(std::move(shelves)) {
    if (model.hasEmbeddings())
        unitBooks_ = normalizedRows(model.bookEmbeddings());
    else if (itemItem_ == nullptr)
        throw std::invalid_argument(std::string("the ") + modelKindName(model.kind()) +
                                    " model has neither embeddings nor item-item weights");
    if (metadata.bookRawIds.size() != static_cast<std::size_t>(model.bookRows()) ||
        metadata.userRawIds.size() != static_cast<std::size_t>(model.userRows()))
        throw std::invalid_argument("the model's id maps do not match its embedding tables");
    if (!shelves_)
        shelves_ = std::make_shared<const ReaderShelves>(dataset);
    const RatingTable& ratings = dataset.ratings;

    rankingModel_ = !predictsRatings(metadata) || itemItem_ != nullptr;
    if (const ExperimentConfig experiment = experimentOf(metadata);
        experiment.objective == TrainObjective::ImplicitAls)
        implicitFoldIn_ = ImplicitFoldIn{experiment.als.confidence, experiment.als.regularization};
    const auto blend = metadata.notes.find("popularity_blend");
    // parseFiniteNumber, not strtof: under a decimal-comma locale strtof reads "0.25" as 0.
    const std::optional<double> parsed =
        blend == metadata.notes.end() ? std::nullopt : parseFiniteNumber(blend->second);
    const float weight = parsed ? static_cast<float>(*parsed) : 0.0f;
    blend_ = weight > 0.0f && std::isfinite(weight) ? weight : 0.0f;
    std::vector<std::int64_t> counts(static_cast<std::size_t>(ratings.bookCount()), 0);
    for (std::int32_t b : ratings.bookIndex)
        ++counts[static_cast<std::size_t>(b)];
    logPopularity_.assign(bookRawIds_.size(), 0.0f);
    for (std::size_t row = 0; row < bookRawIds_.size(); ++row) {
        if (bookRawIds_[row] == 0)
            continue;
        const Book* book = dataset.books.find(bookRawIds_[row]);
        std::int64_t popularity = book != nullptr ? book->ratingsCount : 0;
        if (popularity <= 0)
            if (const auto index = ratings.books.indexOf(bookRawIds_[row]))
                popularity = counts[static_cast<std::size_t>(*index)];
        logPopularity_[row] = std::log1p(static_cast<float>(popularity));
    }
}

std::int32_t Recommender::bookRow(std::int32_t bookId) const {
    const auto found = bookRow_.find(bookId);
    if (found == bookRow_.end())
        throw std::invalid_argument("book " + std::to_string(bookId) +
                                    " is not in the model (no ratings in its training data)");
    return found->second;
}

std::int32_t Recommender::userRow(std::int32_t userId) const {
    const auto found = userRow_.find(userId);
    if (found == userRow_.end())
        throw std::invalid_argument("reader " + std::to_string(userId) +
                                    " is not in the model (no ratings in its training data)");
    return found->second;
}

BookInfo Recommender::describe(std::int32_t bookId) const {
    BookInfo info;
    info.id = bookId;
    if (const Book* book = dataset_.books.find(bookId)) {
        info.title = book->title;
        info.authors = book->authors;
        info.year = book->year;
        info.averageRating = book->averageRating;
    } else {
        info.title = dataset_.books.displayTitle(bookId);
    }
    return info;
}

RecommendResult Recommender::forReader(std::int32_t userId, const RecommendConfig& config) const {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const std::int32_t row = userRow(userId);
    std::vector<float> scores(static_cast<std::size_t>(model_.bookRows()));
    model_.scoreAllBooks(row, scores);
    std::vector<Rated> rated;
    std::vector<std::int32_t> toRead;
    for (const ShelfEntry& entry : shelves_->rated(userId))
        if (const auto found = bookRow_.find(entry.bookId); found != bookRow_.end())
            rated.push_back({found->second, entry.rating});
    for (std::int32_t bookId : shelves_->toRead(userId))
        if (const auto found = bookRow_.find(bookId); found != bookRow_.end())
            toRead.push_back(found->second);
    return rank(scores, rated, toRead, config);
}

RecommendResult
Recommender::forNewReader(const std::vector<std::pair<std::int32_t, float>>& ratings,
                          const RecommendConfig& config) const {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (ratings.empty())
        throw std::invalid_argument("give at least one rated book for a new reader");
    const RatingScale scale = dataset_.ratings.scale;
    std::vector<std::int32_t> rows;
    std::vector<float> values;
    std::vector<Rated> rated;
    for (const auto& [bookId, rating] : ratings) {
        if (!std::isfinite(rating) || rating < scale.min || rating > scale.max)
            throw std::invalid_argument("the rating of book " + std::to_string(bookId) +
                                        " is outside the scale " + shortestText(scale.min) +
                                        " to " + shortestText(scale.max));
        rows.push_back(bookRow(bookId));
        values.push_back(rating);
        rated.push_back({rows.back(), rating});
    }
    FoldInConfig foldIn = config.foldIn;
    foldIn.ranking = foldIn.ranking || rankingModel_;
    if (!foldIn.implicit)
        foldIn.implicit = implicitFoldIn_;
    const std::unique_ptr<Model> reader = foldInReader(model_, rows, values, foldIn);
    std::vector<float> scores(static_cast<std::size_t>(model_.bookRows()));
    reader->scoreAllBooks(0, scores);
    return rank(scores, rated, {}, config);
}

RecommendResult Recommender::rank(std::span<float> scores, const std::vector<Rated>& rated,
                                  const std::vector<std::int32_t>& toReadRows,
                                  const RecommendConfig& config) const {
    const float weight = config.popularityBlend.value_or(blend_);
    if (weight != 0.0f)
        for (std::size_t row = 0; row < logPopularity_.size() && row < scores.size(); ++row)
            scores[row] += weight * logPopularity_[row];
    enum Mark : std::uint8_t { Candidate, Excluded, ToRead };
    std::vector<std::uint8_t> marks(scores.size(), Candidate);
    for (std::size_t row = 0; row < scores.size(); ++row)
        if (bookRawIds_[row] == 0)
            marks[row] = Excluded; // an embedding row no book maps to (raw-id tables)
    RecommendResult result;
    if (config.excludeRated)
        for (const Rated& r : rated)
            if (marks[static_cast<std::size_t>(r.bookRow)] != Excluded) {
                marks[static_cast<std::size_t>(r.bookRow)] = Excluded;
                ++result.ratedExcluded;
            }
    for (std::int32_t row : toReadRows) {
        std::uint8_t& mark = marks[static_cast<std::size_t>(row)];
        if (mark == Excluded)
            continue;
        mark = config.toRead == ToReadPolicy::Exclude ? Excluded : ToRead;
        if (mark == Excluded)
            ++result.toReadExcluded;
    }
    std::vector<std::int32_t> candidates;
    for (std::size_t row = 0; row < scores.size(); ++row)
        if (marks[row] != Excluded)
            candidates.push_back(static_cast<std::int32_t>(row));
    const auto wanted =
        std::min(candidates.size(), static_cast<std::size_t>(std::max(0, config.top)));
    // Highest score first; equal scores by ascending book id, so the order never depends on
    // the embedding-row layout.
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(wanted),
                      candidates.end(), [&](std::int32_t a, std::int32_t b) {
                          const float sa = scores[static_cast<std::size_t>(a)];
                          const float sb = scores[static_cast<std::size_t>(b)];
                          if (sa != sb)
                              return sa > sb;
                          return bookRawIds_[static_cast<std::size_t>(a)] <
                                 bookRawIds_[static_cast<std::size_t>(b)];
                      });
    result.because = itemItem_ != nullptr ? BecauseKind::ReadWeight : BecauseKind::LikedNearest;
    std::vector<std::int32_t> liked;
    for (const Rated& r : rated)
        if (itemItem_ != nullptr || r.rating >= config.likedRating)
            liked.push_back(r.bookRow); // every read book adds to an item-item model's scores
    if (liked.empty() && !rated.empty()) {
        const float best =
            std::max_element(rated.begin(), rated.end(), [](const Rated& a, const Rated& b) {
                return a.rating < b.rating;
            })->rating;
        for (const Rated& r : rated)
            if (r.rating == best)
                liked.push_back(r.bookRow);
    }
    for (std::size_t i = 0; i < wanted; ++i) {
        const auto row = static_cast<std::size_t>(candidates[i]);
        Recommendation item;
        item.book = describe(bookRawIds_[row]);
        item.predictedRating = scores[row];
        item.onToReadList = marks[row] == ToRead;
        std::int32_t bestLiked = -1;
        float bestSimilarity = -2.0f;
        for (std::int32_t likedRow : liked) {
            if (static_cast<std::size_t>(likedRow) == row)
                continue;
            const float similarity =
                itemItem_ != nullptr
                    ? itemItem_->weight(likedRow, static_cast<std::int32_t>(row))
                    : unitBooks_.row(static_cast<Eigen::Index>(row)).dot(unitBooks_.row(likedRow));
            if (similarity > bestSimilarity ||
                (similarity == bestSimilarity &&
                 bookRawIds_[static_cast<std::size_t>(likedRow)] <
                     bookRawIds_[static_cast<std::size_t>(bestLiked)])) {
                bestSimilarity = similarity;
                bestLiked = likedRow;
            }
        }
        // Only a book pointing the same way explains this one: a cosine at or below 0 (or an
        // item-item weight that does not add to its score) says the two are unlike, so the
        // reader is offered no reason rather than a contrary one.
        if (bestLiked >= 0 && bestSimilarity > 0.0f) {
            item.because = describe(bookRawIds_[static_cast<std::size_t>(bestLiked)]);
            item.becauseSimilarity = bestSimilarity;
        }
        result.items.push_back(std::move(item));
    }
    return result;
}

std::vector<SimilarBook> Recommender::similarBooks(std::int32_t bookId, int k) const {
    const std::int32_t row = bookRow(bookId);
    Eigen::VectorXf similarity;
    if (itemItem_ != nullptr) {
        similarity.resize(itemItem_->bookRows());
        itemItem_->similarTo(row, {similarity.data(), static_cast<std::size_t>(similarity.size())});
    } else {
        similarity = unitBooks_ * unitBooks_.row(row).transpose();
    }
    // Item-kNN keeps a few neighbours per book; the other books score 0 and are not alike in the
    // model, so they are not listed to fill k.
    const bool keptOnly = itemItem_ != nullptr && itemItem_->kind() == ModelKind::ItemKnn;
    std::vector<std::int32_t> candidates;
    for (Eigen::Index r = 0; r < similarity.size(); ++r)
        if (r != row && bookRawIds_[static_cast<std::size_t>(r)] != 0 &&
            (!keptOnly || similarity(r) > 0.0f))
            candidates.push_back(static_cast<std::int32_t>(r));
    const auto wanted = std::min(candidates.size(), static_cast<std::size_t>(std::max(0, k)));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(wanted),
                      candidates.end(), [&](std::int32_t a, std::int32_t b) {
                          if (similarity(a) != similarity(b))
                              return similarity(a) > similarity(b);
                          return bookRawIds_[static_cast<std::size_t>(a)] <
                                 bookRawIds_[static_cast<std::size_t>(b)];
                      });
    std::vector<SimilarBook> result;
    for (std::size_t i = 0; i < wanted; ++i)
        result.push_back({describe(bookRawIds_[static_cast<std::size_t>(candidates[i])]),
                          similarity(candidates[i])});
    return result;
}

} // namespace shelfscope
