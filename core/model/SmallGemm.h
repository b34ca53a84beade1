#pragma once

#include "model/Parameter.h"

namespace shelfscope {

/// Matrix products of the neural model's training step, whose operands are small (a batch of
/// 32 against layers of 10 to 128 units). Eigen's general product packs both operands into
/// blocks before every product, which at these sizes costs as much as the arithmetic; these
/// kernels read the operands where they lie and keep a tile of the result in vector registers.
/// Widths that are not a multiple of a vector register (16 floats on the AVX-512 path, see
/// model/SmallGemmKernels.h) go to Eigen, except in multiplyByTransposedInto, which pads them.
/// Sums run in another order than Eigen's, so results differ from Eigen's by rounding only.

/// out = a * b, plus `rowOffset` (1 x b.cols(), may be empty) added to every row.
void multiplyInto(const Matrix& a, const Matrix& b, const Matrix& rowOffset, Matrix& out);

/// out = a^T * b.
void multiplyTransposedInto(const Matrix& a, const Matrix& b, Matrix& out);

/// out = a * b^T; `scratch` holds b^T (padded to whole vectors) and, when padded, the product.
void multiplyByTransposedInto(const Matrix& a, const Matrix& b, Matrix& scratch, Matrix& out);

} // namespace shelfscope
