#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "ModelContext.h"
#include "io/JsonWriter.h"
#include "train/RankingEvaluation.h"

#include <cstdio>
#include <iostream>

namespace shelfscope::cli {

namespace {

void addJson(JsonWriter& json, const char* name, const RankingMetrics& m) {
    json.key(name)
        .beginObject()
        .field("precision", m.precision)
        .field("recall", m.recall)
        .field("ndcg", m.ndcg)
        .field("map", m.map)
        .field("hit_rate", m.hitRate)
        .field("coverage", m.coverage)
        .field("mean_popularity", m.meanPopularity)
        .field("to_read_share", m.toReadShare)
        .field("to_read_mean_hits", m.toReadMeanHits)
        .field("readers", m.readers)
        .field("readers_with_held_out_books", m.readersWithHits)
        .field("seconds", m.seconds)
        .endObject();
}

void printRow(const char* name, const RankingMetrics& m) {
    std::printf("%-12s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %11.0f %9.4f %9.4f %8.2f\n", name,
                m.precision, m.recall, m.ndcg, m.map, m.hitRate, m.coverage, m.meanPopularity,
                m.toReadShare, m.toReadMeanHits, m.seconds);
}

} // namespace

int runEvaluate(const CommandLine& options) {
    RankingConfig ranking;
    ranking.k = static_cast<int>(options.integer("k", ranking.k));
    ranking.threads = static_cast<int>(options.integer("threads", ranking.threads));
    RankingDataConfig dataConfig;
    dataConfig.relevantRating =
        static_cast<float>(options.number("relevant-rating", dataConfig.relevantRating));
    dataConfig.maxReaders = options.integer("max-readers", dataConfig.maxReaders);
    dataConfig.seed = options.seed("seed", dataConfig.seed);
    dataConfig.readerHalf = static_cast<int>(options.integer("reader-half", dataConfig.readerHalf));
    const ModelContext context = openModel(options);
    const Model& model = *context.saved.model;
    // A neural model scores the 10,000 books one reader at a time (about 2-5 ms each): all
    // 53,424 readers would take minutes, so it gets a seeded sample unless told otherwise.
    constexpr std::int64_t kNeuralSample = 5000;
    if (!options.has("max-readers") && model.kind() == ModelKind::Neural)
        dataConfig.maxReaders = kNeuralSample;
    const ExperimentConfig experiment = experimentOf(context.saved.metadata);
    const Dataset& dataset = context.data.dataset;
    RatingTable reread;
    const RatingTable& ratings = experimentRatings(dataset, experiment, reread);
    const RankingData data =
        rankingData(dataset, ratings, experiment, context.saved.metadata, dataConfig);
    const auto blend = static_cast<float>(
        options.number("popularity-blend", recordedPopularityBlend(context.saved.metadata)));
    const auto popularCandidates =
        static_cast<std::int32_t>(options.integer("popular-candidates", 0));
    const RankingMetrics modelMetrics = evaluateRanking(
        data,
        popularCandidates > 0 ? popularCandidatesScorer(model, data, popularCandidates)
        : blend != 0.0f       ? blendedScorer(model, data, blend)
                              : modelScorer(model),
        ranking);
    const RankingMetrics popularity = evaluateRanking(data, popularityScorer(data), ranking);
    const RankingMetrics random = evaluateRanking(data, randomScorer(data.bookRows), ranking);
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject()
            .field("k", ranking.k)
            .field("split", splitKindName(experiment.split))
            .field("relevant_rating", static_cast<double>(dataConfig.relevantRating))
            .field("popularity_source", data.popularitySource)
            .field("popularity_blend", static_cast<double>(blend))
            .field("reader_half", dataConfig.readerHalf);
        addJson(json, "model", modelMetrics);
        addJson(json, "popularity", popularity);
        addJson(json, "random", random);
        json.endObject();
        std::cout << json.text() << std::endl;
        return ExitSuccess;
    }
    std::printf("Ranking on the model's %s split: top %d for %s readers; hits = held-out books%s "
                "of the %s who have any\n",
                splitKindName(experiment.split), ranking.k,
                groupDigits(modelMetrics.readers).c_str(),
                dataConfig.relevantRating > 0.0f
                    ? (" rated " + fixed(dataConfig.relevantRating, 1) + " or more").c_str()
                    : "",
                groupDigits(modelMetrics.readersWithHits).c_str());
    if (!options.has("max-readers") && model.kind() == ModelKind::Neural)
        std::printf("(a neural model: a seeded sample of %lld readers; --max-readers 0 for all)\n",
                    static_cast<long long>(kNeuralSample));
    std::printf("%-12s %9s %9s %9s %9s %9s %9s %11s %9s %9s %8s\n", "", "P@k", "R@k", "NDCG@k",
                "MAP@k", "hit rate", "coverage", "popularity", "to-read", "to-read#", "seconds");
    printRow("model", modelMetrics);
    printRow("popularity", popularity);
    printRow("random", random);
    std::printf("Popularity counts %s.\n", data.popularitySource.c_str());
    return ExitSuccess;
}

} // namespace shelfscope::cli
