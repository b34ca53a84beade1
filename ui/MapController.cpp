#include "MapController.h"

#include "io/DataError.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"

#include <chrono>

namespace shelfscope::ui {

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

void MapController::start(std::shared_ptr<const Matrix> rows, const MapRequest& request) {
    task_.start([this, rows = std::move(rows), request](const TaskContext& context) {
        const auto start = std::chrono::steady_clock::now();
        MapResult result;
        const Matrix source = request.normalizeRows ? normalizedRows(*rows) : *rows;
        Matrix layout;
        if (request.tsne) {
            TsneConfig config;
            config.perplexity = request.perplexity;
            config.iterations = request.iterations;
            const TsneResult tsne = runTsne(
                source, config,
                [this, &context](const TsneSnapshot& s) {
                    // A copy of the layout travels to the GUI thread; the engine's own buffer
                    // keeps moving.
                    context.post([this, value = MapSnapshot{s.iteration, s.iterations, s.kl,
                                                            s.xy}] { Q_EMIT snapshot(value); });
                },
                context.cancel());
            layout = tsne.layout;
            result.kl = tsne.kl;
        } else {
            const PcaResult pca = principalComponents(source, {2, false});
            layout = pca.coordinates;
            result.explained = pca.explainedVarianceRatio;
        }
        result.tsne = request.tsne;
        result.kept = neighborhoodPreservation(source, layout, 10, 2);
        result.xy.resize(static_cast<std::size_t>(layout.rows()) * 2);
        for (Eigen::Index i = 0; i < layout.rows(); ++i) {
            result.xy[2 * static_cast<std::size_t>(i)] = layout(i, 0);
            result.xy[2 * static_cast<std::size_t>(i) + 1] = layout(i, 1);
        }
        result.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return result;
    });
}

} // namespace shelfscope::ui
