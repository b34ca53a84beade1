#include "MapController.h"

#include "io/DataError.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <chrono>

namespace shelfscope::ui {

MapController::MapController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<MapSnapshot>();
    qRegisterMetaType<MapResult>();
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = watcher_.result();
        if (outcome.generation != generation_)
            return; // discarded
        if (outcome.error.isEmpty())
            Q_EMIT finished(outcome.result);
        else
            Q_EMIT failed(outcome.error);
    });
}

MapController::~MapController() {
    stop();
    watcher_.waitForFinished();
}

bool MapController::isRunning() const {
    return watcher_.isRunning();
}

void MapController::stop() {
    if (cancel_)
        cancel_->store(true);
}

void MapController::discard() {
    stop();
    ++generation_;
}

void MapController::start(std::shared_ptr<const Matrix> rows, const MapRequest& request) {
    stop();
    watcher_.waitForFinished();
    const int generation = ++generation_;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto flag = cancel_;
    QPointer<MapController> self(this);
    watcher_.setFuture(QtConcurrent::run([rows, request, flag, self, generation] {
        Outcome outcome;
        outcome.generation = generation;
        const auto start = std::chrono::steady_clock::now();
        try {
            const Matrix source = request.normalizeRows ? normalizedRows(*rows) : *rows;
            Matrix layout;
            if (request.tsne) {
                TsneConfig config;
                config.perplexity = request.perplexity;
                config.iterations = request.iterations;
                const TsneResult tsne = runTsne(
                    source, config,
                    [self, generation](const TsneSnapshot& s) {
                        // A copy of the layout travels to the GUI thread; the engine's own
                        // buffer keeps moving.
                        QMetaObject::invokeMethod(
                            self,
                            [self, generation,
                             value = MapSnapshot{s.iteration, s.iterations, s.kl, s.xy}] {
                                if (self && self->generation_ == generation)
                                    Q_EMIT self->snapshot(value);
                            },
                            Qt::QueuedConnection);
                    },
                    *flag);
                layout = tsne.layout;
                outcome.result.kl = tsne.kl;
            } else {
                const PcaResult pca = principalComponents(source, {2, false});
                layout = pca.coordinates;
                outcome.result.explained = pca.explainedVarianceRatio;
            }
            outcome.result.tsne = request.tsne;
            outcome.result.kept = neighborhoodPreservation(source, layout, 10, 2);
            outcome.result.xy.resize(static_cast<std::size_t>(layout.rows()) * 2);
            for (Eigen::Index i = 0; i < layout.rows(); ++i) {
                outcome.result.xy[2 * static_cast<std::size_t>(i)] = layout(i, 0);
                outcome.result.xy[2 * static_cast<std::size_t>(i) + 1] = layout(i, 1);
            }
        } catch (const OperationCancelled&) {
            outcome.error = QStringLiteral("The map was stopped.");
        } catch (const std::exception& error) {
            outcome.error = QString::fromStdString(error.what());
        }
        outcome.result.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return outcome;
    }));
}

} // namespace shelfscope::ui
