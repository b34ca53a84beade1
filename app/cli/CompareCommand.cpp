#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "ModelContext.h"
#include "ProtocolReport.h"
#include "config/OptionBuilders.h"
#include "io/AtomicFileWriter.h"
#include "io/JsonWriter.h"
#include "train/ProtocolComparison.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace shelfscope::cli {

namespace {

/// "ranking-dot (bpr.ssm)": the preset the file records and the file's name.
std::string modelName(const std::string& path, const ModelMetadata& metadata) {
    const std::string file = std::filesystem::path(path).filename().string();
    return metadata.preset.empty() ? file : metadata.preset + " (" + file + ")";
}

/// The difference cell: "-0.0316 [-0.0402, -0.0231]", "best" for the split's best, "-" when the
/// two runs' readers differ.
std::string differenceText(const ComparisonSummary& summary, std::size_t model) {
    const SplitGroup& split = summary.splits[static_cast<std::size_t>(summary.splitOf[model])];
    if (split.best == static_cast<int>(model))
        return "best";
    const DifferenceToBest& d = summary.toBest[model];
    if (!d.available)
        return "-";
    return signedFixed(d.value, 4) + " [" + signedFixed(d.interval.low, 4) + ", " +
           signedFixed(d.interval.high, 4) + "]";
}

void printTable(const std::vector<ComparedModel>& models, const ComparisonSummary& summary) {
    constexpr int kWidth = 28;
    std::printf("%-16s", "");
    for (const ComparedModel& m : models)
        std::printf(" %-*s", kWidth, m.name.substr(0, kWidth).c_str());
    std::printf("\n%-16s", "split");
    for (const ComparedModel& m : models)
        std::printf(" %-*s", kWidth, m.result.splitName.substr(0, kWidth).c_str());
    std::printf("\n%-16s", "readers");
    for (const ComparedModel& m : models)
        std::printf(" %-*s", kWidth, groupDigits(m.result.ranking.readers).c_str());
    std::printf("\n");
    std::vector<std::vector<ProtocolFigure>> figures;
    for (const ComparedModel& m : models)
        figures.push_back(protocolFigures(m.result));
    for (std::size_t row = 0; row < figures.front().size(); ++row) {
        std::printf("%-16s", figures.front()[row].label.c_str());
        for (const auto& column : figures)
            std::printf(" %-*s", kWidth, withInterval(column[row]).c_str());
        std::printf("\n");
    }
    std::printf("%-16s", differenceLabel(models.front().result.k).c_str());
    for (std::size_t i = 0; i < models.size(); ++i)
        std::printf(" %-*s", kWidth, differenceText(summary, i).c_str());
    std::printf("\n%-16s", "validation");
    for (const ComparedModel& m : models)
        std::printf(" %-*s", kWidth, fixed(m.result.validation.ndcg, 4).c_str());
    std::printf("\n");
}

} // namespace

int runCompare(const CommandLine& options) {
    const std::vector<std::string> paths = options.texts("model");
    if (paths.empty())
        throw UsageError("--model is required (once per model to compare)");
    ProtocolConfig config = protocolOptions(options);
    config.data.maxReaders = options.integer("max-readers", options::kCompareReaders);
    if (options.has("popularity-blend")) // else each model's recorded blend, as it recommends
        config.popularityBlend = static_cast<float>(options.number("popularity-blend", 0.0));
    const std::string dataFolder = options.text("data", "");
    std::map<std::string, DatasetLoadResult> datasets;
    std::vector<ComparedModel> models;
    for (const std::string& path : paths) {
        const DatasetLoadResult* data = nullptr;
        const SavedModel saved = openModelOf(path, dataFolder, datasets, data);
        std::fprintf(stderr, "Evaluating %s ...\n", path.c_str());
        models.push_back({modelName(path, saved.metadata),
                          evaluateProtocol(data->dataset, *saved.model, saved.metadata, config)});
    }
    const ComparisonSummary summary = summarizeComparison(models);
    if (options.has("csv")) {
        AtomicFileWriter file(options.text("csv"));
        file.write(comparisonCsv(models, summary));
        file.commit();
    }
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject()
            .field("k", config.ranking.k)
            .field("seed", static_cast<std::int64_t>(config.data.seed))
            .field("max_readers", config.data.maxReaders)
            .field("bootstrap_replicates", config.bootstrap.replicates)
            .field("confidence_level", config.bootstrap.level)
            .field("best_on_validation", summary.defaultModel) // the default recommender
            .field("default_split",
                   summary.splits[static_cast<std::size_t>(summary.defaultSplit)].name)
            .field("reason", defaultReason(models, summary));
        json.key("splits").beginArray();
        for (const SplitGroup& split : summary.splits) {
            json.beginObject().field("split", split.name).field("best_on_validation", split.best);
            json.key("models").beginArray();
            for (int m : split.models)
                json.value(m);
            json.endArray().endObject();
        }
        json.endArray();
        json.key("models").beginArray();
        for (std::size_t i = 0; i < models.size(); ++i) {
            const ProtocolResult& r = models[i].result;
            json.beginObject()
                .field("name", models[i].name)
                .field("file", paths[i])
                .field("split", r.splitName)
                .field("readers", r.ranking.readers)
                .field("predicts_ratings", r.predictsRatings);
            addFiguresJson(json, r);
            const DifferenceToBest& d = summary.toBest[i];
            if (d.available)
                json.key("ndcg_vs_best")
                    .beginObject()
                    .field("best",
                           summary.splits[static_cast<std::size_t>(summary.splitOf[i])].best)
                    .field("value", d.value)
                    .field("low", d.interval.low)
                    .field("high", d.interval.high)
                    .endObject();
            json.endObject();
        }
        json.endArray().endObject();
        std::cout << json.text() << std::endl;
        return ExitSuccess;
    }
    std::printf("Every model on the split it was trained on: top %d for a seeded sample of up to "
                "%s readers (seed %llu); hits = held-out books.\n[low, high]: %s%% percentile "
                "bootstrap over readers, %s replicates. %s RMSE and MAE: all test ratings of "
                "rating predictors. %s: the run's NDCG@%d minus its split's best on "
                "validation, over the same readers, with a paired interval (the same "
                "replicates).\n",
                config.ranking.k,
                config.data.maxReaders > 0 ? groupDigits(config.data.maxReaders).c_str() : "all",
                static_cast<unsigned long long>(config.data.seed),
                fixed(100.0 * config.bootstrap.level, 0).c_str(),
                groupDigits(config.bootstrap.replicates).c_str(), kNoCoverageInterval,
                differenceLabel(config.ranking.k).c_str(), config.ranking.k);
    printTable(models, summary);
    std::printf("%s\n", defaultReason(models, summary).c_str());
    if (options.has("csv"))
        std::printf("Wrote %s\n", options.text("csv").c_str());
    return ExitSuccess;
}

} // namespace shelfscope::cli
