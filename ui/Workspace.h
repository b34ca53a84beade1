#pragma once

#include "DatasetLoader.h"
#include "RunsModel.h"
#include "recommend/Recommender.h"

#include <QObject>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace shelfscope::ui {

class PreparedRuns;

/// Whom the app is recommending for: nobody, a reader of the data set, or a new reader
/// described by the books they rated here.
struct ReaderChoice {
    enum class Kind { None, Existing, New };
    Kind kind = Kind::None;
    std::int32_t userId = 0;                           ///< Existing: ratings.csv's user_id
    std::vector<std::pair<std::int32_t, float>> shelf; ///< New: (book id, stars)
    bool operator==(const ReaderChoice&) const = default;
};

/// The Readers tab's first list: the run, reader and settings it comes from, and its books,
/// best first (empty while it is being computed, or when there is none).
struct ReaderList {
    int run = 0;
    ReaderChoice reader;
    RecommendConfig config;
    std::vector<std::int32_t> books;
};

/// The state every panel shares: the open data set, the session's runs (a table model), the
/// active run, the selected books and the selected reader. Panels observe it through its
/// signals and change it through its setters; they never reach into each other, so the map,
/// the runs table and a reader's shelf stay linked through this one object.
class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);
    ~Workspace() override;

    /// Replaces the data set; the book and reader selections are cleared (their ids belong to
    /// the old one). Runs stay: each knows the data set it was trained on.
    void setDataset(const LoadedDataset& loaded);
    const LoadedDataset& loaded() const { return loaded_; }
    std::shared_ptr<const Dataset> dataset() const { return loaded_.dataset; }
    /// The open data set's readers (nullptr with no data set).
    std::shared_ptr<const ReaderShelves> shelves() const { return loaded_.shelves; }

    RunsModel* runs() { return runs_; }
    const RunsModel* runs() const { return runs_; }
    /// Recommenders of finished runs, prepared off the GUI thread when first asked for.
    PreparedRuns* prepared() { return prepared_; }

    /// The run the app works with (0: none). Only runs with a model can be active.
    int activeRun() const { return activeRun_; }
    std::shared_ptr<const TrainingRun> active() const { return runs_->finished(activeRun_); }
    void setActiveRun(int run);

    /// The book in focus (0: none), e.g. clicked on the map or in a list.
    std::int32_t currentBook() const { return currentBook_; }
    /// The books of the latest selection (a click, a rectangle, a lasso), current one included.
    const std::vector<std::int32_t>& selectedBooks() const { return selectedBooks_; }
    /// Focuses one book; the selection becomes that book alone (0 clears both).
    void selectBook(std::int32_t bookId);
    /// Selects a group of books (a region of the map); the focused book stays if it is in it.
    void selectBooks(std::vector<std::int32_t> bookIds);

    /// Passes on an epoch of a run in training (with its book embeddings) to whoever follows
    /// training, e.g. the map.
    void reportEpoch(const TrainingEpoch& epoch) { Q_EMIT epochReported(epoch); }

    const ReaderChoice& reader() const { return reader_; }
    void selectReader(std::int32_t userId);
    void setNewReader(std::vector<std::pair<std::int32_t, float>> shelf);
    void clearReader();

    /// The recommender the Readers tab uses until the user picks a run there: the run best on
    /// validation in the latest comparison (0: none yet), and the sentence saying why.
    int defaultRun() const { return defaultRun_; }
    const QString& defaultReason() const { return defaultReason_; }
    void setDefaultRun(int run, const QString& reason);

    /// The Readers tab's list and the settings it was made with: the map lights its books up
    /// with the reader's own, and makes another run's list with the same settings.
    const ReaderList& readerList() const { return readerList_; }
    void setReaderList(ReaderList list);
    /// The books of the Readers tab's list, best first (empty while there is none).
    const std::vector<std::int32_t>& recommendedBooks() const { return readerList_.books; }

Q_SIGNALS:
    void datasetChanged();
    void activeRunChanged(int run);
    void defaultRunChanged(int run);
    void currentBookChanged(std::int32_t bookId);
    void bookSelectionChanged();
    void readerChanged();
    void recommendationsChanged();
    void epochReported(const shelfscope::ui::TrainingEpoch& epoch);

private:
    void setReader(ReaderChoice choice);

    LoadedDataset loaded_;
    RunsModel* runs_;
    PreparedRuns* prepared_;
    int activeRun_ = 0;
    int defaultRun_ = 0;
    QString defaultReason_;
    std::int32_t currentBook_ = 0;
    std::vector<std::int32_t> selectedBooks_;
    ReaderChoice reader_;
    ReaderList readerList_;
};

} // namespace shelfscope::ui
