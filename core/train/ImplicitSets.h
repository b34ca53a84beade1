#pragma once

#include "train/ToReadRows.h"
#include "train/TrainingData.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace shelfscope {

/// Which books stand for a reader in implicit-feedback matrix factorisation.
struct ImplicitSetConfig {
    bool rated = true;  ///< the books the reader rated in the training rows
    bool toRead = true; ///< the books on the reader's to-read list
};

/// "rated-and-to-read", "rated", "to-read" or "none": the --implicit-books choice.
const char* implicitBooksName(const ImplicitSetConfig& config);
/// The inverse; nullopt for any other text.
std::optional<ImplicitSetConfig> implicitBooksOf(std::string_view name);

/// N(u) for every reader row: sorted, distinct book rows (compressed rows: reader u owns
/// books[start[u] .. start[u+1])).
struct ImplicitSets {
    std::vector<std::int64_t> start;
    std::vector<std::int32_t> books;

    std::span<const std::int32_t> of(std::int32_t user) const {
        const auto u = static_cast<std::size_t>(user);
        return {books.data() + start[u], static_cast<std::size_t>(start[u + 1] - start[u])};
    }
};

/// N(u) = the books u rated in data.train (when config.rated) and the books of u's to-read
/// entries (when config.toRead), except any book u rated in the validation or test rows: a
/// held-out book in N(u) would tell the model which books were held out. Entries outside the
/// model's rows throw std::invalid_argument.
ImplicitSets buildImplicitSets(const TrainingData& data, const ReaderBookRows& toRead,
                               const ImplicitSetConfig& config);

} // namespace shelfscope
