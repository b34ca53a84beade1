#pragma once

#include <Eigen/Core>
#include <cstddef>

namespace shelfscope {

/// The dot model's per-rating arithmetic, shared by DotModel and the fused trainer
/// (FusedDotAdam) so that both compute the same bits. Rows of 5, the notebook's size, take a
/// fixed-size path: Eigen's loops for a size known only at run time cost more than the five
/// products; other sizes go through Eigen.
namespace dotterms {

using ConstRow = Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>>;
using MutableRow = Eigen::Map<Eigen::Matrix<float, 1, Eigen::Dynamic>>;

/// user . book
inline float dot(const float* user, const float* book, std::size_t dim) {
    if (dim == 5)
        return ((user[0] * book[0] + user[1] * book[1]) + (user[2] * book[2] + user[3] * book[3])) +
               user[4] * book[4];
    const auto d = static_cast<Eigen::Index>(dim);
    return ConstRow(user, d).dot(ConstRow(book, d));
}

/// gradient += scale * other + decay * self: one rating's share of a row's gradient.
inline void addGradient(float* gradient, const float* other, const float* self, float scale,
                        float decay, std::size_t dim) {
    if (dim == 5) {
        for (std::size_t j = 0; j < 5; ++j)
            gradient[j] += scale * other[j] + decay * self[j];
        return;
    }
    const auto d = static_cast<Eigen::Index>(dim);
    MutableRow(gradient, d) += scale * ConstRow(other, d) + decay * ConstRow(self, d);
}

/// row . row. Not Eigen's squaredNorm(): on a mapped row that sums in an order that depends on
/// the row's address, and the two paths keep their rows at different addresses.
inline float squaredNorm(const float* row, std::size_t dim) { return dot(row, row, dim); }

} // namespace dotterms

} // namespace shelfscope
