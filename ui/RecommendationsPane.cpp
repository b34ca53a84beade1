#include "RecommendationsPane.h"

#include "BlendSlider.h"
#include "BookTable.h"
#include "BookText.h"
#include "CsvText.h"
#include "FileDialogs.h"
#include "OptionRanges.h"
#include "PreparedRuns.h"
#include "RecommendationCsv.h"
#include "RecommendationTable.h"
#include "RunRecommendations.h"
#include "SimilarBooksView.h"
#include "Workspace.h"
#include "recommend/ReaderShelves.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

/// Selects the item holding `run`; false when the box has none.
bool selectRun(QComboBox* box, int run) {
    const int index = box->findData(run);
    if (index < 0)
        return false;
    box->setCurrentIndex(index);
    return true;
}

QString readerText(const ReaderChoice& reader) {
    if (reader.kind == ReaderChoice::Kind::Existing)
        return QString::number(reader.userId);
    return QObject::tr("new reader (%1)")
        .arg(booksText(static_cast<long long>(reader.shelf.size())));
}

} // namespace

RecommendationsPane::RecommendationsPane(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), runBox_(new QComboBox), secondRunBox_(new QComboBox),
      compare_(new QCheckBox(tr("compare two runs"))), top_(new QSpinBox),
      includeRated_(new QCheckBox(tr("include books they rated"))),
      excludeToRead_(new QCheckBox(tr("leave out their to-read books"))), blend_(new BlendSlider),
      blendValue_(new QLabel), modelBlend_(new QPushButton(tr("Model's own"))),
      export_(new QPushButton(tr("Export list..."))),
      showOnMap_(new QPushButton(tr("Show on map"))), first_(new RunRecommendations(workspace)),
      second_(new RunRecommendations(workspace)), lists_(new QSplitter(Qt::Horizontal)),
      common_(new QLabel), message_(new QLabel), similar_(new SimilarBooksView),
      split_(new QSplitter(Qt::Vertical)) {
    runBox_->setToolTip(tr("The run whose model recommends (follows the active run)"));
    // Each run box is as wide as its longest label; the caption beside it wraps instead.
    runBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    runBox_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    secondRunBox_->setToolTip(tr("The run whose list goes beside the first"));
    secondRunBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    secondRunBox_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    compare_->setToolTip(tr("Two runs' lists side by side, the books both hold highlighted"));
    useOption(top_, CliCommand::Recommend, "top");
    includeRated_->setToolTip(tr("List books the reader already rated too, marked with their "
                                 "stars (left out by default)"));
    excludeToRead_->setToolTip(tr("Leave out books on the reader's to-read list (else they are "
                                  "listed and marked \"to read\")"));
    modelBlend_->setToolTip(tr("Back to the weight each model records (the mark on the slider)"));
    export_->setToolTip(tr("Save the list (both lists when comparing) as CSV"));
    showOnMap_->setToolTip(tr("See the reader's rated, recommended and to-read books on the "
                              "map"));
    blendValue_->setMinimumWidth(
        blendValue_->fontMetrics().horizontalAdvance(QStringLiteral("w = -0.00 (model's own)")));
    message_->setWordWrap(true);
    common_->setObjectName(QStringLiteral("commonBooks"));
    common_->setStyleSheet(QStringLiteral("background: %1; padding: 2px 6px;")
                               .arg(RecommendationTable::sharedColour().name()));

    first_->setRunChooser(runBox_);
    second_->setRunChooser(secondRunBox_);
    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Books")));
    choose->addWidget(top_);
    choose->addSpacing(8);
    choose->addWidget(includeRated_);
    choose->addWidget(excludeToRead_);
    choose->addWidget(compare_);
    choose->addStretch();
    choose->addWidget(export_);
    choose->addWidget(showOnMap_);
    auto* discover = new QLabel(tr("Discover"));
    auto* popular = new QLabel(tr("Popular with readers like you"));
    for (QLabel* label : {discover, popular})
        label->setToolTip(tr("The popularity blend: see the slider's tooltip"));
    auto* blendRow = new QHBoxLayout;
    blendRow->addWidget(discover);
    blendRow->addWidget(blend_, 1);
    blendRow->addWidget(popular);
    blendRow->addSpacing(8);
    blendRow->addWidget(blendValue_);
    blendRow->addWidget(modelBlend_);

    lists_->addWidget(first_);
    lists_->addWidget(second_);
    lists_->setChildrenCollapsible(false);
    auto* listsBox = new QWidget;
    auto* listsLayout = new QVBoxLayout(listsBox);
    listsLayout->setContentsMargins(0, 0, 0, 0);
    listsLayout->addWidget(lists_, 1);
    listsLayout->addWidget(common_, 0, Qt::AlignLeft);
    split_->addWidget(listsBox);
    split_->addWidget(similar_);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 1);
    split_->setSizes({360, 130});
    compactRows(similar_->table());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choose);
    layout->addLayout(blendRow);
    layout->addWidget(message_);
    layout->addWidget(split_, 1);
    message_->hide();
    second_->hide();
    common_->hide();
    similar_->clear(tr("Select a book in a list or on the map to see the books most like it."));

    const auto changed = [this] {
        if (syncing_)
            return;
        updateLists();
        Q_EMIT settingsChanged();
    };
    connect(runBox_, &QComboBox::currentIndexChanged, this, changed);
    connect(secondRunBox_, &QComboBox::currentIndexChanged, this, changed);
    connect(top_, &QSpinBox::valueChanged, this, changed);
    connect(includeRated_, &QCheckBox::toggled, this, changed);
    connect(excludeToRead_, &QCheckBox::toggled, this, changed);
    connect(compare_, &QCheckBox::toggled, this, [this, changed](bool on) {
        second_->setVisible(on);
        first_->table()->setCompact(on);
        second_->table()->setCompact(on);
        changed();
    });
    connect(blend_, &BlendSlider::blendChanged, this, [this, changed] {
        if (!syncing_)
            followModel_ = false;
        showBlendValue();
        changed();
    });
    connect(modelBlend_, &QPushButton::clicked, this, [this] { setBlendFollowsModel(true); });
    connect(export_, &QPushButton::clicked, this, [this] {
        askForPath(this, tr("Export the list"), tr("CSV (*.csv)"), QStringLiteral("csv"),
                   QFileDialog::AcceptSave, [this](const QString& path) { exportCsv(path); });
    });
    connect(showOnMap_, &QPushButton::clicked, this, &RecommendationsPane::showOnMapRequested);
    connect(first_, &RunRecommendations::settled, this, &RecommendationsPane::onListSettled);
    connect(second_, &RunRecommendations::settled, this, &RecommendationsPane::onListSettled);
    connect(first_, &RunRecommendations::preparedChanged, this,
            &RecommendationsPane::onFirstPrepared);
    connect(similar_, &SimilarBooksView::bookActivated, workspace_, &Workspace::selectBook);

    RunsModel* runs = workspace_->runs();
    connect(runs, &RunsModel::runFinished, this, &RecommendationsPane::fillRunBoxes);
    connect(runs, &RunsModel::runRemoved, this, &RecommendationsPane::fillRunBoxes);
    connect(workspace_, &Workspace::activeRunChanged, this, [this](int run) {
        if (run != 0)
            setFirstRun(run);
    });
    // The comparison's best run on validation recommends until the user picks one here.
    connect(runBox_, &QComboBox::activated, this, [this] { runChosen_ = true; });
    connect(workspace_, &Workspace::defaultRunChanged, this, [this](int run) {
        runBox_->setToolTip(workspace_->defaultReason().isEmpty()
                                ? tr("The run whose model recommends (follows the active run)")
                                : workspace_->defaultReason());
        if (run != 0 && !runChosen_)
            setFirstRun(run);
    });
    connect(workspace_, &Workspace::readerChanged, this, &RecommendationsPane::updateLists);
    connect(workspace_, &Workspace::currentBookChanged, this, &RecommendationsPane::showSimilar);
    fillRunBoxes();
    showBlendValue();
    onListSettled();
}

RecommendConfig RecommendationsPane::config() const {
    RecommendConfig config;
    config.top = top_->value();
    config.excludeRated = !includeRated_->isChecked();
    config.toRead = excludeToRead_->isChecked() ? ToReadPolicy::Exclude : ToReadPolicy::Flag;
    if (!followModel_)
        config.popularityBlend = static_cast<float>(blend_->blend());
    return config;
}

int RecommendationsPane::firstRun() const {
    return runBox_->currentData().toInt();
}

int RecommendationsPane::secondRun() const {
    return secondRunBox_->currentData().toInt();
}

void RecommendationsPane::setFirstRun(int run) {
    selectRun(runBox_, run);
}

void RecommendationsPane::setSecondRun(int run) {
    selectRun(secondRunBox_, run);
}

bool RecommendationsPane::comparing() const {
    return compare_->isChecked();
}

void RecommendationsPane::setComparing(bool on) {
    compare_->setChecked(on);
}

void RecommendationsPane::setBlendFollowsModel(bool follow) {
    if (follow == followModel_)
        return;
    followModel_ = follow;
    if (follow)
        onFirstPrepared(); // moves the slider to the model's weight
    showBlendValue();
    updateLists();
    Q_EMIT settingsChanged();
}

void RecommendationsPane::fillRunBoxes() {
    const int first = firstRun();
    const int second = secondRun();
    const std::vector<int> runs = workspace_->runs()->finishedRuns();
    {
        syncing_ = true;
        runBox_->clear();
        secondRunBox_->clear();
        for (int run : runs) {
            runBox_->addItem(workspace_->runs()->label(run), run);
            secondRunBox_->addItem(workspace_->runs()->label(run), run);
        }
        if (!selectRun(runBox_, first) && !selectRun(runBox_, workspace_->activeRun()) &&
            !runs.empty())
            runBox_->setCurrentIndex(runBox_->count() - 1);
        // By default the second list is the latest other run.
        if (!selectRun(secondRunBox_, second))
            for (auto it = runs.rbegin(); it != runs.rend(); ++it)
                if (*it != firstRun() && selectRun(secondRunBox_, *it))
                    break;
        syncing_ = false;
    }
    compare_->setEnabled(runs.size() >= 2 || compare_->isChecked());
    updateLists();
}

void RecommendationsPane::updateLists() {
    const RecommendConfig base = config();
    first_->request({firstRun(), workspace_->reader(), base});
    if (comparing())
        second_->request({secondRun(), workspace_->reader(), base});
    const bool hasReader = workspace_->reader().kind != ReaderChoice::Kind::None;
    // A new reader has no to-read list to leave out.
    excludeToRead_->setEnabled(workspace_->reader().kind != ReaderChoice::Kind::New);
    export_->setEnabled(hasReader);
    showOnMap_->setEnabled(hasReader);
    onListSettled();
}

bool RecommendationsPane::isSettled() const {
    return first_->isSettled() && (!comparing() || second_->isSettled());
}

void RecommendationsPane::onListSettled() {
    shared_.clear();
    const bool both = comparing() && first_->outcome() && second_->outcome();
    if (both) {
        const std::vector<std::int32_t>& a = first_->table()->books();
        const std::set<std::int32_t> inFirst(a.begin(), a.end());
        for (std::int32_t id : second_->table()->books())
            if (inFirst.count(id) != 0)
                shared_.insert(id);
    }
    first_->table()->setHighlighted(shared_);
    second_->table()->setHighlighted(shared_);
    common_->setVisible(both);
    common_->setText(tr("%1 in common").arg(booksText(static_cast<long long>(shared_.size()))));
    workspace_->setReaderList(
        {firstRun(), workspace_->reader(), config(),
         first_->outcome() ? first_->table()->books() : std::vector<std::int32_t>{}});
    if (isSettled())
        Q_EMIT settled();
}

void RecommendationsPane::onFirstPrepared() {
    const auto prepared = first_->prepared();
    const double modelBlend = prepared && prepared->recommender
                                  ? static_cast<double>(prepared->recommender->popularityBlend())
                                  : 0.0;
    blend_->setModelBlend(modelBlend);
    if (followModel_) {
        syncing_ = true;
        blend_->setBlend(modelBlend);
        syncing_ = false;
    }
    showBlendValue();
    showSimilar();
}

void RecommendationsPane::showBlendValue() {
    const QLocale english(QLocale::English);
    blendValue_->setText(
        followModel_
            ? tr("w = %1 (model's own)").arg(english.toString(blend_->modelBlend(), 'f', 2))
            : tr("w = %1").arg(english.toString(blend_->blend(), 'f', 2)));
    blendValue_->setToolTip(blend_->toolTip());
    modelBlend_->setEnabled(!followModel_);
}

void RecommendationsPane::showSimilar() {
    const std::int32_t book = workspace_->currentBook();
    const auto prepared = first_->prepared();
    if (book == 0) {
        similar_->clear(tr("Select a book in a list or on the map to see the books most like it."));
        return;
    }
    if (!prepared || !prepared->recommender) {
        similar_->clear(tr("Similar books need a run's model: choose a finished run above."));
        return;
    }
    similar_->showFor(*prepared->recommender, book);
}

QString RecommendationsPane::csvText() const {
    std::vector<ExportedList> lists;
    const auto add = [&](const RunRecommendations* list) {
        if (!list->outcome() || !list->prepared())
            return;
        ExportedList exported;
        exported.run = workspace_->runs()->label(list->current().run);
        exported.reader = readerText(list->current().reader);
        exported.result = &list->outcome()->result;
        const ReaderChoice& reader = list->current().reader;
        if (reader.kind == ReaderChoice::Kind::Existing)
            for (const ShelfEntry& entry : list->prepared()->shelves->rated(reader.userId))
                exported.rated[entry.bookId] = entry.rating;
        for (const auto& [bookId, stars] : reader.shelf)
            exported.rated[bookId] = stars;
        lists.push_back(std::move(exported));
    };
    add(first_);
    if (comparing())
        add(second_);
    if (lists.empty() || !workspace_->dataset())
        return {};
    return recommendationsCsv(lists, *workspace_->dataset());
}

bool RecommendationsPane::exportCsv(const QString& path, QString* error) {
    const QString text = csvText();
    QString reason;
    if (text.isEmpty())
        reason = tr("There is no list to export yet.");
    else if (!writeTextAtomically(path, text, &reason))
        reason = tr("Could not export the list: %1").arg(reason);
    if (error)
        *error = reason;
    showMessage(reason.isEmpty() ? tr("Saved the list to %1.").arg(path) : reason,
                !reason.isEmpty());
    return reason.isEmpty();
}

void RecommendationsPane::showMessage(const QString& text, bool error) {
    message_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
    message_->setText(text);
    message_->setVisible(!text.isEmpty());
}

} // namespace shelfscope::ui
