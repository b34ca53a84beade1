#include "RunRecommendations.h"

#include "BookTable.h"
#include "BookText.h"
#include "PreparedRuns.h"
#include "RecommendationTable.h"
#include "recommend/ReaderShelves.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <stdexcept>

namespace shelfscope::ui {

namespace {

/// Runs on the worker: the engine's list for the request.
ListOutcome compute(const PreparedRun& prepared, const ListRequest& request) {
    const Recommender& recommender = *prepared.recommender;
    ListOutcome outcome;
    if (request.reader.kind == ReaderChoice::Kind::Existing) {
        outcome.result = recommender.forReader(request.reader.userId, request.config);
        return outcome;
    }
    std::vector<std::pair<std::int32_t, float>> known;
    for (const auto& rating : request.reader.shelf)
        if (recommender.knowsBook(rating.first))
            known.push_back(rating);
    outcome.unknownBooks = request.reader.shelf.size() - known.size();
    if (known.empty())
        throw std::invalid_argument("none of the shelf's books is in this model (they had no "
                                    "ratings in its training data)");
    outcome.result = recommender.forNewReader(known, request.config);
    return outcome;
}

bool sameRequest(const ListRequest& a, const ListRequest& b) {
    const RecommendConfig& x = a.config;
    const RecommendConfig& y = b.config;
    return a.run == b.run && a.reader == b.reader && x.top == y.top &&
           x.excludeRated == y.excludeRated && x.toRead == y.toRead &&
           x.likedRating == y.likedRating && x.popularityBlend == y.popularityBlend;
}

/// What the run's scores are, after the run chooser that names it.
QString runCaption(const Recommender& recommender) {
    return recommender.ranksBooks() ? QObject::tr("ranks books (scores order them; no stars)")
                                    : QObject::tr("predicts the stars the reader would give");
}

} // namespace

RunRecommendations::RunRecommendations(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), caption_(new QLabel), status_(new QLabel),
      table_(new RecommendationTable) {
    caption_->setTextFormat(Qt::RichText);
    caption_->setWordWrap(true); // two lists side by side share the width
    header_ = new QHBoxLayout;
    header_->addWidget(caption_, 1);
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header_);
    layout->addWidget(status_);
    layout->addWidget(table_, 1);
    linkToWorkspace(table_, workspace_);
    task_.onResult([this](const std::pair<int, ListOutcome>& answer) {
        runningSerial_ = 0;
        if (answer.first == wantedSerial_)
            showOutcome(answer.second);
        else if (wantedSerial_ != 0)
            startJob(); // the request changed while this list was computed
    });
    task_.onError([this](const TaskError& error) {
        const int serial = runningSerial_;
        runningSerial_ = 0;
        if (serial == wantedSerial_) {
            wantedSerial_ = 0;
            settle(error.message, true);
        } else if (wantedSerial_ != 0) {
            startJob();
        }
    });
    PreparedRuns* runs = workspace_->prepared();
    connect(runs, &PreparedRuns::ready, this, [this](int run) {
        if (run == wanted_.run && !prepared_)
            refresh();
    });
    connect(runs, &PreparedRuns::failed, this, [this](int run, const QString&) {
        if (run == wanted_.run && !prepared_)
            refresh();
    });
    // A run's model replaced under the same number, a run deleted, another data set: the
    // recommender must be fetched again.
    connect(workspace_->runs(), &RunsModel::runFinished, this, [this](int run) {
        if (run == wanted_.run)
            reload();
    });
    connect(workspace_->runs(), &RunsModel::runRemoved, this, [this](int run) {
        if (run == wanted_.run)
            reload();
    });
    connect(workspace_, &Workspace::datasetChanged, this, &RunRecommendations::reload);
    settle(tr("Train a model or load one on the Train tab, then choose its run."), false);
}

void RunRecommendations::setRunChooser(QWidget* chooser) {
    header_->insertWidget(0, chooser);
}

QString RunRecommendations::message() const {
    return outcome_ ? QString() : status_->text();
}

void RunRecommendations::request(const ListRequest& request) {
    if (hasRequest_ && sameRequest(request, wanted_))
        return;
    const bool runChanged = !hasRequest_ || request.run != wanted_.run;
    hasRequest_ = true;
    wanted_ = request;
    if (runChanged)
        reload();
    else
        refresh();
}

void RunRecommendations::reload() {
    prepared_.reset();
    Q_EMIT preparedChanged();
    refresh();
}

void RunRecommendations::refresh() {
    outcome_.reset();
    wantedSerial_ = 0;
    const std::shared_ptr<const TrainingRun> run = workspace_->runs()->finished(wanted_.run);
    if (!run || !workspace_->dataset()) {
        caption_->clear();
        prepared_.reset();
        settle(tr("Train a model or load one on the Train tab, then choose its run."), false);
        return;
    }
    if (!prepared_) {
        prepared_ = workspace_->prepared()->get(run);
        if (!prepared_) {
            caption_->clear();
            settled_ = false;
            table_->clearList();
            status_->setStyleSheet(QString());
            status_->setText(tr("Preparing run %1 ...").arg(run->run));
            status_->setVisible(true);
            return; // ready() or failed() follows
        }
        Q_EMIT preparedChanged();
    }
    if (!prepared_->recommender) {
        caption_->clear();
        settle(prepared_->error, true); // the real reason, e.g. another data set
        return;
    }
    caption_->setText(runCaption(*prepared_->recommender));
    const ReaderChoice& reader = wanted_.reader;
    if (reader.kind == ReaderChoice::Kind::None) {
        settle(tr("Pick a reader to see their recommendations."), false);
        return;
    }
    if (reader.kind == ReaderChoice::Kind::New && reader.shelf.empty()) {
        settle(tr("Rate a few books above: the list appears with the first one."), false);
        return;
    }
    settled_ = false;
    wantedSerial_ = ++serials_;
    status_->setStyleSheet(QString());
    status_->setText(tr("Computing ..."));
    status_->setVisible(true);
    if (runningSerial_ == 0)
        startJob(); // else it starts when the job in flight ends: start() would wait for it
}

void RunRecommendations::startJob() {
    runningSerial_ = wantedSerial_;
    task_.start(
        [prepared = prepared_, request = wanted_, serial = wantedSerial_](const TaskContext&) {
            return std::make_pair(serial, compute(*prepared, request));
        });
}

void RunRecommendations::settle(const QString& message, bool error) {
    outcome_.reset();
    table_->clearList();
    status_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
    status_->setText(message);
    status_->setVisible(!message.isEmpty());
    settled_ = true;
    Q_EMIT settled();
}

void RunRecommendations::showOutcome(const ListOutcome& outcome) {
    wantedSerial_ = 0;
    const ReaderChoice& reader = wanted_.reader;
    std::unordered_map<std::int32_t, float> rated;
    if (reader.kind == ReaderChoice::Kind::Existing) {
        for (const ShelfEntry& entry : prepared_->shelves->rated(reader.userId))
            rated[entry.bookId] = entry.rating;
    } else {
        for (const auto& [bookId, stars] : reader.shelf)
            rated[bookId] = stars;
    }
    const float blend =
        wanted_.config.popularityBlend.value_or(prepared_->recommender->popularityBlend());
    table_->showResult(outcome.result, *prepared_->dataset, rated,
                       !prepared_->recommender->ranksBooks() && blend == 0.0f);
    QStringList notes;
    if (outcome.result.ratedExcluded > 0)
        notes << tr("%1 they rated left out")
                     .arg(booksText(static_cast<long long>(outcome.result.ratedExcluded)));
    if (outcome.result.toReadExcluded > 0)
        notes << tr("%1 on their to-read list left out")
                     .arg(booksText(static_cast<long long>(outcome.result.toReadExcluded)));
    if (outcome.unknownBooks > 0)
        notes << tr("%1 of the shelf not in this model, so not used")
                     .arg(booksText(static_cast<long long>(outcome.unknownBooks)));
    // The notes go after the caption, so the list keeps the room of a status line.
    if (!notes.isEmpty())
        caption_->setText(caption_->text() + QStringLiteral("; ") +
                          notes.join(QStringLiteral("; ")).toHtmlEscaped() + QLatin1Char('.'));
    status_->clear();
    status_->hide();
    outcome_ = outcome;
    settled_ = true;
    Q_EMIT settled();
}

} // namespace shelfscope::ui
