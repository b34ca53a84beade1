#pragma once

#include "model/Model.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace shelfscope {

/// Which books each reader row read in training, as compressed rows: reader u's books are
/// books[offsets[u] .. offsets[u + 1]), ascending and distinct.
struct ReaderBooks {
    std::vector<std::int64_t> offsets{0};
    std::vector<std::int32_t> books;

    std::int32_t readers() const { return static_cast<std::int32_t>(offsets.size()) - 1; }
    std::span<const std::int32_t> of(std::int32_t reader) const {
        const auto begin = static_cast<std::size_t>(offsets[static_cast<std::size_t>(reader)]);
        const auto end = static_cast<std::size_t>(offsets[static_cast<std::size_t>(reader) + 1]);
        return {books.data() + begin, end - begin};
    }
};

/// Item-item weights W (books x books): reading book j adds W[j, i] to book i's score. Dense
/// (EASE) or sparse with a few neighbours per book (item-kNN), kept as per-book neighbour lists:
/// book i's list holds the books j with W[j, i] != 0.
struct ItemWeights {
    std::int32_t books = 0;
    Matrix dense; ///< books x books, row j = what reading j adds; empty when sparse
    std::vector<std::int64_t> neighbourOffsets; ///< sparse: books + 1 entries
    std::vector<std::int32_t> neighbours;       ///< sparse: book i's neighbours j
    std::vector<float> similarities;            ///< sparse: W[j, i] of each neighbour

    bool isDense() const { return dense.size() != 0; }
};

/// A model without embeddings: reader u's scores are x_u W, x_u the 0/1 vector of the books u
/// read in training. The weights and reader lists are shared (immutable), so copies are cheap.
class ItemItemModel : public Model {
public:
    /// `config.kind` is Ease or ItemKnn; `weights.books` books; throws std::invalid_argument when
    /// the reader lists or sparse lists name a book outside the weights.
    ItemItemModel(const ModelConfig& config, std::shared_ptr<const ItemWeights> weights,
                  std::shared_ptr<const ReaderBooks> readers);

    ModelKind kind() const override { return config_.kind; }
    std::int32_t userRows() const override { return readers_->readers(); }
    std::int32_t bookRows() const override { return weights_->books; }
    std::size_t parameterCount() const override;

    float predict(std::int32_t user, std::int32_t book) const override;
    void scoreAllBooks(std::int32_t user, std::span<float> out) const override;
    /// Sparse weights: each reader's scores are made once, for all of their rows.
    void predictBatch(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                      std::span<float> out) const override;
    BatchLoss computeGradients(const Batch& batch, const BatchRows& rows, float l2,
                               Gradients& gradients, ModelWorkspace& workspace) const override;
    std::unique_ptr<Model> clone() const override;

    /// out[i] = sum over j in books of W[j, i]: the scores of a reader who read `books` (rows).
    void scoreBooksOf(std::span<const std::int32_t> books, std::span<float> out) const;
    /// W[from, to]: what reading `from` adds to `to`'s score.
    float weight(std::int32_t from, std::int32_t to) const;
    /// How like `book` every book is, out[i]: EASE, the scores of a reader who read `book`
    /// alone (row `book` of W); item-kNN, its cosine to `book` when among book's neighbours,
    /// else 0 (column `book`, the neighbours the model keeps).
    void similarTo(std::int32_t book, std::span<float> out) const;
    /// The same weights with other readers: a model for new readers, who are scored as x W.
    std::unique_ptr<ItemItemModel> withReaders(std::shared_ptr<const ReaderBooks> readers) const;

    const ItemWeights& weights() const { return *weights_; }
    const ReaderBooks& readers() const { return *readers_; }
    std::shared_ptr<const ItemWeights> sharedWeights() const { return weights_; }

private:
    std::shared_ptr<const ItemWeights> weights_;
    std::shared_ptr<const ReaderBooks> readers_;
    /// Sparse weights transposed, listed by source book (book j's list: the books i it adds
    /// W[j, i] to), so a reader's scores cost their books' lists, not every book's.
    std::shared_ptr<const ItemWeights> outgoing_;
};

/// Every reader's distinct training books from (reader row, book row) pairs; `readers` rows.
ReaderBooks readerBooksOf(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                          std::int32_t readers);

} // namespace shelfscope
