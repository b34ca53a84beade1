#pragma once

#include "BookColourings.h"
#include "MapController.h"
#include "TrainingController.h"

#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

class QLabel;

namespace shelfscope::ui {

class MapView;

/// Finished maps by run and settings, so switching back to one is instant. Maps of a run in
/// training are not kept (its model changes every epoch).
class MapCache {
public:
    std::optional<BookMapResult> find(int run, const QString& key) const;
    void store(int run, const QString& key, BookMapResult map);
    void forgetRun(int run);
    void clear() { maps_.clear(); }
    std::size_t size() const { return maps_.size(); }

private:
    std::map<std::pair<int, QString>, BookMapResult> maps_;
};

/// One map of one run's books: a MapView with a caption (the run and the method) and a line
/// saying how much the map keeps (10-NN kept, genre agreement against chance). It computes its
/// map on its own worker, draws t-SNE and UMAP live as they settle, and can follow a run in
/// training, each epoch's map starting from the previous one.
class MapPane : public QWidget {
    Q_OBJECT
public:
    explicit MapPane(QWidget* parent = nullptr);

    /// The run whose books to map (nullptr: none). Clears the map unless it is the same run.
    void setRun(std::shared_ptr<const TrainingRun> run, std::shared_ptr<const Dataset> dataset);
    /// Maps a run in training: the epoch's books, continued from the previous layout when it
    /// is of the same run; an epoch arriving while a map is computed waits for it (only the
    /// newest waits).
    void followEpoch(const TrainingEpoch& epoch, std::shared_ptr<const Dataset> dataset,
                     const MapRequest& request);
    /// Draws the current run's map with these settings: from the cache when it has it.
    void draw(const MapRequest& request, MapCache* cache);
    void stop();

    void setColouring(BookColourBy by, const ReaderOnMap& reader);
    /// Lights up the reader's books (or nothing for an empty reader).
    void setReaderLayers(const ReaderOnMap& reader);
    /// Marks a book (0: none) and its neighbours, and brings it into view when `reveal`.
    void showBook(std::int32_t bookId, const std::vector<std::int32_t>& neighbours,
                  bool reveal = true);
    /// Outlines these books.
    void setSelectedBooks(const std::vector<std::int32_t>& bookIds);

    MapView* view() const { return view_; }
    QLabel* caption() const { return caption_; }
    QLabel* status() const { return status_; }
    MapController* controller() { return &controller_; }
    int run() const { return run_; }
    bool following() const { return following_; }
    std::shared_ptr<const TrainingRun> trainingRun() const { return trained_; }
    const std::vector<std::int32_t>& bookIds() const;
    /// The map point of a book, or -1.
    int pointOf(std::int32_t bookId) const;
    std::int32_t bookAt(int point) const;
    bool hasMap() const { return map_.has_value(); }
    const std::optional<BookMapResult>& map() const { return map_; }
    bool isRunning() const { return controller_.isRunning(); }

Q_SIGNALS:
    /// A point was clicked (0: empty space).
    void bookClicked(std::int32_t bookId);
    /// The user drew a rectangle or a lasso (or cleared it).
    void booksSelected(const std::vector<std::int32_t>& bookIds);
    void mapFinished();
    void mapFailed(const QString& message);

private:
    void setBooks(std::shared_ptr<const BookEmbeddings> books);
    void start(const MapRequest& request, Matrix start);
    void onFinished(const MapResult& result);
    void describeRun();
    /// Makes the followed run that has ended the pane's run once its last epoch's map is in.
    void settleEndedRun();
    QString qualityText(const MapResult& result) const;

    MapController controller_;
    MapView* view_;
    QLabel* caption_;
    QLabel* status_;
    std::shared_ptr<const Dataset> dataset_;
    std::shared_ptr<const TrainingRun> trained_; ///< the finished run shown (null when following)
    std::shared_ptr<const BookEmbeddings> books_;
    std::unordered_map<std::int32_t, int> pointOfBook_;
    int run_ = 0;
    bool following_ = false;
    int epoch_ = 0;
    MapCache* cache_ = nullptr; ///< where the map in flight goes when it finishes
    std::optional<BookMapResult> map_;
    std::optional<TrainingEpoch> waitingEpoch_;   ///< arrived while a map was computed
    std::shared_ptr<const TrainingRun> endedRun_; ///< the followed run, ended before its map
    MapRequest waitingRequest_;
    BookColourBy colourBy_ = BookColourBy::Genre;
    ReaderOnMap reader_;
};

} // namespace shelfscope::ui
