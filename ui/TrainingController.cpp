#include "TrainingController.h"

#include <optional>

namespace shelfscope::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<TrainingProgress>();
    qRegisterMetaType<TrainingEpoch>();
    qRegisterMetaType<TrainingRun>();
    task_.onResult([this](const TrainingRun& run) { Q_EMIT finished(run); });
    task_.onError([this](const TaskError& error) {
        if (error.cancelled)
            Q_EMIT stopped(current_);
        else
            Q_EMIT failed(current_, error.message);
    });
}

bool TrainingController::isRunning() const {
    return task_.isRunning();
}

void TrainingController::stop() {
    task_.cancel();
}

int TrainingController::start(std::shared_ptr<const Dataset> dataset,
                              const ExperimentConfig& config, const QString& name) {
    const int run = ++runs_;
    current_ = run;
    // Callbacks run on the worker: they copy the values and post them to the GUI thread, where
    // they arrive only while this run is the current one (so `this` is alive there).
    task_.start([this, dataset = std::move(dataset), config, name = name.toStdString(),
                 run](const TaskContext& context) {
        TrainCallbacks callbacks;
        callbacks.progress = [this, &context, run](const TrainProgress& progress) {
            context.post(
                [this, value = TrainingProgress{run, progress}] { Q_EMIT progressed(value); });
        };
        // Both trainers call epochModel right after epochFinished (tst_trainer checks): the
        // report waits for the copy of the embeddings, and both travel together.
        std::optional<EpochReport> pending;
        callbacks.epochFinished = [&pending](const EpochReport& report) { pending = report; };
        checkRowIndexing(dataset->ratings, config.data.indexing); // before any table is sized
        const std::vector<std::int32_t> bookIds =
            rowRawIds(dataset->ratings.books, config.data.indexing);
        callbacks.epochModel = [this, &context, &pending, &bookIds, run](int, const Model& model) {
            if (!pending)
                return;
            auto books = std::make_shared<const BookEmbeddings>(bookEmbeddingsOf(model, bookIds));
            context.post([this, value = TrainingEpoch{run, *pending, std::move(books)}] {
                Q_EMIT epochFinished(value);
            });
            pending.reset();
        };
        TrainingRun trained;
        static_cast<TrainedRun&>(trained) =
            trainRun(*dataset, config, name, callbacks, context.cancel());
        trained.run = run;
        return trained;
    });
    return run;
}

} // namespace shelfscope::ui
