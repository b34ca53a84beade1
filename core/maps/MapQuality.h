#pragma once

#include "model/Parameter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace shelfscope {

/// The share of each point's k nearest neighbours in `original` that are also among its k
/// nearest in `layout` (1: every neighbourhood kept). A 2-D layout's neighbours come from the
/// grid search of planeNeighbors, others' from the brute-force nearestNeighbors.
double neighborhoodPreservation(const Matrix& original, const Matrix& layout, int k = 10,
                                int threads = 2);

/// The neighbour count the measures below use on `points` points: `wanted` when there are more
/// points than that; for 3 to `wanted` points (a model of 10 books or fewer), half the others,
/// (points - 1) / 2, so each neighbourhood still leaves books out that a map can keep or lose
/// (with every other point a neighbour, the kept share is 1 and the genre agreement its chance
/// level, whatever the map); 0 below 3 points, where there is nothing to measure.
int qualityNeighbourCount(std::size_t points, int wanted);

/// How well a map keeps points of one label (a book's genre) together.
struct GenreAgreement {
    /// Mean, over the labelled points, of the share of their k nearest map neighbours (not
    /// counting themselves) that carry the same label. An unlabelled neighbour counts as a
    /// different label: it is no evidence that the genre holds together.
    double agreement = 0.0;
    /// What a map that ignores the labels gives on average: for a labelled point of label g,
    /// (n_g - 1) / (N - 1), its k neighbours being a random draw of the other N - 1 points;
    /// averaged over the labelled points like `agreement`.
    double chance = 0.0;
    std::size_t labelled = 0; ///< points with a label (the centres averaged over)
    int k = 0;
};

/// Genre agreement of a layout (N x 2 or N x d) for labels >= 0, one per point; a negative
/// label marks a point without one, which is skipped as a centre. Throws std::invalid_argument
/// when the sizes differ, k is not below N, or no point has a label.
GenreAgreement genreAgreement(const Matrix& layout, const std::vector<std::int32_t>& labels,
                              int k = 10, int threads = 2);

/// The chance level of genreAgreement for these labels (it does not depend on k).
double chanceGenreAgreement(const std::vector<std::int32_t>& labels);

/// Labels numbered 0, 1, ... in the order names first appear; an empty name gives -1 (no
/// label). For instance the genres of books.
std::vector<std::int32_t> labelsFromNames(const std::vector<std::string>& names);

} // namespace shelfscope
