#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "ModelContext.h"
#include "ProtocolReport.h"
#include "io/JsonWriter.h"
#include "train/EvaluationProtocol.h"

#include <cstdio>
#include <iostream>

namespace shelfscope::cli {

int runEvaluate(const CommandLine& options) {
    ProtocolConfig config = protocolOptions(options);
    config.data.maxReaders = options.integer("max-readers", config.data.maxReaders);
    config.data.readerHalf =
        static_cast<int>(options.integer("reader-half", config.data.readerHalf));
    config.popularCandidates = static_cast<std::int32_t>(options.integer("popular-candidates"));
    config.baselines = true;
    const ModelContext context = openModel(options);
    const Model& model = *context.saved.model;
    // A neural model scores the 10,000 books one reader at a time (about 2-5 ms each): all
    // 53,424 readers would take minutes, so it gets a seeded sample unless told otherwise.
    constexpr std::int64_t kNeuralSample = 5000;
    if (!options.has("max-readers") && model.kind() == ModelKind::Neural)
        config.data.maxReaders = kNeuralSample;
    if (options.has("popularity-blend"))
        config.popularityBlend = static_cast<float>(options.number("popularity-blend", 0.0));
    const ProtocolResult result =
        evaluateProtocol(context.data.dataset, model, context.saved.metadata, config);
    const RankingFigures& popularity = *result.popularityBaseline;
    const RankingFigures& random = *result.randomBaseline;
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject()
            .field("k", result.k)
            .field("split", result.splitName)
            .field("relevant_rating", static_cast<double>(config.data.relevantRating))
            .field("popularity_source", result.popularitySource)
            .field("popularity_blend", static_cast<double>(result.popularityBlend))
            .field("reader_half", config.data.readerHalf)
            .field("bootstrap_replicates", result.bootstrap.replicates)
            .field("confidence_level", result.bootstrap.level)
            .field("predicts_ratings", result.predictsRatings);
        addRankingJson(json, "model", result.ranking, result.rankingIntervals);
        addRankingJson(json, "popularity", popularity.metrics, popularity.intervals);
        addRankingJson(json, "random", random.metrics, random.intervals);
        addFiguresJson(json, result);
        json.endObject();
        std::cout << json.text() << std::endl;
        return ExitSuccess;
    }
    std::printf("Ranking %s\n", protocolSummary(result, config.data.relevantRating).c_str());
    if (!options.has("max-readers") && model.kind() == ModelKind::Neural)
        std::printf("(a neural model: a seeded sample of %lld readers; --max-readers 0 for all)\n",
                    static_cast<long long>(kNeuralSample));
    ProtocolResult popularityResult = result;
    popularityResult.ranking = popularity.metrics;
    popularityResult.rankingIntervals = popularity.intervals;
    popularityResult.errors.reset();
    ProtocolResult randomResult = popularityResult;
    randomResult.ranking = random.metrics;
    randomResult.rankingIntervals = random.intervals;
    const auto modelFigures = protocolFigures(result);
    const auto popularityFigures = protocolFigures(popularityResult);
    const auto randomFigures = protocolFigures(randomResult);
    std::printf("%-14s %-28s %-28s %-28s\n", "", "model", "popularity", "random");
    for (std::size_t i = 0; i < modelFigures.size(); ++i)
        std::printf("%-14s %-28s %-28s %-28s\n", modelFigures[i].label.c_str(),
                    withInterval(modelFigures[i]).c_str(),
                    withInterval(popularityFigures[i]).c_str(),
                    withInterval(randomFigures[i]).c_str());
    std::printf("Popularity counts %s (the mean over the listed books: lower is less "
                "popularity bias).\n",
                result.popularitySource.c_str());
    std::printf("Validation readers (seeded half 0): NDCG@%d %s over %s readers; the other half "
                "%s.\n",
                result.k, fixed(result.validation.ndcg, 4).c_str(),
                groupDigits(result.validation.readers).c_str(),
                fixed(result.otherHalf.ndcg, 4).c_str());
    std::printf("%.2f s\n", result.seconds);
    return ExitSuccess;
}

} // namespace shelfscope::cli
