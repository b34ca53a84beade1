// The EASE solve on its own: the inverse of a symmetric positive definite n x n float matrix
// shaped like EASE's G + lambda I (sparse co-occurrence counts, lambda on the diagonal), by
// Eigen's LLT (portable build: SSE only) and, when built with it, LAPACK's spotrf + spotri.
// Usage: ease_solve_benchmark N [eigen|lapack] [repeats]. Prints seconds per solve.
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#ifdef SHELFSCOPE_BENCH_LAPACK
extern "C" {
void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info);
void spotri_(const char* uplo, const int* n, float* a, const int* lda, int* info);
}
#endif

using Dense = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

static Dense easeLikeMatrix(int n) {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> book(0, n - 1);
    Dense g = Dense::Zero(n, n);
    // 200 readers per book on average, 80 books per reader: counts like goodbooks-10k's.
    const int readers = n * 5;
    for (int r = 0; r < readers; ++r) {
        int items[80];
        for (int& i : items)
            i = book(random);
        for (int a : items)
            for (int b : items)
                g(a, b) += 1.0f;
    }
    g.diagonal().array() += 500.0f;
    return g;
}

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
    const std::string method = argc > 2 ? argv[2] : "eigen";
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 1;
    const Dense g = easeLikeMatrix(n);
    for (int r = 0; r < repeats; ++r) {
        Dense p = g;
        const auto start = std::chrono::steady_clock::now();
        if (method == "eigen") {
            Eigen::LLT<Dense> llt(g);
            p = llt.solve(Dense::Identity(n, n));
        } else {
#ifdef SHELFSCOPE_BENCH_LAPACK
            int info = 0;
            spotrf_("L", &n, p.data(), &n, &info);
            spotri_("L", &n, p.data(), &n, &info);
            p.triangularView<Eigen::StrictlyUpper>() = p.transpose();
#else
            std::fprintf(stderr, "built without LAPACK\n");
            return 2;
#endif
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const float residual = (g * p.leftCols(1) - Dense::Identity(n, 1)).cwiseAbs().maxCoeff();
        std::printf("%s n=%d %.3f s (residual %.2e)\n", method.c_str(), n, seconds, residual);
    }
    return 0;
}
