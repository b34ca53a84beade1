#include "maps/PlanarLayout.h"

#include <stdexcept>

namespace shelfscope {

std::vector<float> interleavedXy(const Matrix& layout) {
    std::vector<float> xy(static_cast<std::size_t>(layout.rows()) * 2);
    for (Eigen::Index i = 0; i < layout.rows(); ++i) {
        xy[2 * static_cast<std::size_t>(i)] = layout(i, 0);
        xy[2 * static_cast<std::size_t>(i) + 1] = layout(i, 1);
    }
    return xy;
}

Matrix layoutFromXy(const std::vector<float>& xy) {
    const auto n = static_cast<Eigen::Index>(xy.size() / 2);
    Matrix layout(n, 2);
    for (Eigen::Index i = 0; i < n; ++i) {
        layout(i, 0) = xy[2 * static_cast<std::size_t>(i)];
        layout(i, 1) = xy[2 * static_cast<std::size_t>(i) + 1];
    }
    return layout;
}

void checkStartLayout(const Matrix& layout, Eigen::Index rows, const std::string& method) {
    if (layout.rows() != rows || layout.cols() != 2)
        throw std::invalid_argument(method + ": the initial layout is " +
                                    std::to_string(layout.rows()) + " x " +
                                    std::to_string(layout.cols()) + ", it must be " +
                                    std::to_string(rows) + " x 2 (one row per point)");
    if (!layout.allFinite())
        throw std::invalid_argument(method + ": the initial layout has a value that is not finite");
}

void checkFiniteRows(const Matrix& rows, const std::string& method) {
    for (Eigen::Index r = 0; r < rows.rows(); ++r)
        if (!rows.row(r).allFinite())
            throw std::invalid_argument(method + ": row " + std::to_string(r) +
                                        " has a value that is not a finite number");
}

} // namespace shelfscope
