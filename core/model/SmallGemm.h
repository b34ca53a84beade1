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

/// What a layer does to each entry of its product.
enum class Activation { None, Relu };

/// out = a * b, plus `rowOffset` (1 x b.cols(), may be empty) added to every row, then the
/// activation (relu keeps a NaN a NaN).
void multiplyInto(const Matrix& a, const Matrix& b, const Matrix& rowOffset, Matrix& out,
                  Activation activation = Activation::None);

/// out = a^T * b.
void multiplyTransposedInto(const Matrix& a, const Matrix& b, Matrix& out);

/// out = a * b^T, with the entries where `keepWherePositive` (a.rows() x b.rows(), or null) is
/// not > 0 set to zero: the backward pass through a relu, whose output is positive exactly
/// where it passes its input on. `scratch` holds b^T (padded to whole vectors) and, when padded,
/// the product.
void multiplyByTransposedInto(const Matrix& a, const Matrix& b, Matrix& scratch, Matrix& out,
                              const Matrix* keepWherePositive = nullptr);

/// out (1 x a.cols()) = the sum of each of a's columns, added in row order.
void columnSumsInto(const Matrix& a, Matrix& out);

} // namespace shelfscope
