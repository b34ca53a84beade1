// Implicit ALS on goodbooks-10k: its training time (the ials preset on the notebook split's
// training rows, several runs, median), and the choice of its hyperparameters on a validation
// slice of those training rows (the test rows are never read): for every setting of a grid,
// train on the training rows less the slice, then rank books for a seeded sample of readers
// with their training books left out and their slice books as hits (NDCG@10).
// Usage: ials_benchmark --data DIR [--runs N] [--threads N] [--dim N] [--iterations N]
//        [--tune] [--alphas a,b] [--lambdas a,b] [--to-read-weights a,b] [--min-ratings a,b]
//        [--readers N]
#include "BenchSupport.h"
#include "data/Dataset.h"
#include "eval/Ranking.h"
#include "train/Presets.h"
#include "train/RankingEvaluation.h"
#include "train/TrainingData.h"
#include "util/Random.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace shelfscope;

namespace {

std::vector<double> numbers(const std::string& list) {
    std::vector<double> values;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
        values.push_back(std::atof(item.c_str()));
    return values;
}

/// Readers with validation books, a seeded sample of `count`: training books left out,
/// validation books the hits, popularity the training ratings per book.
RankingData validationTask(const TrainingData& data, std::int64_t count) {
    std::vector<std::vector<std::int32_t>> train(static_cast<std::size_t>(data.userRows));
    std::vector<std::vector<std::int32_t>> held(static_cast<std::size_t>(data.userRows));
    RankingData task;
    task.bookRows = data.bookRows;
    task.popularity.assign(static_cast<std::size_t>(data.bookRows), 0);
    task.recommendable.assign(static_cast<std::size_t>(data.bookRows), 0);
    for (std::size_t i = 0; i < data.train.size(); ++i) {
        train[static_cast<std::size_t>(data.train.users[i])].push_back(data.train.books[i]);
        ++task.popularity[static_cast<std::size_t>(data.train.books[i])];
        task.recommendable[static_cast<std::size_t>(data.train.books[i])] = 1;
    }
    for (std::size_t i = 0; i < data.validation.size(); ++i)
        held[static_cast<std::size_t>(data.validation.users[i])].push_back(
            data.validation.books[i]);
    std::vector<std::int32_t> candidates;
    for (std::int32_t u = 0; u < data.userRows; ++u)
        if (!held[static_cast<std::size_t>(u)].empty())
            candidates.push_back(u);
    Random random(11);
    for (std::size_t i = candidates.size(); i > 1; --i)
        std::swap(candidates[i - 1], candidates[static_cast<std::size_t>(random.below(i))]);
    if (count > 0 && static_cast<std::int64_t>(candidates.size()) > count)
        candidates.resize(static_cast<std::size_t>(count));
    std::sort(candidates.begin(), candidates.end());
    for (std::int32_t u : candidates) {
        auto& t = train[static_cast<std::size_t>(u)];
        auto& h = held[static_cast<std::size_t>(u)];
        std::sort(t.begin(), t.end());
        std::sort(h.begin(), h.end());
        h.erase(std::unique(h.begin(), h.end()), h.end());
        task.readers.push_back(u);
        task.exclude.add(t);
        task.relevant.add(h);
        task.toRead.add({});
    }
    task.popularitySource = "training ratings";
    return task;
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int runs = 3;
    int threads = 2;
    int dim = 0;
    int iterations = 0;
    bool tune = false;
    std::string alphas = "1,3,10,30";
    std::string lambdas = "0.1,1,10,100";
    std::string toReadWeights = "0";
    std::string minRatings = "1";
    std::int64_t readers = 5000;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : "";
        if (option == "--tune") {
            tune = true;
            continue;
        }
        ++i;
        if (option == "--data")
            data = value;
        else if (option == "--runs")
            runs = std::atoi(value);
        else if (option == "--threads")
            threads = std::atoi(value);
        else if (option == "--dim")
            dim = std::atoi(value);
        else if (option == "--iterations")
            iterations = std::atoi(value);
        else if (option == "--alphas")
            alphas = value;
        else if (option == "--lambdas")
            lambdas = value;
        else if (option == "--to-read-weights")
            toReadWeights = value;
        else if (option == "--min-ratings")
            minRatings = value;
        else if (option == "--readers")
            readers = std::atoll(value);
    }
    if (data.empty()) {
        std::fprintf(stderr, "ials_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    ExperimentConfig config = findPreset("ials")->config;
    config.als.threads = threads;
    if (dim > 0)
        config.model.dim = dim;
    if (iterations > 0)
        config.als.iterations = iterations;
    DatasetLoadConfig load;
    load.folder = data;
    load.keepDuplicates = config.keepDuplicates;
    load.loadShelves = false;
    const Dataset dataset = loadDataset(load).dataset;
    const RatingTable& table = dataset.ratings;
    // The to-read list as rows of the run, once: each setting's weight decides whether it counts.
    const ReaderBookRows toRead = toReadRows(dataset, table, config.data.indexing);

    if (!tune) {
        std::vector<double> wall;
        std::vector<double> cpu;
        for (int run = 0; run < runs; ++run) {
            const double cpuStart = bench::processCpuSeconds();
            const ExperimentResult result =
                runExperiment(table, config, {}, neverCancelled(), toRead);
            cpu.push_back(bench::processCpuSeconds() - cpuStart);
            wall.push_back(result.training.trainSeconds);
            std::printf("run %d: %d iterations at d = %d on %d threads: %.2f s training "
                        "(process CPU for the whole experiment %.2f s), final loss %.5f\n",
                        run + 1, static_cast<int>(result.training.epochs.size()), config.model.dim,
                        threads, wall.back(), cpu.back(), result.training.epochs.back().trainLoss);
        }
        std::printf("median of %d: %.2f s training, %.2f s process CPU\n", runs,
                    bench::medianOf(wall), bench::medianOf(cpu));
        return 0;
    }

    // The validation slice: 10% of the notebook split's training rows, seeded.
    ExperimentConfig tuning = config;
    tuning.data.validationFraction = 0.1;
    const TrainingData split =
        prepareTrainingData(table, experimentSplit(table, tuning), tuning.data);
    const RankingData task = validationTask(split, readers);
    RankingConfig ranking;
    ranking.threads = threads;
    std::printf("| alpha | lambda | to-read weight | min rating | NDCG@10 | R@10 | P@10 | "
                "coverage | train s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (double minRating : numbers(minRatings))
        for (double weight : numbers(toReadWeights))
            for (double alpha : numbers(alphas))
                for (double lambda : numbers(lambdas)) {
                    ExperimentConfig c = tuning;
                    c.als.confidence.alpha = static_cast<float>(alpha);
                    c.als.confidence.minRating = static_cast<float>(minRating);
                    c.als.confidence.toReadWeight = static_cast<float>(weight);
                    c.als.regularization = static_cast<float>(lambda);
                    const ExperimentResult result =
                        runExperiment(table, c, {}, neverCancelled(), toRead);
                    const RankingMetrics m =
                        evaluateRanking(task, modelScorer(*result.model), ranking);
                    std::printf("| %g | %g | %g | %g | %.4f | %.4f | %.4f | %.3f | %.1f |\n", alpha,
                                lambda, weight, minRating, m.ndcg, m.recall, m.precision,
                                m.coverage, result.training.trainSeconds);
                    std::fflush(stdout);
                }
    return 0;
}
