#include "maps/Pca.h"

#include "util/FloatEnvironment.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace shelfscope {

Matrix normalizedRows(const Matrix& rows) {
    Matrix out = rows;
    for (Eigen::Index r = 0; r < out.rows(); ++r) {
        const float norm = out.row(r).norm();
        if (norm > 0.0f)
            out.row(r) /= norm;
    }
    return out;
}

PcaResult principalComponents(const Matrix& input, const PcaConfig& config) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    if (input.rows() < 2)
        throw std::invalid_argument("PCA needs at least 2 rows");
    if (config.components < 1 || config.components > input.cols())
        throw std::invalid_argument("PCA: asked for " + std::to_string(config.components) +
                                    " components of " + std::to_string(input.cols()) +
                                    "-dimensional rows");
    // Double precision for the covariance: 10,000 rows of floats lose digits otherwise.
    Eigen::MatrixXd x = (config.normalizeRows ? normalizedRows(input) : input).cast<double>();
    x.rowwise() -= x.colwise().mean();
    const Eigen::MatrixXd covariance = (x.transpose() * x) / static_cast<double>(input.rows() - 1);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
    const Eigen::VectorXd values = solver.eigenvalues(); // ascending
    const double total = std::max(values.sum(), 0.0);
    PcaResult result;
    result.components.resize(config.components, input.cols());
    for (int c = 0; c < config.components; ++c) {
        const Eigen::Index index = values.size() - 1 - c;
        Eigen::VectorXd direction = solver.eigenvectors().col(index);
        Eigen::Index largest = 0;
        direction.cwiseAbs().maxCoeff(&largest);
        if (direction(largest) < 0.0)
            direction = -direction;
        result.components.row(c) = direction.transpose().cast<float>();
        result.explainedVarianceRatio.push_back(total > 0.0 ? std::max(values(index), 0.0) / total
                                                            : 0.0);
    }
    result.coordinates = (x * result.components.cast<double>().transpose()).cast<float>();
    return result;
}

} // namespace shelfscope
