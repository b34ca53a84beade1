#include "maps/UmapCurve.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace shelfscope {

namespace {

constexpr int kSamples = 300;

struct Fit {
    double a;
    double b;
    double cost; ///< sum of squared residuals
};

double costAt(const std::vector<double>& x, const std::vector<double>& y, double a, double b) {
    double cost = 0.0;
    for (std::size_t s = 0; s < x.size(); ++s) {
        const double f = 1.0 / (1.0 + a * std::pow(x[s], 2.0 * b));
        cost += (f - y[s]) * (f - y[s]);
    }
    return cost;
}

} // namespace

UmapCurve fitUmapCurve(double minDist, double spread) {
    if (!(spread > 0.0) || !std::isfinite(spread))
        throw std::invalid_argument("UMAP: spread must be above 0, got " + std::to_string(spread));
    if (!(minDist >= 0.0) || minDist > spread)
        throw std::invalid_argument("UMAP: min_dist must be between 0 and spread (" +
                                    std::to_string(spread) + "), got " + std::to_string(minDist));
    std::vector<double> x(kSamples);
    std::vector<double> y(kSamples);
    for (int s = 0; s < kSamples; ++s) {
        x[static_cast<std::size_t>(s)] = 3.0 * spread * s / (kSamples - 1);
        const double d = x[static_cast<std::size_t>(s)];
        y[static_cast<std::size_t>(s)] = d < minDist ? 1.0 : std::exp(-(d - minDist) / spread);
    }
    // Levenberg-Marquardt on two parameters: the 2 x 2 normal equations, damped by lambda on
    // their diagonal, lambda shrinking after a step that lowered the cost and growing otherwise.
    Fit fit{1.0, 1.0, costAt(x, y, 1.0, 1.0)};
    double lambda = 1e-3;
    for (int iteration = 0; iteration < 500 && lambda < 1e12; ++iteration) {
        double jaa = 0.0, jab = 0.0, jbb = 0.0, ga = 0.0, gb = 0.0;
        for (std::size_t s = 0; s < x.size(); ++s) {
            if (x[s] <= 0.0)
                continue; // f = 1 whatever a and b: no gradient
            const double power = std::pow(x[s], 2.0 * fit.b);
            const double f = 1.0 / (1.0 + fit.a * power);
            const double residual = f - y[s];
            // df/da = -x^2b f^2, df/db = -a x^2b 2 ln(x) f^2
            const double da = -power * f * f;
            const double db = da * fit.a * 2.0 * std::log(x[s]);
            jaa += da * da;
            jab += da * db;
            jbb += db * db;
            ga += da * residual;
            gb += db * residual;
        }
        const double maa = jaa * (1.0 + lambda);
        const double mbb = jbb * (1.0 + lambda);
        const double determinant = maa * mbb - jab * jab;
        if (!(std::abs(determinant) > 0.0))
            break;
        const double stepA = -(mbb * ga - jab * gb) / determinant;
        const double stepB = -(maa * gb - jab * ga) / determinant;
        const double a = fit.a + stepA;
        const double b = fit.b + stepB;
        const double cost = a > 0.0 && b > 0.0 ? costAt(x, y, a, b) : HUGE_VAL;
        if (cost < fit.cost) {
            const bool settled = fit.cost - cost < 1e-15 * (1.0 + fit.cost) &&
                                 std::abs(stepA) < 1e-10 && std::abs(stepB) < 1e-10;
            fit = {a, b, cost};
            lambda = std::max(lambda / 10.0, 1e-12);
            if (settled)
                break;
        } else {
            lambda *= 10.0;
        }
    }
    return {fit.a, fit.b};
}

} // namespace shelfscope
