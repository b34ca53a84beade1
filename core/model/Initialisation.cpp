#include "model/Initialisation.h"

#include <cmath>

namespace shelfscope {

void fillUniform(Matrix& values, float limit, Random& random) {
    for (Eigen::Index i = 0; i < values.size(); ++i)
        values.data()[i] = static_cast<float>(random.uniform(-limit, limit));
}

void fillGlorotUniform(Matrix& kernel, Random& random) {
    const double limit = std::sqrt(6.0 / static_cast<double>(kernel.rows() + kernel.cols()));
    fillUniform(kernel, static_cast<float>(limit), random);
}

} // namespace shelfscope
