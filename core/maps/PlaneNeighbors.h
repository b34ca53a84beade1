#pragma once

#include "maps/Affinities.h"
#include "model/Parameter.h"

namespace shelfscope {

/// Exact k nearest neighbours of 2-D points (an N x 2 layout), nearest first, ties broken by
/// the lower index as nearestNeighbors does, with distances dx^2 + dy^2: PointIndex's grid
/// search for each point, milliseconds for 10,000 points where the brute-force search takes a
/// large part of a second. Split over `threads`; the result does not depend on them. Throws
/// std::invalid_argument unless the layout has 2 columns, more than k rows and only finite
/// values, and k >= 1.
NeighborGraph planeNeighbors(const Matrix& layout, int k, int threads = 1);

} // namespace shelfscope
