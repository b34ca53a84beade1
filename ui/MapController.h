#pragma once

#include "BackgroundTask.h"
#include "model/Parameter.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

namespace shelfscope::ui {

struct MapRequest {
    bool tsne = true; ///< else PCA
    bool normalizeRows = true;
    double perplexity = 40.0;
    int iterations = 1000;
};

/// A layout in flight or done, by value: x0, y0, x1, y1, ... for the request's rows.
struct MapSnapshot {
    int iteration = 0;
    int iterations = 0;
    double kl = -1.0;
    std::vector<float> xy;
};

struct MapResult {
    std::vector<float> xy;
    double kl = -1.0;              ///< t-SNE only
    double kept = 0.0;             ///< share of 10-NN kept
    std::vector<double> explained; ///< PCA only
    double seconds = 0.0;
    bool tsne = true;
};

/// Computes a map of embedding rows on a worker thread: PCA at once, t-SNE with a snapshot every
/// few iterations through queued signals. stop() cancels within an iteration; destroying the
/// controller stops and waits.
class MapController : public QObject {
    Q_OBJECT
public:
    explicit MapController(QObject* parent = nullptr);

    void start(std::shared_ptr<const Matrix> rows, const MapRequest& request);
    void stop();
    /// Stops and forgets the map in flight: none of its signals arrive any more (the rows it
    /// was drawing no longer belong to the panel).
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
