#pragma once

// Points in tight, far-apart clusters with known labels: what the map tests check a method
// keeps apart.

#include "model/Parameter.h"
#include "util/Random.h"

#include <cstdint>
#include <vector>

namespace shelfscope::test {

/// `clusters` tight blobs in `dim` dimensions, `size` points each (uniform within +-0.5 of a
/// centre drawn in [-10, 10] per dimension), labelled by blob.
inline Matrix blobs(int clusters, int size, int dim, std::vector<std::int32_t>& label,
                    std::uint64_t seed = 3) {
    Random random(seed);
    Matrix centres(clusters, dim);
    for (int c = 0; c < clusters; ++c)
        for (int d = 0; d < dim; ++d)
            centres(c, d) = static_cast<float>(random.uniform(-10, 10));
    Matrix points(clusters * size, dim);
    label.clear();
    for (int c = 0; c < clusters; ++c)
        for (int i = 0; i < size; ++i) {
            for (int d = 0; d < dim; ++d)
                points(c * size + i, d) =
                    centres(c, d) + static_cast<float>(random.uniform(-0.5, 0.5));
            label.push_back(c);
        }
    return points;
}

} // namespace shelfscope::test
