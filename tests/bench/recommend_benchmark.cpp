// Recommendation latency on goodbooks-10k: top-10 for one reader (dot and neural models),
// similar books, fold-in of a new reader plus top-10, and title search; each the median of
// many calls on different readers and books, after the models are trained and loaded.
// Usage: recommend_benchmark [--data DIR] [--calls N] [--dot PRESET] [--neural PRESET]
#include "data/Dataset.h"
#include "recommend/Recommender.h"
#include "recommend/TitleSearch.h"
#include "train/Presets.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace shelfscope;
using Clock = std::chrono::steady_clock;

namespace {

struct Timing {
    double median = 0.0;
    double p90 = 0.0;
};

Timing measure(int calls, const std::function<void(int)>& call) {
    std::vector<double> ms;
    for (int i = 0; i < calls; ++i) {
        const auto start = Clock::now();
        call(i);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[ms.size() * 9 / 10]};
}

struct Trained {
    std::unique_ptr<Model> model;
    ModelMetadata metadata;
};

Trained train(const Dataset& dataset, const std::string& name) {
    const ExperimentConfig config = findPreset(name)->config;
    ExperimentResult result = runExperiment(experimentRatings(dataset, config), config);
    Trained trained;
    trained.metadata = describeModel(dataset, config, result, name);
    trained.model = std::move(result.model);
    return trained;
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int calls = 200;
    std::string dotPreset = "ranking-dot";
    std::string neuralPreset = "notebook-nn";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--data")
            data = argv[i + 1];
        else if (option == "--calls")
            calls = std::atoi(argv[i + 1]);
        else if (option == "--dot")
            dotPreset = argv[i + 1];
        else if (option == "--neural")
            neuralPreset = argv[i + 1];
    }
    if (data.empty()) {
        std::fprintf(stderr, "recommend_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    DatasetLoadConfig load;
    load.folder = data;
    const Dataset dataset = loadDataset(load).dataset;
    const Trained dot = train(dataset, dotPreset);
    const Trained neural = train(dataset, neuralPreset);
    const Recommender dotRecommender(*dot.model, dot.metadata, dataset);
    const Recommender neuralRecommender(*neural.model, neural.metadata, dataset);
    const auto readerId = [&](int i) {
        return dataset.ratings.users.rawId((i * 7919) % dataset.ratings.userCount());
    };
    const auto bookId = [&](int i) {
        return dataset.ratings.books.rawId((i * 104729) % dataset.ratings.bookCount());
    };
    std::printf("Recommendation latency on %s, %d calls each (median / 90th percentile, ms)\n",
                dataset.name.c_str(), calls);
    const auto report = [](const char* what, const Timing& t, double target) {
        std::printf("  %-42s %7.3f / %7.3f   (target <= %.0f ms)\n", what, t.median, t.p90, target);
    };
    std::size_t sink = 0;
    report(
        ("top-10 for a reader, " + dotPreset + " (d=" + std::to_string(dot.model->config().dim) +
         ")")
            .c_str(),
        measure(calls, [&](int i) { sink += dotRecommender.forReader(readerId(i)).items.size(); }),
        2);
    report(("top-10 for a reader, " + neuralPreset).c_str(),
           measure(calls,
                   [&](int i) { sink += neuralRecommender.forReader(readerId(i)).items.size(); }),
           10);
    report("similar books (top 10)",
           measure(calls, [&](int i) { sink += dotRecommender.similarBooks(bookId(i)).size(); }),
           2);
    report("new reader: fold-in of 5 ratings + top-10 (dot)",
           measure(calls,
                   [&](int i) {
                       std::vector<std::pair<std::int32_t, float>> ratings;
                       for (int r = 0; r < 5; ++r)
                           ratings.emplace_back(bookId(i * 5 + r),
                                                static_cast<float>(1 + (i + r) % 5));
                       sink += dotRecommender.forNewReader(ratings).items.size();
                   }),
           20);
    report("new reader: fold-in of 5 ratings + top-10 (neural)",
           measure(calls / 4,
                   [&](int i) {
                       std::vector<std::pair<std::int32_t, float>> ratings;
                       for (int r = 0; r < 5; ++r)
                           ratings.emplace_back(bookId(i * 5 + r),
                                                static_cast<float>(1 + (i + r) % 5));
                       sink += neuralRecommender.forNewReader(ratings).items.size();
                   }),
           20);
    const TitleSearch search(dataset.books);
    const char* queries[] = {"harry", "MISÉRABLES", "the", "hunger games", "zzzz", "love", "war"};
    report("title search (case- and accent-insensitive)",
           measure(calls, [&](int i) { sink += search.find(queries[i % 7]).size(); }), 5);
    return sink == 0 ? 1 : 0;
}
