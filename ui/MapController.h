#pragma once

#include "BackgroundTask.h"
#include "maps/BookMap.h"

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

namespace shelfscope {
struct Dataset;
}

namespace shelfscope::ui {

/// The settings of a map, as the Map tab's controls give them.
struct MapRequest {
    MapMethod method = MapMethod::Tsne;
    bool normalizeRows = true;
    // Core's defaults, which the option table's map entries print (the Map tab's boxes start
    // from those entries).
    double perplexity = TsneConfig{}.perplexity;    ///< t-SNE
    int iterations = TsneConfig{}.iterations;       ///< t-SNE
    int neighbors = UmapConfig{}.neighbors;         ///< UMAP
    double minDist = UmapConfig{}.minDist;          ///< UMAP
    int epochs = UmapConfig{}.epochs;               ///< UMAP (0: automatic)
    int seed = static_cast<int>(UmapConfig{}.seed); ///< UMAP (t-SNE starts from PCA)

    /// What identifies the map for the cache: the method and the settings it uses.
    QString key() const;
    /// "t-SNE (perplexity 40, 1,000 iterations)" and the like.
    QString describe() const;
    BookMapConfig config() const;
    bool operator==(const MapRequest&) const = default;
};

/// A layout in flight, by value.
struct MapSnapshot {
    int step = 0;
    int steps = 0;
    double kl = -1.0;
    std::vector<float> xy;
};

/// A finished map with the request it answers.
struct MapResult {
    MapRequest request;
    BookMapResult map;
};

/// Computes maps of a run's book embeddings on a worker thread (a BackgroundTask): PCA at once,
/// t-SNE and UMAP with a snapshot every few steps. start() replaces the map in flight; stop()
/// cancels within a step; discard() also drops whatever it would still report.
class MapController : public QObject {
    Q_OBJECT
public:
    explicit MapController(QObject* parent = nullptr);

    /// `start` (N x 2, the books' order) continues a previous layout; empty: the method's own.
    void start(std::shared_ptr<const BookEmbeddings> books, std::shared_ptr<const Dataset> dataset,
               const MapRequest& request, Matrix start = {});
    void stop();
    void discard();
    bool isRunning() const;

Q_SIGNALS:
    void snapshot(const shelfscope::ui::MapSnapshot& snapshot);
    void finished(const shelfscope::ui::MapResult& result);
    void failed(const QString& message);

private:
    BackgroundTask<MapResult> task_{this};
};

} // namespace shelfscope::ui

Q_DECLARE_METATYPE(shelfscope::ui::MapSnapshot)
Q_DECLARE_METATYPE(shelfscope::ui::MapResult)
