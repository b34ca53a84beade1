#include "MapController.h"

#include "data/Dataset.h"

#include <QLocale>

namespace shelfscope::ui {

QString MapRequest::key() const {
    const QString base =
        QStringLiteral("%1/%2").arg(QString::fromUtf8(mapMethodName(method))).arg(normalizeRows);
    switch (method) {
    case MapMethod::Pca:
        return base;
    case MapMethod::Tsne:
        return base + QStringLiteral("/%1/%2").arg(perplexity).arg(iterations);
    case MapMethod::Umap:
        return base +
               QStringLiteral("/%1/%2/%3/%4").arg(neighbors).arg(minDist).arg(epochs).arg(seed);
    }
    return base;
}

QString MapRequest::describe() const {
    const QLocale english(QLocale::English);
    switch (method) {
    case MapMethod::Pca:
        return QObject::tr("PCA");
    case MapMethod::Tsne:
        return QObject::tr("t-SNE (perplexity %1, %2 iterations)")
            .arg(english.toString(perplexity, 'g', 4), english.toString(iterations));
    case MapMethod::Umap:
        return QObject::tr("UMAP (%1 neighbours, min_dist %2, seed %3)")
            .arg(neighbors)
            .arg(english.toString(minDist, 'g', 3))
            .arg(seed);
    }
    return {};
}

BookMapConfig MapRequest::config() const {
    BookMapConfig config;
    config.method = method;
    config.normalizeRows = normalizeRows;
    config.tsne.perplexity = perplexity;
    config.tsne.iterations = iterations;
    config.umap.neighbors = neighbors;
    config.umap.minDist = minDist;
    config.umap.epochs = epochs;
    config.umap.seed = static_cast<std::uint64_t>(seed);
    return config;
}

MapController::MapController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<MapSnapshot>();
    qRegisterMetaType<MapResult>();
    task_.onResult([this](const MapResult& result) { Q_EMIT finished(result); });
    task_.onError([this](const TaskError& error) {
        Q_EMIT failed(error.cancelled ? tr("The map was stopped.") : error.message);
    });
}

bool MapController::isRunning() const {
    return task_.isRunning();
}

void MapController::stop() {
    task_.cancel();
}

void MapController::discard() {
    task_.discard();
}

void MapController::start(std::shared_ptr<const BookEmbeddings> books,
                          std::shared_ptr<const Dataset> dataset, const MapRequest& request,
                          Matrix start) {
    task_.start([this, books = std::move(books), dataset = std::move(dataset), request,
                 start = std::move(start)](const TaskContext& context) {
        BookMapConfig config = request.config();
        config.initialLayout = start;
        MapResult result;
        result.request = request;
        result.map = computeBookMap(
            *books, dataset->books, config,
            [this, &context](const BookMapSnapshot& s) {
                // A copy of the layout travels to the GUI thread; the engine's buffer moves on.
                context.post([this, value = MapSnapshot{s.step, s.steps, s.kl, s.xy}] {
                    Q_EMIT snapshot(value);
                });
            },
            context.cancel());
        return result;
    });
}

} // namespace shelfscope::ui
