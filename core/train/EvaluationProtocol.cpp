#include "train/EvaluationProtocol.h"

#include "io/DataError.h"
#include "io/NumberText.h"
#include "train/TrainingData.h"
#include "util/FloatEnvironment.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace shelfscope {

namespace {

/// A stage's share of the whole evaluation's progress.
ProgressCallback stageProgress(const ProgressCallback& progress, double from, double to) {
    if (!progress)
        return {};
    return [progress, from, to](const ProgressUpdate& update) {
        progress({update.stage, from + (to - from) * update.fraction});
    };
}

void report(const ProgressCallback& progress, const char* stage, double fraction,
            const std::atomic<bool>& cancel) {
    if (cancel.load(std::memory_order_relaxed))
        throw OperationCancelled();
    if (progress)
        progress({stage, fraction});
}

} // namespace

std::vector<ReaderErrors> readerErrors(std::span<const std::int32_t> users,
                                       std::span<const float> truth,
                                       std::span<const float> predictions, bool clip,
                                       RatingScale scale) {
    std::map<std::int32_t, ReaderErrors> byReader;
    for (std::size_t i = 0; i < users.size(); ++i) {
        const double p = clip ? std::clamp(predictions[i], scale.min, scale.max) : predictions[i];
        const double error = p - static_cast<double>(truth[i]);
        ReaderErrors& reader = byReader[users[i]];
        reader.squared += error * error;
        reader.absolute += std::fabs(error);
        ++reader.count;
    }
    std::vector<ReaderErrors> list;
    list.reserve(byReader.size());
    for (const auto& [user, errors] : byReader)
        list.push_back(errors);
    return list;
}

std::string splitName(const ExperimentConfig& config, bool duplicatesDropped) {
    const ExperimentConfig presets;
    std::string details;
    auto add = [&details](const std::string& detail) {
        details += (details.empty() ? " (" : ", ") + detail;
    };
    if (config.split == SplitKind::PerUser) {
        if (config.holdoutPerUser != presets.holdoutPerUser)
            add("hold out " + std::to_string(config.holdoutPerUser));
    } else if (config.testFraction != presets.testFraction) {
        add("test share " + shortestText(config.testFraction));
    }
    if (config.splitSeed != presets.splitSeed)
        add("seed " + std::to_string(config.splitSeed));
    if (duplicatesDropped)
        add("duplicate rows dropped");
    return splitKindName(config.split) + details + (details.empty() ? "" : ")");
}

ProtocolResult evaluateProtocol(const Dataset& dataset, const Model& model,
                                const ModelMetadata& metadata, const ProtocolConfig& config,
                                const ProgressCallback& progress, const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const auto start = std::chrono::steady_clock::now();
    ProtocolResult result;
    const ExperimentConfig experiment = experimentOf(metadata);
    result.split = experiment.split;
    // The table loaded without the file's repeated rows splits other rows than the file's
    // (which experimentRatings reads again when the experiment keeps them).
    result.splitName =
        splitName(experiment, !experiment.keepDuplicates && !dataset.folder.empty() &&
                                  !dataset.ratingsHoldEveryFileRow);
    result.datasetFingerprint = metadata.datasetFingerprint;
    result.datasetName = metadata.datasetName;
    result.predictsRatings = predictsRatings(metadata);
    result.k = config.ranking.k;
    result.bootstrap = config.bootstrap;

    report(progress, "Preparing the split", 0.0, cancel);
    RatingTable reread;
    const RatingTable& ratings = experimentRatings(dataset, experiment, reread);
    const RankingData data = rankingData(dataset, ratings, experiment, metadata, config.data);
    result.popularitySource = data.popularitySource;
    result.popularityBlend = config.popularityBlend.value_or(recordedPopularityBlend(metadata));

    report(progress, "Ranking books for the readers", 0.1, cancel);
    const RankingDetail detail = evaluateRankingDetail(
        data,
        config.popularCandidates > 0
            ? popularCandidatesScorer(model, data, config.popularCandidates)
        : result.popularityBlend != 0.0f ? blendedScorer(model, data, result.popularityBlend)
                                         : modelScorer(model),
        config.ranking, cancel);
    result.ranking = detail.metrics;
    result.perReader.readers = data.readerIndices;
    for (const ReaderFigures& f : detail.readers) {
        result.perReader.ndcg.push_back(f.ndcg);
        result.perReader.counted.push_back(f.hasRelevant ? 1 : 0);
    }
    std::vector<std::size_t> halves[2];
    for (std::size_t r = 0; r < data.readers.size(); ++r)
        halves[readerHalfOf(data.readerIndices[r], config.data.seed)].push_back(r);
    std::vector<std::uint8_t> scratch;
    result.validation = summarizeReaders(data, detail, halves[0], scratch);
    result.otherHalf = summarizeReaders(data, detail, halves[1], scratch);
    const bool errors = result.predictsRatings && config.ratingErrors;
    const double rankedUpTo = errors ? 0.75 : 1.0;
    const double baselinesFrom = config.baselines ? 0.6 + 0.5 * (rankedUpTo - 0.6) : rankedUpTo;
    result.rankingIntervals = bootstrapRanking(data, detail, config.bootstrap,
                                               stageProgress(progress, 0.6, baselinesFrom), cancel);
    if (config.baselines) {
        report(progress, "Ranking the baselines", baselinesFrom, cancel);
        auto baseline = [&](const BlockScorer& scorer) {
            const RankingDetail d = evaluateRankingDetail(data, scorer, config.ranking, cancel);
            return RankingFigures{d.metrics,
                                  bootstrapRanking(data, d, config.bootstrap, {}, cancel)};
        };
        result.popularityBaseline = baseline(popularityScorer(data));
        result.randomBaseline = baseline(randomScorer(data.bookRows));
    }
    if (errors) {
        report(progress, "Predicting the test ratings", 0.75, cancel);
        RowSplit split = experimentSplit(ratings, experiment);
        std::vector<std::int32_t>().swap(split.trainRows);
        const RatingRows test = prepareTestRows(ratings, split.testRows, experiment.data.indexing);
        std::vector<float> predictions(test.size());
        model.predictBatch(test.users, test.books, predictions);
        const bool clip = experiment.train.clipPredictions;
        result.errors = errorMetrics(predictions, test.ratings, clip, ratings.scale);
        const std::vector<ReaderErrors> perReader =
            readerErrors(test.users, test.ratings, predictions, clip, ratings.scale);
        result.errorReaders = static_cast<std::int64_t>(perReader.size());
        result.errorIntervals =
            bootstrapErrors(perReader, config.bootstrap, stageProgress(progress, 0.9, 1.0), cancel);
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace shelfscope
