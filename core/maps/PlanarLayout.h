#pragma once

#include "model/Parameter.h"

#include <string>
#include <vector>

namespace shelfscope {

/// A 2-D layout's coordinates as x0, y0, x1, y1, ... (what the optimisers step and the progress
/// snapshots carry).
std::vector<float> interleavedXy(const Matrix& layout);

/// The N x 2 layout of interleaved coordinates.
Matrix layoutFromXy(const std::vector<float>& xy);

/// Throws std::invalid_argument, naming `method`, unless `layout` is `rows` x 2 and finite: a
/// start layout given by the caller must describe the same points.
void checkStartLayout(const Matrix& layout, Eigen::Index rows, const std::string& method);

/// Throws std::invalid_argument, naming `method` and the first bad row, when a value is NaN or
/// infinite (the neighbour search would order such rows arbitrarily).
void checkFiniteRows(const Matrix& rows, const std::string& method);

} // namespace shelfscope
