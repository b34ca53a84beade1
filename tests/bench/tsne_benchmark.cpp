// t-SNE benchmark: the book embeddings of the notebook's dot model (10,000 x 5, L2-normalised)
// mapped N times by Shelfscope (median seconds, KL, 10-NN kept), then, with --peer, by
// scikit-learn in the same run (tests/bench/tsne_peer.py), and PCA's 10-NN kept for reference.
// Usage: tsne_benchmark [--data DIR] [--runs N] [--iterations N] [--threads N] [--theta X]
//        [--peer]
#include "BenchSupport.h"
#include "data/Dataset.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"
#include "train/Presets.h"
#include "util/CpuPath.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace shelfscope;
using namespace shelfscope::bench;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int runs = 3;
    int iterations = 1000;
    int threads = 2;
    bool peer = false;
    double theta = TsneConfig{}.theta;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--peer")
            peer = true;
        else if (i + 1 < argc && option == "--data")
            data = argv[++i];
        else if (i + 1 < argc && option == "--runs")
            runs = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--iterations")
            iterations = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--threads")
            threads = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--theta")
            theta = std::atof(argv[++i]);
    }
    if (data.empty()) {
        std::fprintf(stderr, "tsne_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    // The notebook's dot model, trained as the notebook did (0.8 s).
    const Preset* preset = findPreset("notebook-dot");
    DatasetLoadConfig load;
    load.folder = data;
    load.keepDuplicates = true;
    load.loadToRead = false;
    const DatasetLoadResult loaded = loadDataset(load);
    const ExperimentResult trained = runExperiment(loaded.dataset.ratings, preset->config);
    const std::vector<std::int32_t> ids =
        rowRawIds(loaded.dataset.ratings.books, preset->config.data.indexing);
    std::vector<Eigen::Index> rows;
    for (std::size_t r = 0; r < ids.size(); ++r)
        if (ids[r] != 0)
            rows.push_back(static_cast<Eigen::Index>(r));
    Matrix books(static_cast<Eigen::Index>(rows.size()), trained.model->bookEmbeddings().cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        books.row(static_cast<Eigen::Index>(i)) = trained.model->bookEmbeddings().row(rows[i]);
    const Matrix unit = normalizedRows(books);
    std::printf("t-SNE benchmark: %ld x %ld normalised book embeddings of notebook-dot (test MSE "
                "%.4f), %d iterations, perplexity 40, %d thread(s), %d runs\n",
                static_cast<long>(unit.rows()), static_cast<long>(unit.cols()),
                trained.training.test.mse, iterations, threads, runs);
    std::printf("%s\n", cpuPathReport().c_str());

    TsneConfig config;
    config.iterations = iterations;
    config.threads = threads;
    config.theta = theta;
    std::vector<double> seconds;
    TsneResult last;
    for (int run = 0; run < runs; ++run) {
        const double cpuBefore = processCpuSeconds();
        last = runTsne(unit, config);
        seconds.push_back(last.seconds);
        std::printf("  run %d: %.3f s (affinities %.3f s, process CPU %.3f s), KL %.4f\n", run + 1,
                    last.seconds, last.affinitySeconds, processCpuSeconds() - cpuBefore, last.kl);
    }
    const double kept = neighborhoodPreservation(unit, last.layout, 10, threads);
    const double shelfscope = medianOf(seconds);
    std::printf("Shelfscope: median %.3f s, KL %.4f, 10-NN kept %.3f\n", shelfscope, last.kl, kept);
    const PcaResult pca = principalComponents(unit);
    std::printf("PCA (2 components, %.1f%% + %.1f%% of the variance): 10-NN kept %.3f\n",
                100 * pca.explainedVarianceRatio[0], 100 * pca.explainedVarianceRatio[1],
                neighborhoodPreservation(unit, pca.coordinates, 10, threads));
    if (peer) {
        const fs::path csv = fs::temp_directory_path() / "shelfscope_tsne_embeddings.csv";
        writeRowsCsv(unit, csv.string());
        const fs::path script = fs::path(__FILE__).parent_path() / "tsne_peer.py";
        const std::string command = "/usr/bin/python3 " + script.string() + " " + csv.string() +
                                    " " + std::to_string(iterations) + " 2>/dev/null";
        const std::string line = outputOf(command);
        const double peerSeconds = jsonNumber(line, "seconds");
        if (peerSeconds <= 0) {
            std::printf("scikit-learn peer did not run (is python3-sklearn installed?)\n");
            return 1;
        }
        std::printf("scikit-learn: %.3f s, KL %.4f, 10-NN kept %.3f\n", peerSeconds,
                    jsonNumber(line, "kl"), jsonNumber(line, "knn_kept"));
        std::printf("ratio (scikit-learn / Shelfscope median): %.1fx\n", peerSeconds / shelfscope);
        fs::remove(csv);
    }
    return 0;
}
