#include "PreparedRuns.h"

#include "data/Fingerprint.h"

#include <algorithm>

namespace shelfscope::ui {

namespace {

std::shared_ptr<const PreparedRun> prepare(std::shared_ptr<const Dataset> dataset,
                                           std::shared_ptr<const ReaderShelves> shelves,
                                           std::shared_ptr<const TrainingRun> run) {
    auto prepared = std::make_shared<PreparedRun>();
    prepared->dataset = std::move(dataset);
    prepared->shelves = std::move(shelves);
    prepared->run = std::move(run);
    const ModelMetadata& m = prepared->run->metadata;
    const std::uint64_t fingerprint = datasetFingerprint(*prepared->dataset);
    if (fingerprint != m.datasetFingerprint) {
        prepared->error =
            QObject::tr("Run %1 was trained on another data set ('%2', fingerprint %3); the open "
                        "data set is '%4' (fingerprint %5). Train or load a model for this one.")
                .arg(prepared->run->run)
                .arg(QString::fromStdString(m.datasetName),
                     QString::fromStdString(fingerprintText(m.datasetFingerprint)),
                     QString::fromStdString(prepared->dataset->name),
                     QString::fromStdString(fingerprintText(fingerprint)));
        return prepared;
    }
    prepared->recommender = std::make_unique<const Recommender>(
        *prepared->run->model, m, *prepared->dataset, prepared->shelves);
    return prepared;
}

} // namespace

PreparedRuns::PreparedRuns(QObject* parent) : QObject(parent) {
    task_.onResult([this](const std::shared_ptr<const PreparedRun>& prepared) {
        const int run = prepared->run->run;
        preparing_ = 0;
        done_[run] = prepared;
        if (prepared->error.isEmpty())
            Q_EMIT ready(run);
        else
            Q_EMIT failed(run, prepared->error);
        startNext();
    });
    task_.onError([this](const TaskError& error) {
        const int run = preparing_;
        preparing_ = 0;
        if (run != 0) {
            auto failedRun = std::make_shared<PreparedRun>();
            failedRun->error = tr("Run %1 cannot recommend: %2").arg(run).arg(error.message);
            done_[run] = failedRun;
            Q_EMIT failed(run, failedRun->error);
        }
        startNext();
    });
}

void PreparedRuns::setDataset(const LoadedDataset& loaded) {
    task_.discard();
    dataset_ = loaded.dataset;
    shelves_ = loaded.shelves;
    done_.clear();
    queue_.clear();
    preparing_ = 0;
}

std::shared_ptr<const PreparedRun>
PreparedRuns::get(const std::shared_ptr<const TrainingRun>& run) {
    if (!run || !run->model || !dataset_)
        return nullptr;
    const auto found = done_.find(run->run);
    if (found != done_.end() && (found->second->run == run || !found->second->error.isEmpty()))
        return found->second;
    if (!isPreparing(run->run)) {
        queue_.push_back(run);
        startNext();
    }
    return nullptr;
}

bool PreparedRuns::isPreparing(int run) const {
    return preparing_ == run ||
           std::any_of(queue_.begin(), queue_.end(),
                       [run](const auto& queued) { return queued->run == run; });
}

void PreparedRuns::forget(int run) {
    done_.erase(run);
    std::erase_if(queue_, [run](const auto& queued) { return queued->run == run; });
    if (preparing_ == run) {
        task_.discard();
        preparing_ = 0;
        startNext();
    }
}

void PreparedRuns::startNext() {
    if (preparing_ != 0 || queue_.empty() || !dataset_)
        return;
    std::shared_ptr<const TrainingRun> run = queue_.front();
    queue_.pop_front();
    preparing_ = run->run;
    task_.start([dataset = dataset_, shelves = shelves_, run](const TaskContext&) {
        return prepare(dataset, shelves, run);
    });
}

} // namespace shelfscope::ui
