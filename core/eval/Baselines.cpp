#include "eval/Baselines.h"

#include <numeric>

namespace shelfscope {

double globalMean(const RatingRows& train) {
    if (train.size() == 0)
        return 0.0;
    double sum = 0.0;
    for (float r : train.ratings)
        sum += r;
    return sum / static_cast<double>(train.size());
}

float BiasBaseline::predict(std::int32_t user, std::int32_t book) const {
    return static_cast<float>(mean + userBias[static_cast<std::size_t>(user)] +
                              bookBias[static_cast<std::size_t>(book)]);
}

BiasBaseline fitBiasBaseline(const RatingRows& train, std::int32_t userRows, std::int32_t bookRows,
                             const BiasBaselineConfig& config) {
    BiasBaseline baseline;
    baseline.mean = globalMean(train);
    baseline.userBias.assign(static_cast<std::size_t>(userRows), 0.0);
    baseline.bookBias.assign(static_cast<std::size_t>(bookRows), 0.0);
    std::vector<double> sum;
    std::vector<double> count;
    for (int sweep = 0; sweep < config.iterations; ++sweep) {
        // Books given the users, then users given the books.
        for (const bool books : {true, false}) {
            std::vector<double>& target = books ? baseline.bookBias : baseline.userBias;
            const std::vector<double>& other = books ? baseline.userBias : baseline.bookBias;
            const std::vector<std::int32_t>& index = books ? train.books : train.users;
            const std::vector<std::int32_t>& otherIndex = books ? train.users : train.books;
            const double lambda = books ? config.bookRegularisation : config.userRegularisation;
            sum.assign(target.size(), 0.0);
            count.assign(target.size(), 0.0);
            for (std::size_t r = 0; r < train.size(); ++r) {
                const auto i = static_cast<std::size_t>(index[r]);
                sum[i] += train.ratings[r] - baseline.mean -
                          other[static_cast<std::size_t>(otherIndex[r])];
                count[i] += 1.0;
            }
            for (std::size_t i = 0; i < target.size(); ++i)
                target[i] = sum[i] / (lambda + count[i]);
        }
    }
    return baseline;
}

ErrorMetrics evaluateConstant(double value, const RatingRows& test) {
    const std::vector<float> predictions(test.size(), static_cast<float>(value));
    return errorMetrics(predictions, test.ratings);
}

ErrorMetrics evaluateBiasBaseline(const BiasBaseline& baseline, const RatingRows& test) {
    std::vector<float> predictions(test.size());
    for (std::size_t r = 0; r < test.size(); ++r)
        predictions[r] = baseline.predict(test.users[r], test.books[r]);
    return errorMetrics(predictions, test.ratings);
}

} // namespace shelfscope
