#include "train/AdamKernels.h"

#include <cmath>

namespace shelfscope {

void adamStep(float* p, float* m, float* v, const float* g, std::size_t n,
              const AdamStepScalars& scalars) {
    const float beta1 = scalars.beta1;
    const float beta2 = scalars.beta2;
    const float keep1 = 1.0f - beta1;
    const float keep2 = 1.0f - beta2;
    const float step = scalars.stepSize;
    const float epsilon = scalars.epsilon;
#pragma omp simd
    for (std::size_t i = 0; i < n; ++i) {
        const float mi = beta1 * m[i] + keep1 * g[i];
        const float vi = beta2 * v[i] + keep2 * (g[i] * g[i]);
        m[i] = mi;
        v[i] = vi;
        p[i] -= step * mi / (std::sqrt(vi) + epsilon);
    }
}

void adamSettle(float* p, float* m, float* v, const float* move, const float* decay1,
                const float* decay2, std::size_t n, float epsilon) {
#pragma omp simd
    for (std::size_t i = 0; i < n; ++i) {
        p[i] -= move[i] * m[i] / (std::sqrt(v[i]) + epsilon);
        m[i] *= decay1[i];
        v[i] *= decay2[i];
    }
}

} // namespace shelfscope
