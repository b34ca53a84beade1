#pragma once

namespace shelfscope {

/// UMAP's low-dimensional similarity 1 / (1 + a d^(2b)).
struct UmapCurve {
    double a = 0.0;
    double b = 0.0;
};

/// The curve closest in least squares, over 300 evenly spaced d in [0, 3 * spread], to the
/// target 1 for d < minDist and exp(-(d - minDist) / spread) beyond (umap-learn's find_ab_params),
/// by damped Gauss-Newton from a = b = 1. Gives a = 1.577, b = 0.895 for minDist 0.1, spread 1.
/// Throws std::invalid_argument unless spread > 0 and 0 <= minDist <= spread.
UmapCurve fitUmapCurve(double minDist, double spread);

} // namespace shelfscope
