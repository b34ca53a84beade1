#include "model/ItemItemModel.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace shelfscope {

namespace {

void checkSparse(const ItemWeights& w) {
    const auto books = static_cast<std::size_t>(w.books);
    if (w.neighbourOffsets.size() != books + 1 || w.neighbourOffsets.front() != 0 ||
        w.neighbourOffsets.back() != static_cast<std::int64_t>(w.neighbours.size()) ||
        w.similarities.size() != w.neighbours.size())
        throw std::invalid_argument("the item-item neighbour lists are inconsistent");
    for (std::size_t i = 0; i < books; ++i)
        if (w.neighbourOffsets[i] > w.neighbourOffsets[i + 1])
            throw std::invalid_argument("the item-item neighbour lists are inconsistent");
    for (std::int32_t j : w.neighbours)
        if (j < 0 || j >= w.books)
            throw std::invalid_argument("an item-item neighbour names book row " +
                                        std::to_string(j) + " outside the model");
}

/// The transposed lists: for each source book j, the books i with W[j, i] != 0.
std::shared_ptr<const ItemWeights> transposed(const ItemWeights& w) {
    auto out = std::make_shared<ItemWeights>();
    out->books = w.books;
    const auto books = static_cast<std::size_t>(w.books);
    out->neighbourOffsets.assign(books + 1, 0);
    for (std::int32_t j : w.neighbours)
        ++out->neighbourOffsets[static_cast<std::size_t>(j) + 1];
    for (std::size_t j = 0; j < books; ++j)
        out->neighbourOffsets[j + 1] += out->neighbourOffsets[j];
    out->neighbours.resize(w.neighbours.size());
    out->similarities.resize(w.neighbours.size());
    std::vector<std::int64_t> next(out->neighbourOffsets.begin(), out->neighbourOffsets.end() - 1);
    for (std::size_t i = 0; i < books; ++i)
        for (auto e = w.neighbourOffsets[i]; e < w.neighbourOffsets[i + 1]; ++e) {
            const auto j = static_cast<std::size_t>(w.neighbours[static_cast<std::size_t>(e)]);
            const auto slot = static_cast<std::size_t>(next[j]++);
            out->neighbours[slot] = static_cast<std::int32_t>(i);
            out->similarities[slot] = w.similarities[static_cast<std::size_t>(e)];
        }
    return out;
}

} // namespace

ItemItemModel::ItemItemModel(const ModelConfig& config, std::shared_ptr<const ItemWeights> weights,
                             std::shared_ptr<const ReaderBooks> readers)
    : Model(config), weights_(std::move(weights)), readers_(std::move(readers)) {
    if (config.kind != ModelKind::Ease && config.kind != ModelKind::ItemKnn)
        throw std::invalid_argument("an item-item model is an ease or item-knn model");
    if (!weights_ || !readers_ || weights_->books < 1 || readers_->readers() < 1)
        throw std::invalid_argument("a model needs at least one user and one book");
    if (weights_->isDense()) {
        if (weights_->dense.rows() != weights_->books || weights_->dense.cols() != weights_->books)
            throw std::invalid_argument("the item-item weights are not books x books");
    } else {
        checkSparse(*weights_);
        outgoing_ = transposed(*weights_);
    }
    const ReaderBooks& r = *readers_;
    if (r.offsets.front() != 0 || r.offsets.back() != static_cast<std::int64_t>(r.books.size()))
        throw std::invalid_argument("the reader lists are inconsistent");
    for (std::size_t u = 0; u + 1 < r.offsets.size(); ++u)
        if (r.offsets[u] > r.offsets[u + 1])
            throw std::invalid_argument("the reader lists are inconsistent");
    for (std::int32_t b : r.books)
        if (b < 0 || b >= weights_->books)
            throw std::invalid_argument("a reader list names book row " + std::to_string(b) +
                                        " outside the model");
}

std::size_t ItemItemModel::parameterCount() const {
    return weights_->isDense() ? static_cast<std::size_t>(weights_->dense.size())
                               : weights_->similarities.size();
}

void ItemItemModel::scoreBooksOf(std::span<const std::int32_t> books, std::span<float> out) const {
    Eigen::Map<Eigen::VectorXf> scores(out.data(), static_cast<Eigen::Index>(out.size()));
    scores.setZero();
    if (weights_->isDense()) {
        for (std::int32_t j : books)
            scores += weights_->dense.row(j).transpose();
        return;
    }
    const ItemWeights& o = *outgoing_;
    for (std::int32_t j : books)
        for (auto e = o.neighbourOffsets[static_cast<std::size_t>(j)];
             e < o.neighbourOffsets[static_cast<std::size_t>(j) + 1]; ++e)
            out[static_cast<std::size_t>(o.neighbours[static_cast<std::size_t>(e)])] +=
                o.similarities[static_cast<std::size_t>(e)];
}

void ItemItemModel::scoreAllBooks(std::int32_t user, std::span<float> out) const {
    scoreBooksOf(readers_->of(user), out);
}

float ItemItemModel::weight(std::int32_t from, std::int32_t to) const {
    if (weights_->isDense())
        return weights_->dense(from, to);
    const ItemWeights& w = *weights_;
    for (auto e = w.neighbourOffsets[static_cast<std::size_t>(to)];
         e < w.neighbourOffsets[static_cast<std::size_t>(to) + 1]; ++e)
        if (w.neighbours[static_cast<std::size_t>(e)] == from)
            return w.similarities[static_cast<std::size_t>(e)];
    return 0.0f;
}

float ItemItemModel::predict(std::int32_t user, std::int32_t book) const {
    float score = 0.0f;
    for (std::int32_t j : readers_->of(user))
        score += weight(j, book);
    return score;
}

void ItemItemModel::predictBatch(std::span<const std::int32_t> users,
                                 std::span<const std::int32_t> books, std::span<float> out) const {
    if (weights_->isDense()) { // a row of W per read book: cheaper than scoring every book
        Model::predictBatch(users, books, out);
        return;
    }
    std::vector<std::size_t> order(out.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return users[a] < users[b]; });
    std::vector<float> scores(static_cast<std::size_t>(bookRows()));
    std::int32_t scored = -1;
    for (std::size_t i : order) {
        if (users[i] != scored) {
            scored = users[i];
            scoreAllBooks(scored, scores);
        }
        out[i] = scores[static_cast<std::size_t>(books[i])];
    }
}

void ItemItemModel::similarTo(std::int32_t book, std::span<float> out) const {
    if (weights_->isDense()) {
        const std::int32_t one[] = {book};
        scoreBooksOf(one, out);
        return;
    }
    std::fill(out.begin(), out.end(), 0.0f);
    const ItemWeights& w = *weights_;
    for (auto e = w.neighbourOffsets[static_cast<std::size_t>(book)];
         e < w.neighbourOffsets[static_cast<std::size_t>(book) + 1]; ++e)
        out[static_cast<std::size_t>(w.neighbours[static_cast<std::size_t>(e)])] =
            w.similarities[static_cast<std::size_t>(e)];
}

BatchLoss ItemItemModel::computeGradients(const Batch&, const BatchRows&, float, Gradients&,
                                          ModelWorkspace&) const {
    throw std::logic_error("an item-item model is fitted in closed form, not by gradient steps");
}

std::unique_ptr<Model> ItemItemModel::clone() const {
    return std::make_unique<ItemItemModel>(*this);
}

std::unique_ptr<ItemItemModel>
ItemItemModel::withReaders(std::shared_ptr<const ReaderBooks> readers) const {
    auto model = std::make_unique<ItemItemModel>(*this);
    ItemItemModel probe(config_, weights_, readers); // checks the new lists
    model->readers_ = std::move(readers);
    return model;
}

ReaderBooks readerBooksOf(std::span<const std::int32_t> users, std::span<const std::int32_t> books,
                          std::int32_t readers) {
    ReaderBooks out;
    out.offsets.assign(static_cast<std::size_t>(readers) + 1, 0);
    for (std::int32_t u : users)
        ++out.offsets[static_cast<std::size_t>(u) + 1];
    for (std::size_t u = 0; u < static_cast<std::size_t>(readers); ++u)
        out.offsets[u + 1] += out.offsets[u];
    out.books.resize(users.size());
    std::vector<std::int64_t> next(out.offsets.begin(), out.offsets.end() - 1);
    for (std::size_t r = 0; r < users.size(); ++r)
        out.books[static_cast<std::size_t>(next[static_cast<std::size_t>(users[r])]++)] = books[r];
    // Sort and drop repeats within each reader, compacting in place.
    std::int64_t write = 0;
    for (std::size_t u = 0; u < static_cast<std::size_t>(readers); ++u) {
        const auto begin = out.books.begin() + out.offsets[u];
        const auto end = out.books.begin() + out.offsets[u + 1];
        std::sort(begin, end);
        const auto last = std::unique(begin, end);
        out.offsets[u] = write;
        for (auto it = begin; it != last; ++it)
            out.books[static_cast<std::size_t>(write++)] = *it;
    }
    out.offsets.back() = write;
    out.books.resize(static_cast<std::size_t>(write));
    return out;
}

} // namespace shelfscope
