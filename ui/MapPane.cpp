#include "MapPane.h"

#include "BookText.h"
#include "MapView.h"
#include "data/Dataset.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace shelfscope::ui {

std::optional<BookMapResult> MapCache::find(int run, const QString& key) const {
    const auto found = maps_.find({run, key});
    if (found == maps_.end())
        return std::nullopt;
    return found->second;
}

void MapCache::store(int run, const QString& key, BookMapResult map) {
    maps_[{run, key}] = std::move(map);
}

void MapCache::forgetRun(int run) {
    std::erase_if(maps_, [run](const auto& entry) { return entry.first.first == run; });
}

namespace {

/// Epochs of a run in training after its first map: continue the previous layout briefly.
constexpr int kFollowIterations = 250;
constexpr int kFollowUmapEpochs = 100;

Matrix layoutOf(const std::vector<float>& xy) {
    Matrix layout(static_cast<Eigen::Index>(xy.size() / 2), 2);
    for (Eigen::Index i = 0; i < layout.rows(); ++i) {
        layout(i, 0) = xy[2 * static_cast<std::size_t>(i)];
        layout(i, 1) = xy[2 * static_cast<std::size_t>(i) + 1];
    }
    return layout;
}

} // namespace

MapPane::MapPane(QWidget* parent)
    : QWidget(parent), view_(new MapView), caption_(new QLabel), status_(new QLabel) {
    caption_->setWordWrap(true);
    caption_->setTextFormat(Qt::RichText);
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::RichText);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption_);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);
    view_->setTooltipProvider([this](int point) {
        const std::int32_t id = bookAt(point);
        if (id == 0 || !dataset_)
            return QString();
        const Book* book = dataset_->books.find(id);
        QString text = bookLine(dataset_->books, id);
        if (book != nullptr && !book->genre.empty())
            text += QStringLiteral("\n") + QString::fromStdString(book->genre);
        return text;
    });
    connect(view_, &MapView::clicked, this,
            [this](int point) { Q_EMIT bookClicked(point < 0 ? 0 : bookAt(point)); });
    connect(view_, &MapView::selectionChanged, this, [this](const std::vector<int>& points) {
        std::vector<std::int32_t> ids;
        ids.reserve(points.size());
        for (int point : points)
            if (const std::int32_t id = bookAt(point); id != 0)
                ids.push_back(id);
        Q_EMIT booksSelected(ids);
    });
    connect(&controller_, &MapController::snapshot, this, [this](const MapSnapshot& snapshot) {
        if (snapshot.xy.size() != bookIds().size() * 2)
            return;
        view_->setPoints(snapshot.xy, MapView::ViewUpdate::FitUntilMoved);
        const QLocale english(QLocale::English);
        status_->setText(
            tr("%1 %2 of %3%4")
                .arg(map_ ? tr("Updating:") : tr("Drawing:"))
                .arg(english.toString(snapshot.step), english.toString(snapshot.steps))
                .arg(snapshot.kl >= 0.0
                         ? tr(", KL divergence %1").arg(english.toString(snapshot.kl, 'f', 4))
                         : QString()));
    });
    connect(&controller_, &MapController::finished, this, &MapPane::onFinished);
    connect(&controller_, &MapController::failed, this, [this](const QString& message) {
        status_->setText(message.toHtmlEscaped());
        waitingEpoch_.reset();
        Q_EMIT mapFailed(message);
        settleEndedRun();
    });
    describeRun();
}

const std::vector<std::int32_t>& MapPane::bookIds() const {
    static const std::vector<std::int32_t> none;
    return books_ ? books_->bookIds : none;
}

int MapPane::pointOf(std::int32_t bookId) const {
    const auto found = pointOfBook_.find(bookId);
    return found == pointOfBook_.end() ? -1 : found->second;
}

std::int32_t MapPane::bookAt(int point) const {
    const auto& ids = bookIds();
    return point >= 0 && static_cast<std::size_t>(point) < ids.size()
               ? ids[static_cast<std::size_t>(point)]
               : 0;
}

void MapPane::setBooks(std::shared_ptr<const BookEmbeddings> books) {
    books_ = std::move(books);
    pointOfBook_.clear();
    for (std::size_t i = 0; i < bookIds().size(); ++i)
        pointOfBook_.emplace(bookIds()[i], static_cast<int>(i));
}

void MapPane::setRun(std::shared_ptr<const TrainingRun> run,
                     std::shared_ptr<const Dataset> dataset) {
    const bool same = run && trained_ && run == trained_ && dataset == dataset_ && !following_;
    dataset_ = std::move(dataset);
    if (same)
        return;
    if (run && following_ && run->run == run_) {
        // The run this pane followed has ended: the map of its last epoch, drawn or still in
        // progress, stays and becomes the run's.
        endedRun_ = std::move(run);
        settleEndedRun();
        return;
    }
    endedRun_.reset();
    controller_.discard();
    waitingEpoch_.reset();
    following_ = false;
    trained_ = std::move(run);
    run_ = trained_ ? trained_->run : 0;
    map_.reset();
    view_->setPoints({}, MapView::ViewUpdate::Fit);
    view_->setHighlightLayers({});
    view_->setCurrentPoint(-1);
    view_->setNeighbours({});
    view_->setSelection({});
    const bool embedded = trained_ && trained_->model && trained_->model->hasEmbeddings();
    if (embedded)
        setBooks(std::make_shared<const BookEmbeddings>(
            bookEmbeddingsOf(*trained_->model, trained_->metadata.bookRawIds)));
    else
        setBooks(nullptr);
    describeRun();
    if (trained_ && trained_->model && !embedded)
        status_->setText(
            tr("%1 is an item-item model (%2): it has no book embeddings to map. The map needs a "
               "dot or neural run (choose one in the Train tab); this run's similar books are in "
               "the book details and the Readers tab.")
                .arg(QString::fromStdString(trained_->name),
                     QString::fromLatin1(modelKindName(trained_->model->kind()))));
    else
        status_->setText(trained_ ? tr("Press Draw to map the books.") : QString());
}

void MapPane::settleEndedRun() {
    if (!endedRun_ || controller_.isRunning() || waitingEpoch_)
        return; // the last epoch's map is still to come
    std::shared_ptr<const TrainingRun> run = std::move(endedRun_);
    endedRun_.reset();
    following_ = false;
    if (!map_) { // stopped or failed before any epoch was drawn
        setRun(std::move(run), dataset_);
        return;
    }
    trained_ = std::move(run);
    describeRun();
    status_->setText(status_->text() +
                     tr(" · drawn during training; Draw maps the final model afresh"));
}

void MapPane::describeRun() {
    if (following_) {
        caption_->setText(
            tr("<b>Run %1, in training</b>: epoch %2, %3 books")
                .arg(run_)
                .arg(epoch_)
                .arg(QLocale(QLocale::English).toString(static_cast<qlonglong>(bookIds().size()))));
        return;
    }
    if (!trained_) {
        caption_->setText(tr("No run: train a model or load one on the Train tab."));
        return;
    }
    if (!hasEmbeddingTables(trained_->config.model.kind)) {
        caption_->setText(tr("<b>Run %1</b>: %2 (%3), no embeddings to map")
                              .arg(trained_->run)
                              .arg(QString::fromStdString(trained_->name).toHtmlEscaped(),
                                   QString::fromUtf8(modelKindName(trained_->config.model.kind))));
        return;
    }
    caption_->setText(
        tr("<b>Run %1</b>: %2 (%3, d=%4), %5 books")
            .arg(trained_->run)
            .arg(QString::fromStdString(trained_->name).toHtmlEscaped(),
                 QString::fromUtf8(modelKindName(trained_->config.model.kind)))
            .arg(trained_->config.model.dim)
            .arg(QLocale(QLocale::English).toString(static_cast<qlonglong>(bookIds().size()))));
}

void MapPane::draw(const MapRequest& request, MapCache* cache) {
    if (!books_ || following_)
        return;
    if (cache != nullptr)
        if (std::optional<BookMapResult> cached = cache->find(run_, request.key())) {
            controller_.discard();
            onFinished({request, std::move(*cached)});
            return;
        }
    cache_ = cache;
    start(request, {});
}

void MapPane::start(const MapRequest& request, Matrix startLayout) {
    status_->setText(request.method == MapMethod::Pca ? tr("Computing principal components ...")
                                                      : tr("Finding neighbours ..."));
    controller_.start(books_, dataset_, request, std::move(startLayout));
}

void MapPane::stop() {
    waitingEpoch_.reset();
    controller_.stop();
}

void MapPane::followEpoch(const TrainingEpoch& epoch, std::shared_ptr<const Dataset> dataset,
                          const MapRequest& request) {
    if (!epoch.books || epoch.books->bookIds.empty())
        return;
    if (controller_.isRunning() && following_ && epoch.run == run_) {
        waitingEpoch_ = epoch; // the newest epoch waits; older waiting ones are skipped
        waitingRequest_ = request;
        return;
    }
    const bool continuing = following_ && epoch.run == run_ && map_ &&
                            map_->method == request.method &&
                            map_->xy.size() == epoch.books->bookIds.size() * 2;
    if (!following_ || epoch.run != run_) {
        endedRun_.reset();
        controller_.discard();
        trained_.reset();
        map_.reset();
        view_->setPoints({}, MapView::ViewUpdate::Fit);
    }
    following_ = true;
    run_ = epoch.run;
    epoch_ = epoch.report.epoch;
    dataset_ = std::move(dataset);
    setBooks(epoch.books);
    describeRun();
    cache_ = nullptr;
    MapRequest next = request;
    Matrix startLayout;
    if (continuing && request.method != MapMethod::Pca) {
        startLayout = layoutOf(map_->xy);
        next.iterations = std::min(next.iterations, kFollowIterations);
        next.epochs = kFollowUmapEpochs;
    }
    start(next, std::move(startLayout));
}

void MapPane::onFinished(const MapResult& result) {
    if (result.map.xy.size() != bookIds().size() * 2)
        return;
    map_ = result.map;
    if (cache_ != nullptr && !following_)
        cache_->store(run_, result.request.key(), result.map);
    view_->setPoints(result.map.xy,
                     following_ ? MapView::ViewUpdate::FitUntilMoved : MapView::ViewUpdate::Fit);
    setColouring(colourBy_, reader_);
    setReaderLayers(reader_);
    status_->setText(qualityText(result));
    Q_EMIT mapFinished();
    if (waitingEpoch_) {
        const TrainingEpoch next = *waitingEpoch_;
        waitingEpoch_.reset();
        followEpoch(next, dataset_, waitingRequest_);
    }
    settleEndedRun();
}

QString MapPane::qualityText(const MapResult& result) const {
    const QLocale english(QLocale::English);
    const BookMapResult& map = result.map;
    QStringList parts;
    parts << result.request.describe();
    if (map.method == MapMethod::Tsne && map.kl >= 0.0)
        parts << tr("KL %1").arg(english.toString(map.kl, 'f', 3));
    if (map.method == MapMethod::Pca && map.explained.size() >= 2)
        parts << tr("the axes explain %1% and %2% of the variance")
                     .arg(english.toString(100.0 * map.explained[0], 'f', 1),
                          english.toString(100.0 * map.explained[1], 'f', 1));
    // Fewer than the usual 10 neighbours for a model of 10 books or fewer (qualityNeighbourCount).
    const auto books = static_cast<qulonglong>(map.xy.size() / 2);
    if (map.neighbours == 0)
        parts << tr("%1 books: too few to measure what the map keeps").arg(books);
    else
        parts << tr("keeps <b>%1</b> of each book's %2 nearest neighbours%3")
                     .arg(english.toString(map.kept, 'f', 3), QString::number(map.neighbours),
                          map.neighbours < BookMapConfig{}.qualityNeighbours
                              ? tr(" (only %1 books: half the others)").arg(books)
                              : QString());
    if (map.genres)
        parts << tr("genre agreement <b>%1</b> (chance %2)")
                     .arg(english.toString(map.genres->agreement, 'f', 3),
                          english.toString(map.genres->chance, 'f', 3));
    parts << tr("%1 s").arg(english.toString(map.seconds, 'f', 2));
    return parts.join(QStringLiteral(" \u00b7 "));
}

void MapPane::setColouring(BookColourBy by, const ReaderOnMap& reader) {
    colourBy_ = by;
    reader_ = reader;
    if (!dataset_ || !books_)
        return;
    view_->setColouring(colourBooks(*dataset_, bookIds(), by, reader));
}

void MapPane::setReaderLayers(const ReaderOnMap& reader) {
    reader_ = reader;
    view_->setHighlightLayers(readerLayers(reader, pointOfBook_));
}

void MapPane::showBook(std::int32_t bookId, const std::vector<std::int32_t>& neighbours,
                       bool reveal) {
    const int point = pointOf(bookId);
    view_->setCurrentPoint(point);
    std::vector<int> rings;
    for (std::int32_t id : neighbours)
        if (const int p = pointOf(id); p >= 0)
            rings.push_back(p);
    view_->setNeighbours(std::move(rings));
    if (reveal && point >= 0 && hasMap())
        view_->ensureVisible(point);
}

void MapPane::setSelectedBooks(const std::vector<std::int32_t>& bookIds) {
    std::vector<int> points;
    for (std::int32_t id : bookIds)
        if (const int p = pointOf(id); p >= 0)
            points.push_back(p);
    std::sort(points.begin(), points.end());
    view_->setSelection(std::move(points));
}

} // namespace shelfscope::ui
