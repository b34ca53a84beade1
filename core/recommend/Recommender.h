#pragma once

#include "data/Dataset.h"
#include "model/ItemItemModel.h"
#include "model/Model.h"
#include "model/ModelFile.h"
#include "recommend/FoldIn.h"
#include "recommend/ReaderShelves.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shelfscope {

enum class ToReadPolicy {
    Flag,    ///< recommend them, marked as already on the reader's to-read list
    Exclude, ///< leave them out
};

struct RecommendConfig {
    int top = 10;
    bool excludeRated = true;
    ToReadPolicy toRead = ToReadPolicy::Flag;
    /// Ratings at or above this count as liked, for "because you liked" (the reader's best
    /// rated books are used when none reaches it).
    float likedRating = 4.0f;
    FoldInConfig foldIn;
    /// Overrides the popularity blend the model file records (0: the model's scores alone).
    std::optional<float> popularityBlend;
};

/// A book as the reader sees it.
struct BookInfo {
    std::int32_t id = 0;
    std::string title;
    std::string authors;
    std::optional<int> year;
    std::optional<float> averageRating;
};

struct Recommendation {
    BookInfo book;
    float predictedRating = 0.0f;
    bool onToReadList = false;
    /// The reader's liked book closest to this one in embedding space (cosine), if that cosine
    /// is positive; for an item-item model (EASE, item-kNN) the read book adding most to its
    /// score, W[j, i] > 0.
    std::optional<BookInfo> because;
    float becauseSimilarity = 0.0f; ///< the cosine, or the item-item weight W[j, i]
};

/// What a recommendation's `because` book is.
enum class BecauseKind {
    /// The reader's liked book nearest to it by the cosine of the book embeddings.
    LikedNearest,
    /// The read book (any rating) adding most to an item-item model's score: the weight W[j, i].
    ReadWeight,
};

struct RecommendResult {
    std::vector<Recommendation> items;
    BecauseKind because = BecauseKind::LikedNearest;
    std::size_t ratedExcluded = 0;
    std::size_t toReadExcluded = 0;
};

struct SimilarBook {
    BookInfo book;
    /// Cosine of the embeddings; item-item models: EASE's W[book, i] (the score reading the book
    /// alone gives i), item-kNN's shrunk cosine (0 outside the book's kept neighbours).
    float similarity = 0.0f;
};

/// Recommendations, explanations and similar books from a trained model on its data set. Book
/// and reader ids are the data set's own (books.csv's book_id, ratings.csv's user_id); unknown
/// ids throw std::invalid_argument naming the id.
class Recommender {
public:
    /// `shelves` (the data set's readers, grouped once and shared by every run) is built here
    /// when not given.
    Recommender(const Model& model, const ModelMetadata& metadata, const Dataset& dataset,
                std::shared_ptr<const ReaderShelves> shelves = nullptr);

    /// Top books for a reader of the data set, scored for every book in one batched call.
    RecommendResult forReader(std::int32_t userId, const RecommendConfig& config = {}) const;
    /// Top books for a new reader from (book id, rating) pairs, by fold-in; rated books are
    /// excluded unless config says otherwise.
    RecommendResult forNewReader(const std::vector<std::pair<std::int32_t, float>>& ratings,
                                 const RecommendConfig& config = {}) const;
    /// The k books nearest to a book by cosine similarity of the embeddings, best first (an
    /// item-item model: by its weights, see SimilarBook; item-kNN lists only the book's kept
    /// neighbours, so fewer than k when it keeps fewer).
    std::vector<SimilarBook> similarBooks(std::int32_t bookId, int k = 10) const;

    BookInfo describe(std::int32_t bookId) const;
    bool knowsReader(std::int32_t userId) const { return userRow_.count(userId) != 0; }
    bool knowsBook(std::int32_t bookId) const { return bookRow_.count(bookId) != 0; }
    const ReaderShelves& shelves() const { return *shelves_; }
    /// The popularity blend the model file records (used unless a config overrides it).
    float popularityBlend() const { return blend_; }
    /// Whether the model ranks books (BPR, implicit ALS, EASE, item-kNN): its scores order books
    /// and are no stars.
    bool ranksBooks() const { return rankingModel_; }
    const Model& model() const { return model_; }
    std::int32_t bookRow(std::int32_t bookId) const;
    std::int32_t userRow(std::int32_t userId) const;

private:
    struct Rated {
        std::int32_t bookRow;
        float rating;
    };
    RecommendResult rank(std::span<float> scores, const std::vector<Rated>& rated,
                         const std::vector<std::int32_t>& toReadRows,
                         const RecommendConfig& config) const;

    const Model& model_;
    const Dataset& dataset_;
    std::vector<std::int32_t> bookRawIds_; ///< per model book row (0: none)
    std::unordered_map<std::int32_t, std::int32_t> userRow_;
    std::unordered_map<std::int32_t, std::int32_t> bookRow_;
    Matrix unitBooks_; ///< book embeddings scaled to unit length, for cosine similarity
    const ItemItemModel* itemItem_ = nullptr; ///< the model, when it is item-item (no embeddings)
    /// log(1 + popularity) per book row, popularity being books.csv's ratings_count (the data
    /// set's rating counts where books.csv lacks it); scores get blend_ times it added.
    std::vector<float> logPopularity_;
    float blend_ = 0.0f;        ///< as the model file records it
    bool rankingModel_ = false; ///< scores rank books (BPR): new readers are folded in by rank
    /// An implicit-ALS model's settings: new readers are folded in by one exact ALS solve.
    std::optional<ImplicitFoldIn> implicitFoldIn_;
    std::shared_ptr<const ReaderShelves> shelves_;
};

} // namespace shelfscope
