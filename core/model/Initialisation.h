#pragma once

#include "model/Parameter.h"
#include "util/Random.h"

namespace shelfscope {

/// Fills with independent draws uniform in [-limit, limit].
void fillUniform(Matrix& values, float limit, Random& random);
/// Glorot (Xavier) uniform for a kernel of fanIn rows and fanOut columns, as Keras does.
void fillGlorotUniform(Matrix& kernel, Random& random);

} // namespace shelfscope
