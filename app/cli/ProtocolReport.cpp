#include "ProtocolReport.h"

#include "Format.h"

namespace shelfscope::cli {

ProtocolConfig protocolOptions(const CommandLine& options) {
    ProtocolConfig config;
    config.ranking.k = static_cast<int>(options.integer("k", config.ranking.k));
    config.ranking.threads = static_cast<int>(options.integer("threads", config.ranking.threads));
    config.data.relevantRating =
        static_cast<float>(options.number("relevant-rating", config.data.relevantRating));
    config.data.seed = options.seed("seed", config.data.seed);
    config.bootstrap.seed = config.data.seed;
    config.bootstrap.replicates =
        static_cast<int>(options.integer("bootstrap", config.bootstrap.replicates));
    return config;
}

std::string withInterval(const ProtocolFigure& f) {
    if (!f.available)
        return "-";
    if (!f.hasInterval)
        return fixed(f.value, f.decimals);
    return fixed(f.value, f.decimals) + " [" + fixed(f.interval.low, f.decimals) + ", " +
           fixed(f.interval.high, f.decimals) + "]";
}

std::string protocolSummary(const ProtocolResult& r, float relevantRating) {
    std::string text = "on the model's " + r.splitName + " split: top " + std::to_string(r.k) +
                       " for " + groupDigits(r.ranking.readers) + " readers; hits = held-out books";
    if (relevantRating > 0.0f)
        text += " rated " + fixed(relevantRating, 1) + " or more";
    text += " of the " + groupDigits(r.ranking.readersWithHits) + " who have any.\n";
    text += "[low, high]: " + fixed(100.0 * r.bootstrap.level, 0) +
            "% percentile bootstrap over readers, " + groupDigits(r.bootstrap.replicates) +
            " replicates, seed " + std::to_string(r.bootstrap.seed) + ".";
    text += std::string(" ") + kNoCoverageInterval;
    if (r.errors)
        text += " RMSE and MAE: all " + groupDigits(r.errors->count) + " test ratings (" +
                groupDigits(r.errorReaders) + " readers resampled).";
    return text;
}

void addRankingJson(JsonWriter& json, const char* name, const RankingMetrics& m,
                    const RankingIntervals& i) {
    auto pair = [&json](const char* key, const Interval& interval) {
        json.key(key).beginArray().value(interval.low).value(interval.high).endArray();
    };
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
        .field("seconds", m.seconds);
    json.key("intervals").beginObject();
    pair("precision", i.precision);
    pair("recall", i.recall);
    pair("ndcg", i.ndcg);
    pair("map", i.map);
    pair("hit_rate", i.hitRate); // coverage has none (kNoCoverageInterval)
    pair("mean_popularity", i.meanPopularity);
    pair("to_read_share", i.toReadShare);
    pair("to_read_mean_hits", i.toReadMeanHits);
    json.endObject().endObject();
}

void addFiguresJson(JsonWriter& json, const ProtocolResult& result) {
    json.key("figures").beginArray();
    for (const ProtocolFigure& f : protocolFigures(result)) {
        if (!f.available)
            continue;
        json.beginObject().field("metric", f.key).field("label", f.label).field("value", f.value);
        if (f.hasInterval)
            json.field("low", f.interval.low).field("high", f.interval.high);
        json.endObject();
    }
    json.endArray();
    json.field("validation_ndcg", result.validation.ndcg)
        .field("validation_readers", result.validation.readers)
        .field("other_half_ndcg", result.otherHalf.ndcg);
}

} // namespace shelfscope::cli
