#include "Workspace.h"

#include "PreparedRuns.h"

#include <algorithm>

namespace shelfscope::ui {

Workspace::Workspace(QObject* parent)
    : QObject(parent), runs_(new RunsModel(this)), prepared_(new PreparedRuns(this)) {
    connect(runs_, &RunsModel::runRemoved, this, [this](int run) {
        prepared_->forget(run);
        if (run == activeRun_)
            setActiveRun(0);
        if (run == defaultRun_)
            setDefaultRun(0, {});
    });
    connect(runs_, &RunsModel::runFinished, this, [this](int run) {
        if (run == activeRun_) // a run finishing under the same number replaces its model
            Q_EMIT activeRunChanged(run);
    });
}

Workspace::~Workspace() = default;

void Workspace::setDataset(const LoadedDataset& loaded) {
    loaded_ = loaded;
    prepared_->setDataset(loaded_);
    currentBook_ = 0;
    selectedBooks_.clear();
    reader_ = {};
    readerList_ = {};
    Q_EMIT datasetChanged();
    Q_EMIT currentBookChanged(0);
    Q_EMIT bookSelectionChanged();
    Q_EMIT readerChanged();
    Q_EMIT recommendationsChanged();
    Q_EMIT activeRunChanged(activeRun_); // its model now meets another data set
}

void Workspace::setActiveRun(int run) {
    if (run != 0 && !runs_->finished(run))
        run = 0;
    if (run == activeRun_)
        return;
    activeRun_ = run;
    Q_EMIT activeRunChanged(run);
}

void Workspace::setDefaultRun(int run, const QString& reason) {
    if (run != 0 && !runs_->finished(run))
        run = 0;
    defaultReason_ = run != 0 ? reason : QString();
    if (run == defaultRun_)
        return;
    defaultRun_ = run;
    Q_EMIT defaultRunChanged(run);
}

void Workspace::selectBook(std::int32_t bookId) {
    std::vector<std::int32_t> selection;
    if (bookId != 0)
        selection.push_back(bookId);
    const bool focusMoved = bookId != currentBook_;
    const bool selectionMoved = selection != selectedBooks_;
    currentBook_ = bookId;
    selectedBooks_ = std::move(selection);
    if (focusMoved)
        Q_EMIT currentBookChanged(bookId);
    if (selectionMoved)
        Q_EMIT bookSelectionChanged();
}

void Workspace::selectBooks(std::vector<std::int32_t> bookIds) {
    if (bookIds == selectedBooks_)
        return;
    selectedBooks_ = std::move(bookIds);
    if (currentBook_ != 0 && std::find(selectedBooks_.begin(), selectedBooks_.end(),
                                       currentBook_) == selectedBooks_.end()) {
        currentBook_ = 0;
        Q_EMIT currentBookChanged(0);
    }
    Q_EMIT bookSelectionChanged();
}

void Workspace::setReader(ReaderChoice choice) {
    if (choice == reader_)
        return;
    reader_ = std::move(choice);
    Q_EMIT readerChanged();
}

void Workspace::selectReader(std::int32_t userId) {
    setReader({ReaderChoice::Kind::Existing, userId, {}});
}

void Workspace::setNewReader(std::vector<std::pair<std::int32_t, float>> shelf) {
    setReader({ReaderChoice::Kind::New, 0, std::move(shelf)});
}

void Workspace::clearReader() {
    setReader({});
}

void Workspace::setReaderList(ReaderList list) {
    readerList_ = std::move(list);
    Q_EMIT recommendationsChanged();
}

} // namespace shelfscope::ui
