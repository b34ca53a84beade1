// UMAP benchmark: the book embeddings of a trained model (10,000 x 5 for the notebook's dot
// model, L2-normalised) mapped N times (median seconds, 10-NN kept, genre agreement against its
// chance level where the books have genres), then, with --peer, by umap-learn in the same run
// (tests/bench/umap_peer.py), and the map-quality measures' own time on the map.
// Usage: umap_benchmark [--data DIR | --demo] [--preset NAME] [--runs N] [--epochs N]
//        [--threads N] [--neighbors N] [--peer]
// --demo maps a generated library instead (53,424 readers, 10,000 books, 981,756 ratings,
// 20 genres, seed 1: the shape of goodbooks-10k, with a genre for every book).
#include "BenchSupport.h"
#include "data/Dataset.h"
#include "demo/DemoGenerator.h"
#include "maps/MapQuality.h"
#include "maps/Pca.h"
#include "maps/PlaneNeighbors.h"
#include "maps/Umap.h"
#include "train/Presets.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace shelfscope;
using namespace shelfscope::bench;
namespace fs = std::filesystem;

namespace {

double secondsOf(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    std::string presetName = "notebook-dot";
    int runs = 5;
    int threads = 2;
    bool peer = false;
    bool demo = false;
    UmapConfig config;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--peer")
            peer = true;
        else if (option == "--demo")
            demo = true;
        else if (i + 1 < argc && option == "--data")
            data = argv[++i];
        else if (i + 1 < argc && option == "--preset")
            presetName = argv[++i];
        else if (i + 1 < argc && option == "--runs")
            runs = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--epochs")
            config.epochs = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--threads")
            threads = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--neighbors")
            config.neighbors = std::atoi(argv[++i]);
    }
    if (data.empty() && !demo) {
        std::fprintf(stderr, "umap_benchmark: give --data DIR, --demo or set SHELFSCOPE_DATA\n");
        return 2;
    }
    const Preset* preset = findPreset(presetName);
    if (preset == nullptr) {
        std::fprintf(stderr, "umap_benchmark: unknown preset '%s'\n", presetName.c_str());
        return 2;
    }
    Dataset dataset;
    if (demo) {
        DemoConfig shape;
        shape.users = 53424;
        shape.books = 10000;
        shape.ratings = 981756;
        shape.genres = 20;
        shape.seed = 1;
        dataset = generateDemoLibrary(shape).dataset;
    } else {
        DatasetLoadConfig load;
        load.folder = data;
        load.keepDuplicates = true;
        load.loadToRead = false;
        dataset = loadDataset(load).dataset;
    }
    const ExperimentResult trained = runExperiment(dataset.ratings, preset->config);
    const std::vector<std::int32_t> ids =
        rowRawIds(dataset.ratings.books, preset->config.data.indexing);
    std::vector<Eigen::Index> rows;
    std::vector<std::string> genreNames;
    for (std::size_t r = 0; r < ids.size(); ++r)
        if (ids[r] != 0) {
            rows.push_back(static_cast<Eigen::Index>(r));
            const Book* book = dataset.books.find(ids[r]);
            genreNames.push_back(book != nullptr ? book->genre : std::string());
        }
    Matrix books(static_cast<Eigen::Index>(rows.size()), trained.model->bookEmbeddings().cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        books.row(static_cast<Eigen::Index>(i)) = trained.model->bookEmbeddings().row(rows[i]);
    const Matrix unit = normalizedRows(books);
    const std::vector<std::int32_t> labels = labelsFromNames(genreNames);
    const bool genres =
        std::any_of(labels.begin(), labels.end(), [](std::int32_t l) { return l >= 0; });
    config.threads = threads;
    std::printf("UMAP benchmark: %ld x %ld normalised book embeddings of %s on %s (test MSE %.4f), "
                "%d neighbours, min_dist %.2f, %d epochs, %d thread(s), %d runs\n",
                static_cast<long>(unit.rows()), static_cast<long>(unit.cols()), presetName.c_str(),
                demo ? "the generated library" : data.c_str(), trained.training.test.mse,
                config.neighbors, config.minDist,
                config.epochs > 0 ? config.epochs : automaticUmapEpochs(unit.rows()), threads,
                runs);

    std::vector<double> seconds;
    std::vector<double> cpuSeconds;
    UmapResult last;
    for (int run = 0; run < runs; ++run) {
        const std::clock_t cpuStart = std::clock();
        last = runUmap(unit, config);
        cpuSeconds.push_back(static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        seconds.push_back(last.seconds);
        std::printf("  run %d: %.3f s (neighbour graph %.3f s; CPU of all threads %.3f s), %s "
                    "start, %zu edges\n",
                    run + 1, last.seconds, last.graphSeconds, cpuSeconds.back(), last.start.c_str(),
                    last.edges);
    }
    double kept = 0.0;
    const double keptSeconds =
        secondsOf([&] { kept = neighborhoodPreservation(unit, last.layout, 10, threads); });
    std::printf(
        "Shelfscope UMAP: median %.3f s (CPU %.3f s), 10-NN kept %.3f (measured in %.3f s)\n",
        medianOf(seconds), medianOf(cpuSeconds), kept, keptSeconds);
    double planeSeconds = secondsOf([&] { planeNeighbors(last.layout, 10, threads); });
    std::printf("10-NN of the 2-D map alone (grid search): %.4f s\n", planeSeconds);
    if (genres) {
        GenreAgreement agreement;
        const double agreementSeconds =
            secondsOf([&] { agreement = genreAgreement(last.layout, labels, 10, threads); });
        std::printf("genre agreement %.3f (chance %.3f, %zu books with a genre; %.4f s)\n",
                    agreement.agreement, agreement.chance, agreement.labelled, agreementSeconds);
        const PcaResult pca = principalComponents(unit);
        std::printf("PCA: 10-NN kept %.3f, genre agreement %.3f\n",
                    neighborhoodPreservation(unit, pca.coordinates, 10, threads),
                    genreAgreement(pca.coordinates, labels, 10, threads).agreement);
    } else {
        std::printf("the books have no genres: no genre agreement\n");
        const PcaResult pca = principalComponents(unit);
        std::printf("PCA: 10-NN kept %.3f\n",
                    neighborhoodPreservation(unit, pca.coordinates, 10, threads));
    }
    if (peer) {
        const fs::path csv = fs::temp_directory_path() / "shelfscope_umap_embeddings.csv";
        writeRowsCsv(unit, csv.string());
        const fs::path script = fs::path(__FILE__).parent_path() / "umap_peer.py";
        const std::string command = "/usr/bin/python3 " + script.string() + " " + csv.string() +
                                    " " + std::to_string(config.neighbors) + " 2>/dev/null";
        const std::string line = outputOf(command);
        fs::remove(csv);
        const double peerSeconds = jsonNumber(line, "seconds");
        if (peerSeconds <= 0) {
            std::printf("umap-learn peer did not run (is Debian's umap-learn installed?)\n");
            return 1;
        }
        std::printf("umap-learn: %.3f s (second fit in the process; first, with compilation, "
                    "%.3f s), 10-NN kept %.3f\n",
                    peerSeconds, jsonNumber(line, "first_seconds"), jsonNumber(line, "knn_kept"));
        std::printf("ratio (umap-learn / Shelfscope median): %.1fx\n",
                    peerSeconds / medianOf(seconds));
    }
    return 0;
}
