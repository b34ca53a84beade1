#include "train/Optimizer.h"

#include <stdexcept>

namespace shelfscope {

namespace {

class Sgd : public Optimizer {
public:
    explicit Sgd(float learningRate) : learningRate_(learningRate) {
        if (!(learningRate > 0.0f))
            throw std::invalid_argument("SGD needs a learning rate above 0");
    }
    void attach(const std::vector<Parameter>&) override { step_ = 0; }
    void beginStep() override { ++step_; }
    void applyRows(std::size_t, Parameter& parameter, std::span<const std::int32_t> rows,
                   const Eigen::Ref<const Matrix>& grad) override {
        for (std::size_t i = 0; i < rows.size(); ++i)
            parameter.values.row(rows[i]) -= learningRate_ * grad.row(static_cast<Eigen::Index>(i));
    }
    void applyDense(std::size_t, Parameter& parameter, const Matrix& grad) override {
        parameter.values -= learningRate_ * grad;
    }
    std::int64_t step() const override { return step_; }

private:
    float learningRate_;
    std::int64_t step_ = 0;
};

} // namespace

std::unique_ptr<Optimizer> makeSgd(float learningRate) {
    return std::make_unique<Sgd>(learningRate);
}

} // namespace shelfscope
