#pragma once

#include "data/Dataset.h"
#include "util/Progress.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

/// Shape of a synthetic library. The defaults make the app's built-in demo: small enough to
/// train in seconds, structured enough that a model visibly learns the genres.
struct DemoConfig {
    std::int32_t users = 3000;
    std::int32_t books = 800;
    std::int64_t ratings = 90000;
    std::int32_t genres = 8; ///< at most demoGenreCount()
    std::uint64_t seed = 7;
    double toReadPerUser = 4.0; ///< mean length of a reader's to-read list
    double noise = 0.6;         ///< standard deviation of the rating noise, in stars
};

/// The planted truth behind a generated library, for tests that check a model recovers it.
struct DemoTruth {
    std::vector<std::int32_t> bookGenre;                        ///< by raw book id - 1
    std::vector<std::vector<std::int32_t>> userFavouriteGenres; ///< by raw user id - 1
    std::vector<std::string> genreNames;
};

struct DemoLibrary {
    Dataset dataset;
    DemoTruth truth;
};

inline constexpr const char* kDemoLibraryName = "Demo library (synthetic ratings)";

/// How many genres a synthetic library can plant (the genre list in docs/DATA.md).
int demoGenreCount();

/// Throws std::invalid_argument naming the first setting that cannot work.
void validateDemoConfig(const DemoConfig& config);

/// Generates ratings with planted structure: readers prefer a few genres, books have a quality
/// and a long-tailed popularity, ratings are a latent score plus noise, rounded to 1..5 stars.
/// Books carry shelves as goodbooks-10k's do (their genre's shelf most used), so Book::genre,
/// genreShelf and topShelves are set as loading their written book_tags.csv sets them.
/// Deterministic for a seed on every platform. Exactly config.ratings ratings, no duplicates.
DemoLibrary generateDemoLibrary(const DemoConfig& config, const ProgressCallback& progress = {},
                                const std::atomic<bool>& cancel = neverCancelled());

} // namespace shelfscope
