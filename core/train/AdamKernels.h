#pragma once

#include <cstddef>

namespace shelfscope {

/// Adam's element-wise arithmetic over flat arrays of n floats. Rows of an embedding table are
/// short (5 floats in the notebook's models), so the optimizer gathers the rows of a step into
/// flat arrays first: the square roots and divisions then run a vector register at a time.

struct AdamStepScalars {
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float stepSize = 1e-3f; // this step's bias-corrected learning rate
    float epsilon = 1e-7f;
};

/// One Adam step: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= step m / (sqrt(v) + eps).
void adamStep(float* p, float* m, float* v, const float* g, std::size_t n,
              const AdamStepScalars& scalars);

/// Settles skipped steps, per element: p -= move m / (sqrt(v) + eps); m *= decay1; v *= decay2.
/// An element with move 0 and decays 1 is left exactly as it was.
void adamSettle(float* p, float* m, float* v, const float* move, const float* decay1,
                const float* decay2, std::size_t n, float epsilon);

} // namespace shelfscope
