#include "RecommendPanel.h"

#include "data/Fingerprint.h"

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
#include <QtConcurrent/QtConcurrentRun>

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

RecommendPanel::RecommendPanel(QWidget* parent)
    : QWidget(parent), model_(new QLabel), reader_(new QLineEdit), top_(new QSpinBox),
      excludeToRead_(new QCheckBox(tr("leave out books already on the to-read list"))),
      recommend_(new QPushButton(tr("Recommend"))), message_(new QLabel),
      table_(new QTableWidget(0, ColumnCount)) {
    model_->setWordWrap(true);
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
    connect(&watcher_, &QFutureWatcher<std::shared_ptr<Prepared>>::finished, this, [this] {
        std::shared_ptr<Prepared> prepared = watcher_.result();
        if (prepared->generation != generation_)
            return; // the run changed while this one was being prepared
        if (!prepared->recommender) {
            model_->setText(tr("The selected run's model was trained on another data set; train "
                               "or load one for this data set."));
            return;
        }
        prepared_ = std::move(prepared);
        model_->setText(prepared_->description);
        recommend_->setEnabled(true);
        Q_EMIT ready();
    });
}

void RecommendPanel::setDataset(std::shared_ptr<const Dataset> dataset) {
    dataset_ = std::move(dataset);
    setRun(nullptr);
}

void RecommendPanel::setRun(const TrainingRun* run) {
    watcher_.waitForFinished();
    ++generation_;
    prepared_.reset();
    recommend_->setEnabled(false);
    table_->setRowCount(0);
    message_->clear();
    if (run == nullptr || !run->model || !dataset_) {
        model_->setText(tr("Train a model or load one on the Train tab, then select its run."));
        return;
    }
    model_->setText(tr("Preparing run %1 ...").arg(run->run));
    auto job = std::make_shared<Prepared>();
    job->generation = generation_;
    job->dataset = dataset_;
    job->model = run->model;
    job->metadata = run->metadata;
    job->ranking = run->config.objective == TrainObjective::Ranking;
    job->description = tr("Recommending with run %1: %2 (%3, d=%4)")
                           .arg(run->run)
                           .arg(run->name, QString::fromUtf8(modelKindName(run->config.model.kind)))
                           .arg(run->config.model.dim);
    // Grouping a million ratings by reader takes a moment: off the GUI thread.
    watcher_.setFuture(QtConcurrent::run([job]() -> std::shared_ptr<Prepared> {
        try {
            if (datasetFingerprint(*job->dataset) != job->metadata.datasetFingerprint)
                return job; // no recommender: trained on another data set, whose ids differ
            job->recommender =
                std::make_unique<Recommender>(*job->model, job->metadata, *job->dataset);
            return job;
        } catch (const std::exception&) {
            job->recommender.reset();
            return job;
        }
    }));
}

bool RecommendPanel::recommend() {
    message_->clear();
    if (!prepared_ || !prepared_->recommender)
        return false;
    bool ok = false;
    const int reader = reader_->text().toInt(&ok);
    const auto refuse = [this](const QString& text) {
        message_->setStyleSheet(QStringLiteral("color: #b00020"));
        message_->setText(text);
        table_->setRowCount(0);
        return false;
    };
    if (!ok)
        return refuse(tr("Give a reader's id (user_id in ratings.csv)."));
    RecommendConfig config;
    config.top = top_->value();
    config.toRead = excludeToRead_->isChecked() ? ToReadPolicy::Exclude : ToReadPolicy::Flag;
    RecommendResult result;
    try {
        result = prepared_->recommender->forReader(reader, config);
    } catch (const std::invalid_argument& error) {
        return refuse(QString::fromUtf8(error.what()));
    }
    const QLocale english(QLocale::English);
    table_->horizontalHeaderItem(ScoreColumn)
        ->setText(prepared_->ranking ? tr("Score") : tr("Predicted"));
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
