#pragma once

// What the Readers tab's tests share: a small demo library, two runs trained on it (a rating
// model and a ranking model), a reader worth showing, and helpers to wait for lists and read
// the data back without going through the code under test.

#include "ReadersPanel.h"
#include "RecommendationsPane.h"
#include "Workspace.h"
#include "demo/DemoGenerator.h"
#include "train/Presets.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <memory>

namespace readers_test {

using namespace shelfscope;
using namespace shelfscope::ui;

inline LoadedDataset demoLibrary(std::uint64_t seed) {
    DemoConfig config;
    config.users = 300;
    config.books = 120;
    config.ratings = 6000;
    config.seed = seed;
    LoadedDataset loaded;
    loaded.dataset = std::make_shared<const Dataset>(generateDemoLibrary(config).dataset);
    loaded.shelves = std::make_shared<const ReaderShelves>(*loaded.dataset);
    return loaded;
}

inline std::shared_ptr<const TrainingRun> trainedRun(const Dataset& dataset, const char* preset,
                                                     int number) {
    ExperimentConfig config = findPreset(preset)->config;
    config.train.epochs = 2;
    config.bpr.epochs = 3;
    TrainingRun run;
    static_cast<TrainedRun&>(run) = trainRun(dataset, config, preset);
    run.run = number;
    return std::make_shared<const TrainingRun>(run);
}

/// Waits until every list the panel shows has its answer.
inline bool settle(const ReadersPanel& panel) {
    return QTest::qWaitFor([&] { return panel.recommendations()->isSettled(); }, 30000);
}

/// The reader's (book, stars), highest first and ties by book id, read from the rating rows
/// themselves rather than from ReaderShelves.
inline std::vector<std::pair<std::int32_t, float>> ratedFromRows(const Dataset& dataset,
                                                                 std::int32_t userId) {
    const RatingTable& t = dataset.ratings;
    std::vector<std::pair<std::int32_t, float>> rated;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.users.rawId(t.userIndex[i]) == userId)
            rated.emplace_back(t.books.rawId(t.bookIndex[i]), t.rating[i]);
    std::sort(rated.begin(), rated.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return rated;
}

inline std::vector<std::int32_t> toReadFromRows(const Dataset& dataset, std::int32_t userId) {
    std::vector<std::int32_t> books;
    for (std::size_t i = 0; i < dataset.toRead.size(); ++i)
        if (dataset.ratings.users.rawId(dataset.toRead.userIndex[i]) == userId)
            books.push_back(dataset.ratings.books.rawId(dataset.toRead.bookIndex[i]));
    std::sort(books.begin(), books.end());
    return books;
}

/// The fields of one CSV line (quoted fields may hold commas and doubled quotes).
inline QStringList csvFields(const QString& line) {
    QStringList fields{QString()};
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
            fields.back() += line[++i];
        else if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            fields << QString();
        else
            fields.back() += c;
    }
    return fields;
}

inline std::vector<std::int32_t> idsOf(const RecommendResult& result) {
    std::vector<std::int32_t> ids;
    for (const Recommendation& r : result.items)
        ids.push_back(r.book.id);
    return ids;
}

/// The library, the runs and the reader, made once per test program.
class ReadersFixture {
public:
    /// Call from initTestCase: QSettings in test mode, emptied; the library trained on.
    void setUp() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        library_ = demoLibrary(11);
        dot_ = trainedRun(*library_.dataset, "notebook-dot", 1);
        ranking_ = trainedRun(*library_.dataset, "ranking-dot", 2);
        for (const ReaderSummary& r : library_.shelves->readers())
            if (r.toRead >= 3 && r.ratings >= 15 &&
                library_.shelves->topGenres(r.userId).size() >= 2) {
                reader_ = r.userId;
                break;
            }
    }

    LoadedDataset library_;
    std::shared_ptr<const TrainingRun> dot_;
    std::shared_ptr<const TrainingRun> ranking_;
    std::int32_t reader_ = 0; ///< a reader with a to-read list and rated books in two genres

    /// A workspace on the demo library with the dot run (1) active; the ranking run (2) too
    /// when asked.
    std::unique_ptr<Workspace> workspace(bool withRanking = false) const {
        auto w = std::make_unique<Workspace>();
        w->setDataset(library_);
        w->runs()->addFinished(dot_);
        if (withRanking)
            w->runs()->addFinished(ranking_);
        w->setActiveRun(1);
        return w;
    }

    /// The engine's own list, from a recommender of its own.
    RecommendResult engineList(const TrainingRun& run, std::int32_t userId,
                               const RecommendConfig& config) const {
        const Recommender recommender(*run.model, run.metadata, *library_.dataset,
                                      library_.shelves);
        return recommender.forReader(userId, config);
    }
};

} // namespace readers_test
