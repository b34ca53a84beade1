#include "train/ProtocolFigures.h"

#include <cstdio>

namespace shelfscope {

namespace {

std::string atK(const char* name, int k) {
    return std::string(name) + "@" + std::to_string(k);
}

/// Enough digits that the CSV reads back as the value shown and more.
std::string csvNumber(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

} // namespace

std::vector<ProtocolFigure> protocolFigures(const ProtocolResult& r) {
    const RankingMetrics& m = r.ranking;
    const RankingIntervals& i = r.rankingIntervals;
    std::vector<ProtocolFigure> figures;
    figures.reserve(16); // add() hands out pointers into it
    auto add = [&](const char* key, std::string label, double value, Interval interval) {
        ProtocolFigure f;
        f.key = key;
        f.label = std::move(label);
        f.value = value;
        f.interval = interval;
        figures.push_back(std::move(f));
        return &figures.back();
    };
    add("precision", atK("P", r.k), m.precision, i.precision);
    add("recall", atK("R", r.k), m.recall, i.recall);
    add("ndcg", atK("NDCG", r.k), m.ndcg, i.ndcg);
    add("map", atK("MAP", r.k), m.map, i.map);
    add("hit_rate", "hit rate", m.hitRate, i.hitRate);
    add("coverage", "coverage", m.coverage, {})->hasInterval = false;
    ProtocolFigure* popularity =
        add("mean_popularity", "popularity", m.meanPopularity, i.meanPopularity);
    popularity->higherIsBetter = false; // a bias, not a merit: lower means more discovery
    popularity->decimals = 0;
    add("to_read_mean_hits", "to-read hits", m.toReadMeanHits, i.toReadMeanHits);
    add("to_read_share", "to-read share", m.toReadShare, i.toReadShare);
    const bool errors = r.errors.has_value();
    for (ProtocolFigure* f :
         {add("rmse", "RMSE", errors ? r.errors->rmse : 0.0, r.errorIntervals.rmse),
          add("mae", "MAE", errors ? r.errors->mae : 0.0, r.errorIntervals.mae)}) {
        f->available = errors;
        f->higherIsBetter = false;
    }
    return figures;
}

std::string comparisonCsv(const std::vector<ComparedModel>& models) {
    std::string csv = "model,split,readers,metric,label,value,low,high\n";
    for (const ComparedModel& model : models)
        for (const ProtocolFigure& f : protocolFigures(model.result)) {
            if (!f.available)
                continue;
            csv += csvField(model.name) + ',' + splitKindName(model.result.split) + ',' +
                   std::to_string(model.result.ranking.readers) + ',' + f.key + ',' +
                   csvField(f.label) + ',' + csvNumber(f.value) + ',' +
                   (f.hasInterval ? csvNumber(f.interval.low) + ',' + csvNumber(f.interval.high)
                                  : std::string(",")) +
                   '\n';
        }
    return csv;
}

int bestOnValidation(const std::vector<ComparedModel>& models) {
    int best = -1;
    for (std::size_t i = 0; i < models.size(); ++i)
        if (best < 0 || models[i].result.validation.ndcg >
                            models[static_cast<std::size_t>(best)].result.validation.ndcg)
            best = static_cast<int>(i);
    return best;
}

} // namespace shelfscope
