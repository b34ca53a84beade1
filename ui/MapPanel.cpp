#include "MapPanel.h"

#include "BookDetailsView.h"
#include "BookSearchBox.h"
#include "CoverCache.h"
#include "FileDialogs.h"
#include "MapView.h"
#include "OptionRanges.h"
#include "PreparedRuns.h"
#include "SelectionView.h"
#include "WidgetSettings.h"
#include "Workspace.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

const QString kSettingsGroup = QStringLiteral("map");

/// Widgets side by side at their own width; `stretch` adds a spring at the end.
QWidget* row(std::initializer_list<QWidget*> widgets, bool stretch = false) {
    auto* box = new QWidget;
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* widget : widgets)
        layout->addWidget(widget);
    if (stretch)
        layout->addStretch(1);
    return box;
}

} // namespace

MapPanel::MapPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace),
      covers_(new CoverCache(coverCacheConfigFromSettings(), this)), method_(new QComboBox),
      perplexity_(new QDoubleSpinBox), iterations_(new QSpinBox), neighbours_(new QSpinBox),
      minDist_(new QDoubleSpinBox), seed_(new QSpinBox), normalize_(new QCheckBox(tr("normalise"))),
      draw_(new QPushButton(tr("Draw"))), stop_(new QPushButton(tr("Stop"))),
      follow_(new QCheckBox(tr("follow training"))), colour_(new QComboBox),
      showReader_(new QCheckBox(tr("light up the reader"))), search_(new BookSearchBox),
      reset_(new QPushButton(tr("Fit"))), compare_(new QComboBox),
      export_(new QPushButton(tr("Export..."))), split_(new QSplitter(Qt::Horizontal)),
      side_(new QTabWidget), details_(new BookDetailsView(covers_)), selection_(new SelectionView),
      tsneControls_(nullptr), umapControls_(nullptr) {
    for (std::size_t i = 0; i < panes_.size(); ++i) {
        panes_[i] = new MapPane;
        recommending_[i] = std::make_unique<BackgroundTask<std::vector<std::int32_t>>>(this);
    }
    buildControls();
    mapsSplit_ = new QSplitter(Qt::Horizontal);
    mapsSplit_->addWidget(panes_[0]);
    mapsSplit_->addWidget(panes_[1]);
    panes_[1]->hide();

    side_->addTab(details_, tr("Book"));
    side_->addTab(selection_, tr("Selection"));
    split_->setObjectName(QStringLiteral("mapAndSide"));
    split_->addWidget(mapsSplit_);
    auto* sideBox = new QWidget;
    auto* sideLayout = new QVBoxLayout(sideBox);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(search_);
    sideLayout->addWidget(side_, 1);
    split_->addWidget(sideBox);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 1);
    split_->setSizes({860, 400});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(row({new QLabel(tr("Method")), method_, tsneControls_, umapControls_,
                           normalize_, draw_, stop_, follow_},
                          true));
    QWidget* second = row({new QLabel(tr("Colour")), colour_, showReader_});
    for (QToolButton* mode : modes_)
        second->layout()->addWidget(mode);
    for (QWidget* w :
         {static_cast<QWidget*>(reset_), static_cast<QWidget*>(new QLabel(tr("Beside it"))),
          static_cast<QWidget*>(compare_), static_cast<QWidget*>(export_)})
        second->layout()->addWidget(w);
    static_cast<QHBoxLayout*>(second->layout())->addStretch(1);
    layout->addWidget(second);
    layout->addWidget(split_, 1);

    restoreInputs(this, kSettingsGroup);
    restoreSplitters(this, kSettingsGroup);

    for (std::size_t i = 0; i < panes_.size(); ++i) {
        MapPane* pane = panes_[i];
        connect(pane, &MapPane::bookClicked, workspace_, &Workspace::selectBook);
        connect(pane, &MapPane::booksSelected, this, [this](const std::vector<std::int32_t>& ids) {
            workspace_->selectBooks(ids);
            if (!ids.empty())
                side_->setCurrentWidget(selection_);
        });
        connect(pane, &MapPane::mapFinished, this, [this] {
            updateEnabled();
            showCurrentBook(false); // a map followed epoch by epoch stays where the user looks
            onSelectionChanged();
            const bool all = std::none_of(panes_.begin(), panes_.end(), [](MapPane* p) {
                return p->isVisibleTo(p->parentWidget()) && p->run() != 0 &&
                       (!p->hasMap() || p->isRunning());
            });
            if (all)
                Q_EMIT mapsReady();
        });
        connect(pane, &MapPane::mapFailed, this, &MapPanel::updateEnabled);
        recommending_[i]->onResult([this, i](std::vector<std::int32_t> books) {
            readers_[i].recommended = std::move(books);
            if (showReader_->isChecked())
                panes_[i]->setReaderLayers(readers_[i]);
        });
        recommending_[i]->onError([](const TaskError&) {}); // the reader panel names the reason
    }
    connect(workspace_, &Workspace::activeRunChanged, this, &MapPanel::onActiveRunChanged);
    connect(workspace_, &Workspace::datasetChanged, this, [this] {
        cache_.clear();
        search_->setDataset(workspace_->dataset());
        onActiveRunChanged();
        refreshCompareChoices();
    });
    connect(workspace_, &Workspace::currentBookChanged, this, [this] { showCurrentBook(true); });
    connect(workspace_, &Workspace::bookSelectionChanged, this, &MapPanel::onSelectionChanged);
    connect(workspace_, &Workspace::readerChanged, this, &MapPanel::onReaderChanged);
    connect(workspace_, &Workspace::recommendationsChanged, this, &MapPanel::onReaderChanged);
    connect(workspace_, &Workspace::epochReported, this, [this](const TrainingEpoch& epoch) {
        if (follow_->isChecked() && workspace_->dataset())
            panes_[0]->followEpoch(epoch, workspace_->dataset(), request());
        updateEnabled();
    });
    connect(workspace_->prepared(), &PreparedRuns::ready, this, [this](int run) {
        if (run == panes_[0]->run() || run == panes_[1]->run()) {
            showCurrentBook(false); // only the neighbours are new
            onReaderChanged();
        }
    });
    RunsModel* runs = workspace_->runs();
    connect(runs, &RunsModel::runFinished, this, &MapPanel::refreshCompareChoices);
    connect(runs, &RunsModel::runRemoved, this, [this](int run) {
        cache_.forgetRun(run);
        refreshCompareChoices();
    });
    connect(search_, &BookSearchBox::bookChosen, this, [this](std::int32_t id) {
        workspace_->selectBook(id);
        for (MapPane* pane : panes_)
            if (const int point = pane->pointOf(id); point >= 0)
                pane->view()->centreOn(point);
    });
    connect(details_, &BookDetailsView::bookActivated, workspace_, &Workspace::selectBook);
    connect(selection_, &SelectionView::bookActivated, this, [this](std::int32_t id) {
        // Focus the book without dropping the selection it belongs to.
        for (MapPane* pane : panes_)
            if (const int point = pane->pointOf(id); point >= 0) {
                pane->view()->setCurrentPoint(point);
                pane->view()->ensureVisible(point);
            }
        details_->showBook(workspace_->dataset(), id, nullptr, QString());
    });
    connect(selection_, &SelectionView::exportRequested, this, [this] {
        askForPath(this, tr("Export the selection"), tr("CSV (*.csv)"), QStringLiteral("csv"),
                   QFileDialog::AcceptSave, [this](const QString& path) {
                       QString error;
                       if (!selection_->exportCsv(path, &error))
                           showError(this, tr("Export failed"), error);
                   });
    });
    onActiveRunChanged();
    updateEnabled();
}

void MapPanel::buildControls() {
    method_->addItems({QStringLiteral("t-SNE"), QStringLiteral("UMAP"), QStringLiteral("PCA")});
    method_->setToolTip(tr("t-SNE and UMAP keep neighbourhoods (islands of similar books); PCA "
                           "keeps the directions of most variance"));
    // Range, step, precision, default and tooltip: map's options in the option table.
    useOption(perplexity_, CliCommand::Map, "perplexity");
    useOption(iterations_, CliCommand::Map, "iterations");
    useOption(neighbours_, CliCommand::Map, "neighbors");
    useOption(minDist_, CliCommand::Map, "min-dist");
    useOption(seed_, CliCommand::Map, "seed");
    normalize_->setChecked(true);
    normalize_->setToolTip(tr("Scale each book's embedding to unit length first (as the "
                              "notebook did): the map then shows directions"));
    follow_->setToolTip(tr("Redraw the map of the model in training at each epoch's end, each "
                           "map starting from the previous one"));
    for (BookColourBy by : bookColourChoices())
        colour_->addItem(bookColourName(by));
    colour_->setToolTip(tr("What the colours of the points say"));
    showReader_->setChecked(true);
    showReader_->setToolTip(tr("Mark the selected reader's rated books (by stars), their "
                               "to-read list and their recommendations"));
    compare_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    compare_->setMinimumContentsLength(12);
    compare_->setToolTip(tr("Draw another run's books beside the first, with a linked selection"));
    export_->setToolTip(tr("Save the map as PNG or SVG, or its points as CSV"));
    reset_->setToolTip(tr("Fit the books into view (double-click, or the 0 key); a few far "
                          "outliers may stay outside"));
    const QStringList modeNames{tr("Pan"), tr("Rectangle"), tr("Lasso")};
    const QStringList modeTips{tr("Drag to pan (Shift: rectangle, Ctrl: lasso)"),
                               tr("Drag a rectangle to select the books inside"),
                               tr("Draw around books to select them")};
    auto* group = new QButtonGroup(this);
    for (std::size_t i = 0; i < modes_.size(); ++i) {
        modes_[i] = new QToolButton;
        modes_[i]->setText(modeNames.at(static_cast<int>(i)));
        modes_[i]->setToolTip(modeTips.at(static_cast<int>(i)));
        modes_[i]->setCheckable(true);
        group->addButton(modes_[i], static_cast<int>(i));
    }
    modes_[0]->setChecked(true);
    connect(group, &QButtonGroup::idClicked, this, [this](int id) {
        for (MapPane* pane : panes_)
            pane->view()->setMode(static_cast<MapView::Mode>(id));
    });
    tsneControls_ =
        row({new QLabel(tr("Perplexity")), perplexity_, new QLabel(tr("Iterations")), iterations_});
    umapControls_ = row({new QLabel(tr("Neighbours")), neighbours_, new QLabel(tr("min_dist")),
                         minDist_, new QLabel(tr("Seed")), seed_});
    const std::pair<QWidget*, const char*> names[] = {
        {method_, "method"},         {perplexity_, "perplexity"}, {iterations_, "iterations"},
        {neighbours_, "neighbours"}, {minDist_, "minDist"},       {seed_, "seed"},
        {normalize_, "normalize"},   {follow_, "follow"},         {colour_, "colour"},
        {showReader_, "showReader"}};
    for (const auto& [widget, name] : names)
        widget->setObjectName(QString::fromLatin1(name));
    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        saveSettings();
    });
    for (QSpinBox* box : {iterations_, neighbours_, seed_})
        connect(box, &QSpinBox::valueChanged, this, &MapPanel::saveSettings);
    for (QDoubleSpinBox* box : {perplexity_, minDist_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &MapPanel::saveSettings);
    for (QCheckBox* box : {normalize_, follow_})
        connect(box, &QCheckBox::toggled, this, &MapPanel::saveSettings);
    connect(colour_, &QComboBox::currentIndexChanged, this, [this] {
        recolour();
        saveSettings();
    });
    connect(showReader_, &QCheckBox::toggled, this, [this] {
        onReaderChanged();
        saveSettings();
    });
    connect(draw_, &QPushButton::clicked, this, &MapPanel::draw);
    connect(stop_, &QPushButton::clicked, this, [this] {
        for (MapPane* pane : panes_)
            pane->stop();
    });
    connect(reset_, &QPushButton::clicked, this, [this] {
        for (MapPane* pane : panes_)
            pane->view()->resetView();
    });
    connect(compare_, &QComboBox::currentIndexChanged, this, &MapPanel::onCompareChanged);
    connect(export_, &QPushButton::clicked, this, &MapPanel::onExportClicked);
}

void MapPanel::saveSettings() const {
    saveInputs(this, kSettingsGroup);
    saveSplitters(this, kSettingsGroup);
}

MapRequest MapPanel::request() const {
    MapRequest request;
    const int method = method_->currentIndex();
    request.method = method == 0 ? MapMethod::Tsne : method == 1 ? MapMethod::Umap : MapMethod::Pca;
    request.normalizeRows = normalize_->isChecked();
    request.perplexity = perplexity_->value();
    request.iterations = iterations_->value();
    request.neighbors = neighbours_->value();
    request.minDist = minDist_->value();
    request.seed = seed_->value();
    return request;
}

void MapPanel::updateEnabled() {
    const MapMethod method = request().method;
    tsneControls_->setVisible(method == MapMethod::Tsne);
    umapControls_->setVisible(method == MapMethod::Umap);
    const bool running =
        std::any_of(panes_.begin(), panes_.end(), [](MapPane* pane) { return pane->isRunning(); });
    const bool runs =
        std::any_of(panes_.begin(), panes_.end(), [](MapPane* pane) { return pane->run() != 0; });
    draw_->setEnabled(runs && !running);
    stop_->setEnabled(running);
    export_->setEnabled(panes_[0]->hasMap());
}

bool MapPanel::draw() {
    bool drawn = false;
    for (MapPane* pane : panes_)
        if (pane->run() != 0 && (pane == panes_[0] || !pane->isHidden())) {
            pane->draw(request(), &cache_);
            drawn = true;
        }
    drawPending_ = false;
    updateEnabled();
    return drawn;
}

void MapPanel::drawWhenVisible() {
    // A map costs seconds of a core: draw it when someone looks at it.
    if (isVisible())
        draw();
    else
        drawPending_ = true;
}

void MapPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (drawPending_)
        draw();
}

void MapPanel::onActiveRunChanged() {
    const std::shared_ptr<const TrainingRun> run = workspace_->active();
    const int before = panes_[0]->run();
    panes_[0]->setRun(run, workspace_->dataset());
    if (run && (!panes_[0]->hasMap() || before != run->run))
        drawWhenVisible();
    recolour();
    onReaderChanged();
    showCurrentBook(true);
    updateEnabled();
}

void MapPanel::refreshCompareChoices() {
    const int chosen = compare_->currentData().toInt();
    QSignalBlocker blocker(compare_);
    compare_->clear();
    compare_->addItem(tr("nothing"), 0);
    for (int run : workspace_->runs()->finishedRuns())
        compare_->addItem(workspace_->runs()->label(run), run);
    const int index = compare_->findData(chosen);
    compare_->setCurrentIndex(std::max(0, index));
    if (index < 0 && chosen != 0)
        onCompareChanged();
}

void MapPanel::onCompareChanged() {
    const int run = compare_->currentData().toInt();
    MapPane* pane = panes_[1];
    const bool wasHidden = pane->isHidden();
    pane->setVisible(run != 0);
    // Both maps use the same colours: one legend, at the right of the second, leaves the
    // first its whole width.
    panes_[0]->view()->setLegendVisible(run == 0);
    pane->view()->setLegendVisible(true);
    if (run != 0 && wasHidden) {
        const int width = mapsSplit_->width();
        mapsSplit_->setSizes({width * 4 / 9, width - width * 4 / 9});
    }
    pane->setRun(run != 0 ? workspace_->runs()->finished(run) : nullptr, workspace_->dataset());
    if (run != 0 && !pane->hasMap())
        pane->draw(request(), &cache_);
    recolour();
    onReaderChanged();
    showCurrentBook(true);
    onSelectionChanged();
    updateEnabled();
}

void MapPanel::recolour() {
    const BookColourBy by =
        bookColourChoices().at(static_cast<std::size_t>(colour_->currentIndex()));
    for (std::size_t i = 0; i < panes_.size(); ++i)
        panes_[i]->setColouring(by, readers_[i]);
}

void MapPanel::showCurrentBook(bool reveal) {
    const std::int32_t book = workspace_->currentBook();
    const auto dataset = workspace_->dataset();
    for (MapPane* pane : panes_) {
        std::vector<std::int32_t> neighbours;
        const auto prepared =
            pane->trainingRun() ? workspace_->prepared()->get(pane->trainingRun()) : nullptr;
        if (book != 0 && prepared && prepared->recommender &&
            prepared->recommender->knowsBook(book))
            for (const SimilarBook& similar : prepared->recommender->similarBooks(book, 10))
                neighbours.push_back(similar.book.id);
        pane->showBook(book, neighbours, reveal);
    }
    const auto run = panes_[0]->trainingRun();
    const auto prepared = run ? workspace_->prepared()->get(run) : nullptr;
    if (book == 0) {
        details_->clear(tr("Click a book on the map, or search for one."));
        return;
    }
    details_->showBook(dataset, book, prepared ? prepared->recommender.get() : nullptr,
                       run ? tr("run %1").arg(run->run) : QString());
    side_->setCurrentWidget(details_);
}

void MapPanel::onSelectionChanged() {
    const std::vector<std::int32_t>& books = workspace_->selectedBooks();
    for (MapPane* pane : panes_)
        pane->setSelectedBooks(books);
    if (books.size() > 1 || (books.size() == 1 && workspace_->currentBook() == 0))
        selection_->showBooks(workspace_->dataset(), books, panes_[0]->bookIds());
    else if (books.empty())
        selection_->showBooks(workspace_->dataset(), {}, panes_[0]->bookIds());
}

void MapPanel::onReaderChanged() {
    for (std::size_t i = 0; i < panes_.size(); ++i)
        updateReader(static_cast<int>(i));
    recolour();
}

void MapPanel::updateReader(int index) {
    const auto i = static_cast<std::size_t>(index);
    ReaderOnMap reader;
    const ReaderChoice& choice = workspace_->reader();
    const auto shelves = workspace_->shelves();
    recommending_[i]->discard();
    if (choice.kind == ReaderChoice::Kind::Existing && shelves) {
        reader.name = tr("reader %1").arg(choice.userId);
        for (const ShelfEntry& entry : shelves->rated(choice.userId))
            reader.stars.emplace(entry.bookId, entry.rating);
        reader.toRead = shelves->toRead(choice.userId);
    } else if (choice.kind == ReaderChoice::Kind::New) {
        reader.name = tr("the new reader");
        for (const auto& [book, stars] : choice.shelf)
            reader.stars.emplace(book, stars);
    }
    MapPane* pane = panes_[i];
    // The Readers tab's own list where it is of this pane's run; for another run, a list made
    // with the same settings (N, blend, rated and to-read books left out or not).
    const ReaderList& list = workspace_->readerList();
    // (While that list is computed, or when it cannot be, the map waits with it.)
    const bool listed = list.reader == choice && list.run == pane->run();
    if (listed)
        reader.recommended = list.books;
    readers_[i] = reader;
    pane->setReaderLayers(showReader_->isChecked() ? reader : ReaderOnMap{});
    const auto prepared =
        pane->trainingRun() ? workspace_->prepared()->get(pane->trainingRun()) : nullptr;
    if (listed || !showReader_->isChecked() || choice.kind == ReaderChoice::Kind::None ||
        !prepared || !prepared->recommender)
        return;
    // Recommendations (a fold-in for a new reader) are computed off the GUI thread.
    recommending_[i]->start([prepared, choice, config = list.config](const TaskContext&) {
        const RecommendResult result =
            choice.kind == ReaderChoice::Kind::Existing
                ? prepared->recommender->forReader(choice.userId, config)
                : prepared->recommender->forNewReader(choice.shelf, config);
        std::vector<std::int32_t> books;
        for (const Recommendation& r : result.items)
            books.push_back(r.book.id);
        return books;
    });
}

bool MapPanel::exportMap(const QString& path, QString* error, int paneIndex) {
    MapPane* pane = panes_[paneIndex == 1 ? 1 : 0];
    if (!pane->hasMap()) {
        *error = tr("There is no map to export yet.");
        return false;
    }
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        const auto dataset = workspace_->dataset();
        MapView::CsvColumns extra;
        extra.headers = {QStringLiteral("book_id"), QStringLiteral("title")};
        extra.values = [pane, dataset](int point) {
            const std::int32_t id = pane->bookAt(point);
            return QStringList{QString::number(id),
                               dataset ? QString::fromStdString(dataset->books.displayTitle(id))
                                       : QString()};
        };
        return pane->view()->exportCsv(path, error, extra);
    }
    return pane->view()->exportImage(path, error, 2.0);
}

void MapPanel::onExportClicked() {
    if (!panes_[1]->isVisibleTo(this) || !panes_[1]->hasMap()) {
        askForExportPath(0);
        return;
    }
    // Two maps side by side: the user says which one.
    auto* menu = new QMenu(export_);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int i = 0; i < 2; ++i)
        menu->addAction(tr("%1 map (run %2)...")
                            .arg(i == 0 ? tr("Left") : tr("Right"))
                            .arg(panes_[static_cast<std::size_t>(i)]->run()),
                        this, [this, i] { askForExportPath(i); });
    menu->popup(export_->mapToGlobal(QPoint(0, export_->height())));
}

void MapPanel::askForExportPath(int paneIndex) {
    askForPath(this, tr("Export the map"),
               tr("PNG image (*.png);;SVG drawing (*.svg);;CSV points (*.csv)"),
               QStringLiteral("png"), QFileDialog::AcceptSave,
               [this, paneIndex](const QString& path) {
                   QString error;
                   if (!exportMap(path, &error, paneIndex))
                       showError(this, tr("Export failed"), error);
               });
}

} // namespace shelfscope::ui
