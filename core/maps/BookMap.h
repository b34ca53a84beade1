#pragma once

#include "data/BookCatalog.h"
#include "maps/BookEmbeddings.h"
#include "maps/MapQuality.h"
#include "maps/Tsne.h"
#include "maps/Umap.h"
#include "util/Progress.h"

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace shelfscope {

enum class MapMethod { Pca, Tsne, Umap };

/// "pca", "tsne", "umap".
const char* mapMethodName(MapMethod method);

/// How to draw a map of a model's books.
struct BookMapConfig {
    MapMethod method = MapMethod::Tsne;
    /// Scale each embedding to unit length first (the notebook does before t-SNE): the map
    /// then shows directions, which is what the dot product compares.
    bool normalizeRows = true;
    TsneConfig tsne; ///< perplexity, iterations, seed ...
    UmapConfig umap; ///< neighbours, min_dist, seed ...
    /// A layout to continue from (t-SNE and UMAP), e.g. the previous epoch's map of a model in
    /// training, one row per book in the same order; empty: the method's own start.
    Matrix initialLayout;
    /// k of the k-NN kept and of the genre agreement; no more books than that measure with
    /// half the others (qualityNeighbourCount, BookMapResult::neighbours).
    int qualityNeighbours = 10;
};

/// A map in progress: the layout so far, by value.
struct BookMapSnapshot {
    int step = 0; ///< iteration (t-SNE) or epoch (UMAP)
    int steps = 0;
    double kl = -1.0; ///< t-SNE only, -1 before its first evaluation
    std::vector<float> xy;
};

/// A finished map and how much of the embedding space it keeps.
struct BookMapResult {
    MapMethod method = MapMethod::Tsne;
    std::vector<float> xy;         ///< x0, y0, x1, y1, ... in the books' order
    double kl = -1.0;              ///< t-SNE only
    std::vector<double> explained; ///< PCA only: variance share of the two components
    double kept = 0.0;             ///< share of each book's `neighbours` nearest neighbours kept
    std::optional<GenreAgreement> genres; ///< when at least one book has a genre
    /// The k of `kept` and `genres`: the config's qualityNeighbours, or half the other books
    /// when there are no more than that (qualityNeighbourCount); 0 when nothing was measured
    /// (fewer than 3 books).
    int neighbours = 0;
    double seconds = 0.0;
};

using BookMapProgress = std::function<void(const BookMapSnapshot&)>;

/// Maps the books to two dimensions with PCA, t-SNE or UMAP and measures what the map keeps:
/// the share of 10-NN kept and, where the catalogue names genres, the genre agreement with its
/// chance level. Throws std::invalid_argument for settings the method refuses (e.g. too few
/// books for the perplexity) and OperationCancelled within a step of a cancel.
BookMapResult computeBookMap(const BookEmbeddings& books, const BookCatalog& catalogue,
                             const BookMapConfig& config, const BookMapProgress& progress = {},
                             const std::atomic<bool>& cancel = neverCancelled());

/// The catalogue genre of each book as labels (-1: none), in the books' order.
std::vector<std::int32_t> genreLabels(const BookCatalog& catalogue,
                                      const std::vector<std::int32_t>& bookIds);

} // namespace shelfscope
