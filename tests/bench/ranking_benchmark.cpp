// Ranking benchmark: trains presets on goodbooks-10k and evaluates their top-10 lists on the
// notebook split's held-out books against the popularity and random baselines, with the
// to-read check; then chooses ranking-dot's popularity blend on one seeded half of the readers
// and reports it on the other half.
// Usage: ranking_benchmark [--data DIR] [--presets a,b] [--neural-readers N] [--threads N]
#include "data/Dataset.h"
#include "train/Presets.h"
#include "train/RankingEvaluation.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace shelfscope;

namespace {

void printRow(const std::string& name, const RankingMetrics& m) {
    std::printf(
        "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.3f | %.0f | %.4f | %.4f | %s | %.2f |\n",
        name.c_str(), m.precision, m.recall, m.ndcg, m.map, m.hitRate, m.coverage, m.meanPopularity,
        m.toReadShare, m.toReadMeanHits, std::to_string(m.readers).c_str(), m.seconds);
}

void printHeader() {
    std::printf("| model | P@10 | R@10 | NDCG@10 | MAP@10 | hit rate | coverage | mean popularity "
                "| to-read share | to-read hits | readers | seconds |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    std::string presetList = "notebook-dot,tuned-dot,ranking-dot";
    std::int64_t neuralReaders = 2000;
    int threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--data")
            data = argv[i + 1];
        else if (option == "--presets")
            presetList = argv[i + 1];
        else if (option == "--neural-readers")
            neuralReaders = std::atoll(argv[i + 1]);
        else if (option == "--threads")
            threads = std::atoi(argv[i + 1]);
    }
    if (data.empty()) {
        std::fprintf(stderr, "ranking_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    DatasetLoadConfig load;
    load.folder = data;
    const Dataset dataset = loadDataset(load).dataset;
    RankingConfig ranking;
    ranking.threads = threads;
    bool baselinesShown = false;
    std::stringstream names(presetList);
    std::string name;
    printHeader();
    while (std::getline(names, name, ',')) {
        const Preset* preset = findPreset(name);
        if (preset == nullptr) {
            std::fprintf(stderr, "unknown preset %s\n", name.c_str());
            return 2;
        }
        ExperimentConfig config = preset->config;
        const RatingTable table = experimentRatings(dataset, config);
        ExperimentResult trained = runExperiment(table, config);
        const ModelMetadata metadata = describeModel(dataset, config, trained, name);
        RankingDataConfig readers;
        if (config.model.kind == ModelKind::Neural)
            readers.maxReaders = neuralReaders;
        const RankingData task = rankingData(dataset, table, config, metadata, readers);
        const float blend = recordedPopularityBlend(metadata);
        const RankingMetrics model = evaluateRanking(
            task,
            blend > 0 ? blendedScorer(*trained.model, task, blend) : modelScorer(*trained.model),
            ranking);
        printRow(name + (blend > 0 ? " (blend " + std::to_string(blend).substr(0, 4) + ")" : ""),
                 model);
        if (blend > 0)
            printRow(name + " (no blend)",
                     evaluateRanking(task, modelScorer(*trained.model), ranking));
        if (!baselinesShown || config.model.kind == ModelKind::Neural) {
            printRow("popularity", evaluateRanking(task, popularityScorer(task), ranking));
            printRow("random", evaluateRanking(task, randomScorer(task.bookRows), ranking));
            baselinesShown = true;
        }
        if (config.objective != TrainObjective::Ranking)
            continue;
        // The blend weight: chosen on half 0 of the readers, reported on half 1.
        RankingDataConfig half;
        half.readerHalf = 0;
        const RankingData choose = rankingData(dataset, table, config, metadata, half);
        half.readerHalf = 1;
        const RankingData report = rankingData(dataset, table, config, metadata, half);
        const RankingMetrics popularOnChoose =
            evaluateRanking(choose, popularityScorer(choose), ranking);
        std::printf("\nBlend weight for %s on half 0 (%zu readers): popularity NDCG@10 %.4f, "
                    "to-read hits %.4f\n",
                    name.c_str(), choose.readers.size(), popularOnChoose.ndcg,
                    popularOnChoose.toReadMeanHits);
        std::printf(
            "| weight | NDCG@10 | to-read share | to-read hits |\n| --- | --- | --- | --- |\n");
        float best = 0.0f;
        double bestHits = -1.0;
        for (float weight = 0.0f; weight <= 3.01f; weight += 0.25f) {
            const RankingMetrics m =
                evaluateRanking(choose, blendedScorer(*trained.model, choose, weight), ranking);
            std::printf("| %.2f | %.4f | %.4f | %.4f |\n", weight, m.ndcg, m.toReadShare,
                        m.toReadMeanHits);
            // Most to-read hits while NDCG@10 stays at least twice popularity's.
            if (m.ndcg >= 2.0 * popularOnChoose.ndcg && m.toReadMeanHits > bestHits) {
                bestHits = m.toReadMeanHits;
                best = weight;
            }
        }
        std::printf("\nChosen weight %.2f; on half 1 (%zu readers):\n\n", best,
                    report.readers.size());
        printHeader();
        printRow(name + " (blend)",
                 evaluateRanking(report, blendedScorer(*trained.model, report, best), ranking));
        printRow("popularity", evaluateRanking(report, popularityScorer(report), ranking));
        printRow("random", evaluateRanking(report, randomScorer(report.bookRows), ranking));
        std::printf("\n");
    }
    return 0;
}
