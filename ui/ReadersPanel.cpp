#include "ReadersPanel.h"

#include "BlendSlider.h"
#include "NewReaderEditor.h"
#include "PreparedRuns.h"
#include "ReaderPicker.h"
#include "RecommendationsPane.h"
#include "RunRecommendations.h"
#include "ShelfView.h"
#include "Workspace.h"

#include <QCheckBox>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

const QString kGroup = QStringLiteral("readers");

/// "2:5,25:4": the shelf as one settings value.
QString shelfText(const RatedBooks& shelf) {
    QStringList items;
    for (const auto& [bookId, stars] : shelf)
        items << QStringLiteral("%1:%2").arg(bookId).arg(static_cast<double>(stars));
    return items.join(QLatin1Char(','));
}

RatedBooks parseShelfText(const QString& text) {
    RatedBooks shelf;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool idOk = false;
        bool starsOk = false;
        const int id = item.section(QLatin1Char(':'), 0, 0).toInt(&idOk);
        const double stars = item.section(QLatin1Char(':'), 1, 1).toDouble(&starsOk);
        if (idOk && starsOk && id > 0) // settings edited by hand: skip what is not a pair
            shelf.emplace_back(id, static_cast<float>(stars));
    }
    return shelf;
}

} // namespace

ReadersPanel::ReadersPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), picker_(new ReaderPicker(workspace)),
      shelf_(new ShelfView(workspace)), editor_(new NewReaderEditor(workspace)),
      pane_(new RecommendationsPane(workspace)), stack_(new QStackedWidget),
      main_(new QSplitter(Qt::Horizontal)), right_(new QSplitter(Qt::Vertical)) {
    stack_->addWidget(shelf_);
    stack_->addWidget(editor_);
    right_->addWidget(stack_);
    right_->addWidget(pane_);
    right_->setStretchFactor(0, 2);
    right_->setStretchFactor(1, 5);
    right_->setChildrenCollapsible(false);
    main_->addWidget(picker_);
    main_->addWidget(right_);
    main_->setStretchFactor(0, 1);
    main_->setStretchFactor(1, 4);
    main_->setChildrenCollapsible(false);
    // Named, the splitters are saved with the window's layout and restored with it.
    main_->setObjectName(QStringLiteral("readersMain"));
    right_->setObjectName(QStringLiteral("readersShelfAndLists"));
    pane_->listSplitter()->setObjectName(QStringLiteral("readersLists"));
    pane_->similarSplitter()->setObjectName(QStringLiteral("readersListsAndSimilar"));
    // First-run proportions (QSettings restores the user's own): the reader list as wide as
    // its columns, the shelf a third of the height, the recommendations the rest.
    main_->setSizes({250, 1030}); // the picker keeps the width its columns need
    right_->setSizes({230, 550});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(main_);

    connect(picker_, &ReaderPicker::newReaderRequested, this,
            [this] { workspace_->setNewReader(editor_->shelf()); });
    connect(editor_, &NewReaderEditor::shelfChanged, this, [this] {
        if (workspace_->reader().kind == ReaderChoice::Kind::New)
            workspace_->setNewReader(editor_->shelf());
        saveSettings();
    });
    connect(workspace_, &Workspace::readerChanged, this, &ReadersPanel::onReaderChanged);
    connect(workspace_, &Workspace::datasetChanged, this, &ReadersPanel::onReaderChanged);
    // The search offers only books the recommending model knows: a new reader's other books
    // could not be folded in.
    connect(pane_->first(), &RunRecommendations::preparedChanged, this, [this] {
        const std::shared_ptr<const PreparedRun> prepared = pane_->first()->prepared();
        if (prepared && prepared->recommender)
            editor_->setBookFilter([prepared](std::int32_t bookId) {
                return prepared->recommender->knowsBook(bookId);
            });
        else
            editor_->setBookFilter({});
    });
    connect(pane_, &RecommendationsPane::showOnMapRequested, this,
            &ReadersPanel::showOnMapRequested);
    connect(pane_, &RecommendationsPane::settled, this, &ReadersPanel::recommendationsSettled);
    connect(pane_, &RecommendationsPane::settingsChanged, this, &ReadersPanel::saveSettings);
    restoreSettings();
    onReaderChanged();
}

ReadersPanel::~ReadersPanel() {
    saveSettings();
}

bool ReadersPanel::showingEditor() const {
    return stack_->currentWidget() == editor_;
}

void ReadersPanel::onReaderChanged() {
    const ReaderChoice& reader = workspace_->reader();
    if (reader.kind == ReaderChoice::Kind::New) {
        stack_->setCurrentWidget(editor_);
        return;
    }
    stack_->setCurrentWidget(shelf_);
    if (reader.kind == ReaderChoice::Kind::Existing)
        shelf_->showReader(reader.userId);
    else
        shelf_->clear();
}

void ReadersPanel::saveSettings() const {
    if (restoring_)
        return;
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("top"), pane_->topBox()->value());
    settings.setValue(QStringLiteral("includeRated"), pane_->includeRatedBox()->isChecked());
    settings.setValue(QStringLiteral("excludeToRead"), pane_->excludeToReadBox()->isChecked());
    settings.setValue(QStringLiteral("blendFollowsModel"), pane_->blendFollowsModel());
    settings.setValue(QStringLiteral("blend"), pane_->blendSlider()->blend());
    settings.setValue(QStringLiteral("compare"), pane_->comparing());
    settings.setValue(QStringLiteral("newReaderShelf"), shelfText(editor_->shelf()));
    settings.endGroup();
}

void ReadersPanel::restoreSettings() {
    restoring_ = true;
    QSettings settings;
    settings.beginGroup(kGroup);
    pane_->topBox()->setValue(settings.value(QStringLiteral("top"), 10).toInt());
    pane_->includeRatedBox()->setChecked(settings.value(QStringLiteral("includeRated")).toBool());
    pane_->excludeToReadBox()->setChecked(settings.value(QStringLiteral("excludeToRead")).toBool());
    pane_->blendSlider()->setBlend(settings.value(QStringLiteral("blend"), 0.0).toDouble());
    pane_->setBlendFollowsModel(settings.value(QStringLiteral("blendFollowsModel"), true).toBool());
    pane_->setComparing(settings.value(QStringLiteral("compare")).toBool());
    editor_->setShelf(parseShelfText(settings.value(QStringLiteral("newReaderShelf")).toString()));
    settings.endGroup();
    restoring_ = false;
}

} // namespace shelfscope::ui
