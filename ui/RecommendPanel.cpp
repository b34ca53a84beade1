#include "RecommendPanel.h"

#include "PreparedRuns.h"
#include "Workspace.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

enum Column {
    RankColumn,
    TitleColumn,
    AuthorsColumn,
    YearColumn,
    ScoreColumn,
    AverageColumn,
    ToReadColumn,
    BecauseColumn,
    ColumnCount
};

} // namespace

RecommendPanel::RecommendPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), model_(new QLabel), reader_(new QLineEdit),
      top_(new QSpinBox),
      excludeToRead_(new QCheckBox(tr("leave out books already on the to-read list"))),
      recommend_(new QPushButton(tr("Recommend"))), message_(new QLabel),
      table_(new QTableWidget(0, ColumnCount)) {
    model_->setWordWrap(true);
    model_->setObjectName(QStringLiteral("modelLabel"));
    reader_->setValidator(new QIntValidator(1, INT32_MAX, reader_));
    reader_->setPlaceholderText(tr("a user_id from ratings.csv"));
    reader_->setToolTip(tr("The reader to recommend for, by the id in ratings.csv"));
    top_->setRange(1, 100);
    top_->setValue(10);
    top_->setToolTip(tr("How many books to list"));
    reader_->setMaximumWidth(220);
    top_->setMaximumWidth(90);
    message_->setWordWrap(true);
    table_->setHorizontalHeaderLabels({tr("#"), tr("Title"), tr("Authors"), tr("Year"),
                                       tr("Predicted"), tr("Average"), tr("To-read"),
                                       tr("Because you liked")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(BecauseColumn, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    auto* form = new QFormLayout;
    form->addRow(tr("Reader"), reader_);
    form->addRow(tr("Books"), top_);
    form->addRow(QString(), excludeToRead_);
    auto* controls = new QHBoxLayout;
    controls->addLayout(form);
    controls->addWidget(recommend_, 0, Qt::AlignBottom);
    controls->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(model_);
    layout->addLayout(controls);
    layout->addWidget(message_);
    layout->addWidget(table_, 1);
    recommend_->setEnabled(false);
    model_->setText(tr("Train a model or load one on the Train tab, then select its run."));
    connect(recommend_, &QPushButton::clicked, this, &RecommendPanel::recommend);
    connect(reader_, &QLineEdit::returnPressed, this, &RecommendPanel::recommend);
    connect(workspace_, &Workspace::activeRunChanged, this, &RecommendPanel::onActiveRunChanged);
    connect(workspace_, &Workspace::datasetChanged, this, &RecommendPanel::onActiveRunChanged);
    PreparedRuns* prepared = workspace_->prepared();
    connect(prepared, &PreparedRuns::ready, this, [this](int run) {
        if (run == workspace_->activeRun())
            onActiveRunChanged();
    });
    connect(prepared, &PreparedRuns::failed, this, [this](int run, const QString&) {
        if (run == workspace_->activeRun())
            onActiveRunChanged();
    });
}

bool RecommendPanel::isPreparing() const {
    return workspace_->activeRun() != 0 && !prepared_ &&
           workspace_->prepared()->isPreparing(workspace_->activeRun());
}

void RecommendPanel::onActiveRunChanged() {
    prepared_.reset();
    recommend_->setEnabled(false);
    table_->setRowCount(0);
    message_->clear();
    const std::shared_ptr<const TrainingRun> run = workspace_->active();
    if (!run || !workspace_->dataset()) {
        model_->setText(tr("Train a model or load one on the Train tab, then select its run."));
        return;
    }
    std::shared_ptr<const PreparedRun> prepared = workspace_->prepared()->get(run);
    if (!prepared) {
        model_->setText(tr("Preparing run %1 ...").arg(run->run));
        return;
    }
    showPrepared(std::move(prepared));
}

void RecommendPanel::showPrepared(std::shared_ptr<const PreparedRun> prepared) {
    if (!prepared->recommender) {
        model_->setText(prepared->error); // the real reason, e.g. another data set
        return;
    }
    const TrainingRun& run = *prepared->run;
    prepared_ = std::move(prepared);
    model_->setText(tr("Recommending with run %1: %2 (%3, d=%4)")
                        .arg(run.run)
                        .arg(QString::fromStdString(run.name),
                             QString::fromUtf8(modelKindName(run.config.model.kind)))
                        .arg(run.config.model.dim));
    recommend_->setEnabled(true);
    Q_EMIT ready();
}

bool RecommendPanel::refuse(const QString& text) {
    message_->setStyleSheet(QStringLiteral("color: #b00020"));
    message_->setText(text);
    table_->setRowCount(0);
    return false;
}

bool RecommendPanel::recommend() {
    message_->clear();
    if (!prepared_ || !prepared_->recommender)
        return false;
    bool ok = false;
    const int reader = reader_->text().toInt(&ok);
    if (!ok)
        return refuse(tr("Give a reader's id (user_id in ratings.csv)."));
    RecommendConfig config;
    config.top = top_->value();
    config.toRead = excludeToRead_->isChecked() ? ToReadPolicy::Exclude : ToReadPolicy::Flag;
    RecommendResult result;
    try {
        result = prepared_->recommender->forReader(reader, config);
    } catch (const std::exception& error) { // nothing escapes a slot
        return refuse(QString::fromUtf8(error.what()));
    }
    const QLocale english(QLocale::English);
    table_->horizontalHeaderItem(ScoreColumn)
        ->setText(prepared_->run->config.objective == TrainObjective::Ranking ? tr("Score")
                                                                              : tr("Predicted"));
    table_->setRowCount(static_cast<int>(result.items.size()));
    for (int row = 0; row < table_->rowCount(); ++row) {
        const Recommendation& r = result.items[static_cast<std::size_t>(row)];
        const QStringList cells{
            QString::number(row + 1),
            QStringLiteral("%1 (#%2)").arg(QString::fromStdString(r.book.title)).arg(r.book.id),
            QString::fromStdString(r.book.authors),
            r.book.year ? QString::number(*r.book.year) : QString(),
            english.toString(static_cast<double>(r.predictedRating), 'f', 2),
            r.book.averageRating
                ? english.toString(static_cast<double>(*r.book.averageRating), 'f', 2)
                : QString(),
            r.onToReadList ? tr("yes") : QString(),
            r.because ? tr("%1 (%2)")
                            .arg(QString::fromStdString(r.because->title))
                            .arg(english.toString(static_cast<double>(r.becauseSimilarity), 'f', 2))
                      : QString()};
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            table_->setItem(row, column, item);
        }
    }
    message_->setStyleSheet(QString());
    message_->setText(tr("%1 books this reader rated were left out%2.")
                          .arg(result.ratedExcluded)
                          .arg(result.toReadExcluded > 0
                                   ? tr(", and %1 on their to-read list").arg(result.toReadExcluded)
                                   : QString()));
    return true;
}

} // namespace shelfscope::ui
