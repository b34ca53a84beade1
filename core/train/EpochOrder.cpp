#include "train/EpochOrder.h"

#include <algorithm>
#include <array>

namespace shelfscope {

namespace {

/// Fisher-Yates on the three columns in step, as swapping row i - 1 with row random.below(i)
/// for i = n down to 2. The columns are megabytes and each swap reaches a random place in them:
/// drawing the indices a few swaps ahead (in the same sequence) lets the memory fetch them
/// meanwhile.
void shuffleRows(std::vector<std::int32_t>& users, std::vector<std::int32_t>& books,
                 std::vector<float>& ratings, Random& random) {
    constexpr std::size_t kAhead = 16;
    std::array<std::size_t, kAhead> drawn{};
    const std::size_t n = ratings.size();
    const auto draw = [&](std::size_t i) {
        const auto j = static_cast<std::size_t>(random.below(i));
        __builtin_prefetch(&users[j]);
        __builtin_prefetch(&books[j]);
        __builtin_prefetch(&ratings[j]);
        drawn[i % kAhead] = j;
    };
    for (std::size_t i = n; i > 1 && i + kAhead > n; --i)
        draw(i);
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = drawn[i % kAhead];
        if (i > kAhead + 1)
            draw(i - kAhead);
        std::swap(users[i - 1], users[j]);
        std::swap(books[i - 1], books[j]);
        std::swap(ratings[i - 1], ratings[j]);
    }
}

} // namespace

EpochOrder::EpochOrder(const RatingRows& train, std::size_t batchSize)
    : users_(train.users), books_(train.books), ratings_(train.ratings),
      batchSize_(std::max<std::size_t>(1, batchSize)),
      batches_(static_cast<std::int64_t>((ratings_.size() + batchSize_ - 1) / batchSize_)) {}

void EpochOrder::shuffle(Random& shuffler) {
    shuffleRows(users_, books_, ratings_, shuffler);
}

Batch EpochOrder::batch(std::int64_t index) const {
    const std::size_t begin = static_cast<std::size_t>(index) * batchSize_;
    const std::size_t count = std::min(batchSize_, ratings_.size() - begin);
    return Batch{std::span(users_).subspan(begin, count), std::span(books_).subspan(begin, count),
                 std::span(ratings_).subspan(begin, count)};
}

std::int64_t EpochOrder::ratingsIn(std::int64_t count) const {
    return std::min(static_cast<std::int64_t>(ratings_.size()),
                    count * static_cast<std::int64_t>(batchSize_));
}

} // namespace shelfscope
