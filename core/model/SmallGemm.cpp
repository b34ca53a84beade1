#include "model/SmallGemm.h"

#include <cstring>

namespace shelfscope {

namespace {

// A vector register's worth of floats, and how many of them a tile may keep sums in: half the
// registers (32 under AVX-512, 16 otherwise), leaving the rest for the right operand's rows.
#if defined(__AVX512F__)
constexpr int kLanes = 16;
constexpr int kSums = 16;
#elif defined(__AVX__)
constexpr int kLanes = 8;
constexpr int kSums = 8;
#else
constexpr int kLanes = 4;
constexpr int kSums = 8;
#endif
using Lanes = float __attribute__((vector_size(kLanes * sizeof(float))));

Lanes loadLanes(const float* from) {
    Lanes value;
    std::memcpy(&value, from, sizeof value);
    return value;
}

void storeLanes(float* to, Lanes value) {
    std::memcpy(to, &value, sizeof value);
}

/// A left operand read in place: element (row, t) at data[row * rowStride + t * depthStride],
/// so a row-major matrix and the transpose of one are the same thing to the kernels.
struct Left {
    const float* data;
    Eigen::Index rowStride;
    Eigen::Index depthStride;
    float at(Eigen::Index row, Eigen::Index t) const {
        return data[row * rowStride + t * depthStride];
    }
};

/// Rows [row, row + R) and columns [column, column + C kLanes) of out = left * right (+ offset).
template <int R, int C>
void tile(const Left& left, const float* right, const float* offset, float* out, Eigen::Index row,
          Eigen::Index column, Eigen::Index depth, Eigen::Index width) {
    Lanes sum[R][C];
    for (int q = 0; q < C; ++q) {
        const Lanes start = offset ? loadLanes(offset + column + q * kLanes) : Lanes{};
        for (int r = 0; r < R; ++r)
            sum[r][q] = start;
    }
    for (Eigen::Index t = 0; t < depth; ++t) {
        Lanes b[C];
        for (int q = 0; q < C; ++q)
            b[q] = loadLanes(right + t * width + column + q * kLanes);
        for (int r = 0; r < R; ++r) {
            const float a = left.at(row + r, t);
            for (int q = 0; q < C; ++q)
                sum[r][q] += a * b[q];
        }
    }
    for (int r = 0; r < R; ++r)
        for (int q = 0; q < C; ++q)
            storeLanes(out + (row + r) * width + column + q * kLanes, sum[r][q]);
}

/// Tiles of R rows by C vectors of columns; the width must be a multiple of C vectors.
template <int R, int C>
void multiplyTiles(const Left& left, const float* right, const float* offset, float* out,
                   Eigen::Index rows, Eigen::Index depth, Eigen::Index width) {
    for (Eigen::Index column = 0; column < width; column += C * kLanes) {
        Eigen::Index row = 0;
        for (; row + R <= rows; row += R)
            tile<R, C>(left, right, offset, out, row, column, depth, width);
        for (; row < rows; ++row)
            tile<1, C>(left, right, offset, out, row, column, depth, width);
    }
}

/// Returns false for widths the kernels do not take.
bool multiplyKernel(const Left& left, const float* right, const float* offset, float* out,
                    Eigen::Index rows, Eigen::Index depth, Eigen::Index width) {
    // Measured on the notebook's shapes (AVX-512): 2 x 8 vectors for 128 columns, 8 x 2 for 32.
    if (width % (8 * kLanes) == 0)
        multiplyTiles<kSums / 8, 8>(left, right, offset, out, rows, depth, width);
    else if (width % (2 * kLanes) == 0)
        multiplyTiles<kSums / 2, 2>(left, right, offset, out, rows, depth, width);
    else if (width % kLanes == 0)
        multiplyTiles<kSums / 2, 1>(left, right, offset, out, rows, depth, width);
    else
        return false;
    return true;
}

} // namespace

void multiplyInto(const Matrix& a, const Matrix& b, const Matrix& rowOffset, Matrix& out) {
    out.resize(a.rows(), b.cols());
    const float* offset = rowOffset.size() > 0 ? rowOffset.data() : nullptr;
    if (multiplyKernel({a.data(), a.cols(), 1}, b.data(), offset, out.data(), a.rows(), a.cols(),
                       b.cols()))
        return;
    out.noalias() = a * b;
    if (offset)
        out.rowwise() += rowOffset.row(0);
}

void multiplyTransposedInto(const Matrix& a, const Matrix& b, Matrix& out) {
    out.resize(a.cols(), b.cols());
    if (multiplyKernel({a.data(), 1, a.cols()}, b.data(), nullptr, out.data(), a.cols(), a.rows(),
                       b.cols()))
        return;
    out.noalias() = a.transpose() * b;
}

void multiplyByTransposedInto(const Matrix& a, const Matrix& b, Matrix& scratch, Matrix& out) {
    out.resize(a.rows(), b.rows());
    if (b.rows() % kLanes != 0) {
        out.noalias() = a * b.transpose();
        return;
    }
    scratch = b.transpose();
    multiplyKernel({a.data(), a.cols(), 1}, scratch.data(), nullptr, out.data(), a.rows(), a.cols(),
                   b.rows());
}

} // namespace shelfscope
