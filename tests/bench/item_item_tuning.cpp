// Chooses the item-item presets' settings on a validation slice of the training rows, never the
// test rows (docs/TUNING.md): the notebook split's training rows lose a seeded 10% (validation);
// each setting is fitted on the rest and judged by NDCG@10 with each reader's validation books as
// the hits (training books left out), for a seeded sample of 5,000 readers.
// Usage: item_item_tuning DATA_FOLDER [ease|item-knn] [--only I] [--neighbours LIST]
// [--shrink LIST] [--readers N] [--reader-books MIN,MAX] (LIST: comma-separated, replaces
// item-knn's default grid; N replaces the 5,000 readers judged; MIN,MAX judges only readers with
// that many distinct training books). One line per setting.
// item_item_tuning --save-load MODEL_FILE times loadModel and saveModel (to MODEL_FILE.copy), 3x.
#include "BenchSupport.h"
#include "data/Dataset.h"
#include "eval/Ranking.h"
#include "model/ModelFile.h"
#include "train/ItemItemFit.h"
#include "train/Presets.h"
#include "util/FloatEnvironment.h"
#include "util/Random.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace shelfscope;

namespace {

// Readers with validation books and from fewestBooks to mostBooks distinct training books.
RankingData validationTask(const TrainingData& data, std::size_t sample, std::uint64_t seed,
                           std::size_t fewestBooks, std::size_t mostBooks) {
    std::vector<std::vector<std::int32_t>> trained(static_cast<std::size_t>(data.userRows));
    std::vector<std::vector<std::int32_t>> held(static_cast<std::size_t>(data.userRows));
    for (std::size_t r = 0; r < data.train.size(); ++r)
        trained[static_cast<std::size_t>(data.train.users[r])].push_back(data.train.books[r]);
    for (std::size_t r = 0; r < data.validation.size(); ++r)
        held[static_cast<std::size_t>(data.validation.users[r])].push_back(
            data.validation.books[r]);
    std::vector<std::int32_t> readers;
    for (std::int32_t u = 0; u < data.userRows; ++u) {
        auto books = trained[static_cast<std::size_t>(u)];
        std::sort(books.begin(), books.end());
        const auto distinct =
            static_cast<std::size_t>(std::unique(books.begin(), books.end()) - books.begin());
        if (!held[static_cast<std::size_t>(u)].empty() && distinct >= fewestBooks &&
            distinct <= mostBooks)
            readers.push_back(u);
    }
    Random random(seed);
    for (std::size_t i = readers.size(); i > 1; --i) // seeded Fisher-Yates, then the first few
        std::swap(readers[i - 1], readers[random.below(i)]);
    readers.resize(std::min(sample, readers.size()));
    std::sort(readers.begin(), readers.end());
    RankingData task;
    task.bookRows = data.bookRows;
    task.readers = readers;
    for (std::int32_t u : readers) {
        auto exclude = trained[static_cast<std::size_t>(u)];
        std::sort(exclude.begin(), exclude.end());
        exclude.erase(std::unique(exclude.begin(), exclude.end()), exclude.end());
        auto relevant = held[static_cast<std::size_t>(u)];
        std::sort(relevant.begin(), relevant.end());
        relevant.erase(std::unique(relevant.begin(), relevant.end()), relevant.end());
        task.exclude.add(std::move(exclude));
        task.relevant.add(std::move(relevant));
        task.toRead.add({});
    }
    task.popularity.assign(static_cast<std::size_t>(data.bookRows), 0);
    task.popularitySource = "none";
    task.recommendable.assign(static_cast<std::size_t>(data.bookRows), 1);
    return task;
}

// "5,10,20" -> {5, 10, 20}.
std::vector<double> numberList(const std::string& text) {
    std::vector<double> values;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = std::min(text.find(',', from), text.size());
        values.push_back(std::atof(text.substr(from, comma - from).c_str()));
        from = comma + 1;
    }
    return values;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(
            stderr, "usage: item_item_tuning DATA_FOLDER [ease|item-knn] [--only I] "
                    "[--neighbours LIST] [--shrink LIST] [--readers N] [--reader-books MIN,MAX]\n");
        return 2;
    }
    flushDenormalsInThisThread();
    if (std::string(argv[1]) == "--save-load" && argc > 2) {
        std::vector<double> loads;
        std::vector<double> saves;
        for (int run = 0; run < 3; ++run) {
            auto start = std::chrono::steady_clock::now();
            const SavedModel saved = loadModel(argv[2]);
            loads.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            start = std::chrono::steady_clock::now();
            saveModel(std::string(argv[2]) + ".copy", *saved.model, saved.metadata);
            saves.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::printf("load median %.2f s, save median %.2f s, peak %ld kB\n", bench::medianOf(loads),
                    bench::medianOf(saves), bench::peakResidentKb());
        return 0;
    }
    const std::string which = argc > 2 ? argv[2] : "ease";
    // --only I: just the I-th setting (0-based), to rerun one point of the grid; --neighbours and
    // --shrink replace item-knn's grid, to extend it without refitting the points already run;
    // --readers judges more readers (all of them when N exceeds their count) and --reader-books
    // readers with few or many books only, to check a choice.
    int only = -1;
    std::size_t readers = 5000;
    std::vector<double> readerBooks = {0, 1e9};
    std::vector<double> neighbourGrid = {1,  2,  3,  4,  5,  6,  7,  8,   9,   10,
                                         12, 15, 20, 25, 30, 40, 50, 100, 200, 400};
    std::vector<double> shrinkGrid = {0, 1, 2, 5, 10, 50};
    for (int a = 3; a < argc; a += 2) {
        const std::string flag = argv[a];
        if (a + 1 == argc) {
            std::fprintf(stderr, "item_item_tuning: %s needs a value\n", flag.c_str());
            return 2;
        }
        if (flag == "--only")
            only = std::atoi(argv[a + 1]);
        else if (flag == "--neighbours")
            neighbourGrid = numberList(argv[a + 1]);
        else if (flag == "--shrink")
            shrinkGrid = numberList(argv[a + 1]);
        else if (flag == "--readers")
            readers = static_cast<std::size_t>(std::atol(argv[a + 1]));
        else if (flag == "--reader-books" && numberList(argv[a + 1]).size() == 2)
            readerBooks = numberList(argv[a + 1]);
        else {
            std::fprintf(stderr, "item_item_tuning: unknown option %s or a bad value\n",
                         flag.c_str());
            return 2;
        }
    }
    ExperimentConfig config = findPreset(which)->config;
    DatasetLoadConfig load;
    load.folder = argv[1];
    load.keepDuplicates = config.keepDuplicates;
    load.loadToRead = false;
    load.loadShelves = false;
    const Dataset dataset = loadDataset(load).dataset;
    config.data.validationFraction = 0.1;
    const TrainingData data =
        prepareTrainingData(dataset.ratings, experimentSplit(dataset.ratings, config), config.data);
    const RankingData task =
        validationTask(data, readers, 1, static_cast<std::size_t>(readerBooks[0]),
                       static_cast<std::size_t>(readerBooks[1]));
    std::printf("%s: %zu training rows, %zu validation rows, %zu readers judged\n", which.c_str(),
                data.train.size(), data.validation.size(), task.readers.size());
    std::vector<ModelConfig> settings;
    if (config.model.kind == ModelKind::Ease) {
        for (float lambda : {10.0f, 25.0f, 50.0f, 150.0f, 300.0f, 500.0f, 1000.0f}) {
            settings.push_back(config.model);
            settings.back().easeLambda = lambda;
        }
    } else {
        for (double k : neighbourGrid)
            for (double shrink : shrinkGrid) {
                settings.push_back(config.model);
                settings.back().knnNeighbours = static_cast<int>(k);
                settings.back().knnShrink = static_cast<float>(shrink);
            }
    }
    for (std::size_t index = 0; index < settings.size(); ++index) {
        if (only >= 0 && static_cast<int>(index) != only)
            continue;
        const ModelConfig& setting = settings[index];
        const auto start = std::chrono::steady_clock::now();
        const ItemItemFit fit = fitItemItem(setting, data);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const Model& model = *fit.model;
        const RankingMetrics m =
            evaluateRanking(task, [&model](std::span<const std::int32_t> readers, Matrix& out) {
                model.scoreAllBooksFor(readers, out);
            });
        std::printf("lambda %g neighbours %d shrink %g: validation NDCG@10 %.4f recall@10 %.4f "
                    "(fit %.1f s)\n",
                    static_cast<double>(setting.easeLambda), setting.knnNeighbours,
                    static_cast<double>(setting.knnShrink), m.ndcg, m.recall, seconds);
        std::fflush(stdout);
    }
    return 0;
}
