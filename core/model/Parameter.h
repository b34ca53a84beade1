#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace shelfscope {

/// Row-major float matrix: one embedding row is contiguous.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Which rows of a parameter a training batch touches: all of them (a dense weight), or only the
/// rows of the batch's users or books (an embedding table, updated sparsely).
enum class ParameterAxis { Dense, User, Book };

/// One trainable tensor of a model.
struct Parameter {
    std::string name;
    ParameterAxis axis = ParameterAxis::Dense;
    Matrix values;
};

/// Gradients of a batch objective: for a Dense parameter a matrix of its shape; for a User or Book
/// parameter one row per distinct user or book of the batch, in BatchRows order.
struct Gradients {
    std::vector<Matrix> perParameter;
};

} // namespace shelfscope
