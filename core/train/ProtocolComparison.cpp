#include "train/ProtocolComparison.h"

#include <charconv>

namespace shelfscope {

namespace {

/// Fixed decimals with a dot: std::to_chars ignores the C locale a Qt program sets.
std::string fixed(double value, int decimals) {
    char text[64];
    const auto end =
        std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals).ptr;
    return std::string(text, end);
}

/// Ten significant digits, enough that a CSV reads back as the value shown and more.
std::string csvNumber(double value) {
    char text[64];
    const auto end =
        std::to_chars(text, text + sizeof text, value, std::chars_format::general, 10).ptr;
    return std::string(text, end);
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

bool sameSplit(const ProtocolResult& a, const ProtocolResult& b) {
    return a.splitName == b.splitName && a.datasetFingerprint == b.datasetFingerprint;
}

/// A paired difference needs the very same readers, in the same order, with the same held-out
/// books counted: then replicate b resamples the same readers for both runs.
bool samePairedReaders(const ReaderNdcgs& a, const ReaderNdcgs& b) {
    return !a.readers.empty() && a.readers == b.readers && a.counted == b.counted;
}

const ProtocolResult& resultOf(const std::vector<ComparedModel>& models, int index) {
    return models[static_cast<std::size_t>(index)].result;
}

/// The best on validation among a split's models other than its best (-1 when alone).
int runnerUp(const std::vector<ComparedModel>& models, const SplitGroup& split) {
    int second = -1;
    for (int m : split.models)
        if (m != split.best && (second < 0 || resultOf(models, m).validation.ndcg >
                                                  resultOf(models, second).validation.ndcg))
            second = m;
    return second;
}

} // namespace

ComparisonSummary summarizeComparison(const std::vector<ComparedModel>& models,
                                      const std::atomic<bool>& cancel) {
    ComparisonSummary summary;
    summary.splitOf.assign(models.size(), -1);
    summary.toBest.assign(models.size(), {});
    for (std::size_t i = 0; i < models.size(); ++i) {
        const ProtocolResult& r = models[i].result;
        std::size_t s = 0;
        while (s < summary.splits.size() &&
               !sameSplit(resultOf(models, summary.splits[s].models.front()), r))
            ++s;
        if (s == summary.splits.size())
            summary.splits.push_back({r.splitName, {}, -1});
        SplitGroup& split = summary.splits[s];
        const int index = static_cast<int>(i);
        split.models.push_back(index);
        if (split.best < 0 || r.validation.ndcg > resultOf(models, split.best).validation.ndcg)
            split.best = index;
        summary.splitOf[i] = static_cast<int>(s);
    }
    if (summary.splits.empty())
        return summary;
    // Models of several data sets: a split's name says which.
    for (SplitGroup& split : summary.splits)
        if (resultOf(models, split.models.front()).datasetFingerprint !=
            models.front().result.datasetFingerprint) {
            for (SplitGroup& named : summary.splits)
                named.name += " of " + resultOf(models, named.models.front()).datasetName;
            break;
        }

    // A fixed order of split kinds: the notebook's split (the project's reference), then the
    // per-user hold-out, then a random one. Counting runs instead would let a few weak runs on
    // another split move the default there. Splits of one kind: the first listed.
    const auto rank = [&](int s) {
        switch (
            resultOf(models, summary.splits[static_cast<std::size_t>(s)].models.front()).split) {
        case SplitKind::Notebook:
            return 0;
        case SplitKind::PerUser:
            return 1;
        case SplitKind::Random:
            return 2;
        }
        return 3;
    };
    int chosen = 0;
    for (int s = 1; s < static_cast<int>(summary.splits.size()); ++s)
        if (rank(s) < rank(chosen))
            chosen = s;
    summary.defaultSplit = chosen;
    summary.defaultModel = summary.splits[static_cast<std::size_t>(chosen)].best;
    bool sameKind = false;
    for (int s = 0; s < static_cast<int>(summary.splits.size()); ++s)
        sameKind = sameKind || (s != chosen && rank(s) == rank(chosen));
    summary.choice = summary.splits.size() == 1 ? ComparisonSummary::SplitChoice::Only
                     : sameKind                 ? ComparisonSummary::SplitChoice::FirstOfItsKind
                                                : ComparisonSummary::SplitChoice::SplitOrder;

    for (std::size_t i = 0; i < models.size(); ++i) {
        const int best = summary.splits[static_cast<std::size_t>(summary.splitOf[i])].best;
        if (best == static_cast<int>(i))
            continue;
        const ProtocolResult& r = models[i].result;
        const ProtocolResult& leader = resultOf(models, best);
        if (!samePairedReaders(r.perReader, leader.perReader))
            continue;
        const PairedDifference d = pairedDifference(r.perReader.ndcg, leader.perReader.ndcg,
                                                    r.perReader.counted, r.bootstrap, cancel);
        summary.toBest[i] = {true, d.value, d.interval};
    }
    return summary;
}

std::string defaultReason(const std::vector<ComparedModel>& models,
                          const ComparisonSummary& summary) {
    if (summary.defaultModel < 0)
        return {};
    const SplitGroup& split = summary.splits[static_cast<std::size_t>(summary.defaultSplit)];
    const ComparedModel& winner = models[static_cast<std::size_t>(summary.defaultModel)];
    const std::string k = std::to_string(winner.result.k);
    std::string text = winner.name + " is the default recommender: ";
    const int second = runnerUp(models, split);
    if (second < 0) {
        text += "the only run on the " + split.name + " split (NDCG@" + k + " " +
                fixed(winner.result.validation.ndcg, 4) + " on its validation readers).";
    } else if (const ComparedModel& other = models[static_cast<std::size_t>(second)];
               other.result.validation.ndcg == winner.result.validation.ndcg) {
        text += "tied with " + other.name + " for the best NDCG@" + k +
                " on the validation readers (a seeded half of the evaluated readers) among the " +
                std::to_string(split.models.size()) + " runs on the " + split.name + " split, " +
                fixed(winner.result.validation.ndcg, 4) + "; the first listed was taken.";
    } else {
        text += "the best NDCG@" + k +
                " on the validation readers (a seeded half of the evaluated readers) among the " +
                std::to_string(split.models.size()) + " runs on the " + split.name + " split, " +
                fixed(winner.result.validation.ndcg, 4) + " against " +
                fixed(other.result.validation.ndcg, 4) + " for " + other.name +
                "; the other half gives " + fixed(winner.result.otherHalf.ndcg, 4) + " against " +
                fixed(other.result.otherHalf.ndcg, 4) + ".";
    }
    if (summary.splits.size() > 1) {
        using Choice = ComparisonSummary::SplitChoice;
        text += " The " + split.name + " split was taken because " +
                (summary.choice == Choice::SplitOrder
                     ? std::string("the default comes from the notebook's split when there is "
                                   "one, else the per-user one, else a random one")
                     : std::string("it comes first of the splits of its kind")) +
                "; validation figures of different splits are never compared (each split holds "
                "out other books). Best on validation elsewhere:";
        bool first = true;
        for (const SplitGroup& s : summary.splits) {
            if (&s == &split)
                continue;
            const ComparedModel& best = models[static_cast<std::size_t>(s.best)];
            text += std::string(first ? " " : "; ") + s.name + " split, " + best.name + " (" +
                    fixed(best.result.validation.ndcg, 4) + ")";
            first = false;
        }
        text += ".";
    }
    return text;
}

std::string comparisonCsv(const std::vector<ComparedModel>& models,
                          const ComparisonSummary& summary) {
    std::string csv = "model,split,readers,metric,label,value,low,high\n";
    for (std::size_t i = 0; i < models.size(); ++i) {
        const ComparedModel& model = models[i];
        const std::string prefix = csvField(model.name) + ',' + csvField(model.result.splitName) +
                                   ',' + std::to_string(model.result.ranking.readers) + ',';
        for (const ProtocolFigure& f : protocolFigures(model.result)) {
            if (!f.available)
                continue;
            csv += prefix + f.key + ',' + csvField(f.label) + ',' + csvNumber(f.value) + ',' +
                   (f.hasInterval ? csvNumber(f.interval.low) + ',' + csvNumber(f.interval.high)
                                  : std::string(",")) +
                   '\n';
        }
        if (i < summary.toBest.size() && summary.toBest[i].available) {
            const DifferenceToBest& d = summary.toBest[i];
            const std::string& best =
                models[static_cast<std::size_t>(
                           summary.splits[static_cast<std::size_t>(summary.splitOf[i])].best)]
                    .name;
            const std::string label = "NDCG@" + std::to_string(model.result.k) + " minus " + best;
            csv += prefix + "ndcg_vs_best," + csvField(label) + ',' + csvNumber(d.value) + ',' +
                   csvNumber(d.interval.low) + ',' + csvNumber(d.interval.high) + '\n';
        }
    }
    return csv;
}

std::string differenceLabel(int k) {
    return "NDCG@" + std::to_string(k) + " vs best";
}

} // namespace shelfscope
