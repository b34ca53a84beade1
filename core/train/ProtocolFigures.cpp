#include "train/ProtocolFigures.h"

namespace shelfscope {

namespace {

std::string atK(const char* name, int k) {
    return std::string(name) + "@" + std::to_string(k);
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

} // namespace shelfscope
