#include "MapPanel.h"

#include "Workspace.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <limits>

namespace shelfscope::ui {

MapPanel::MapPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent), workspace_(workspace), method_(new QComboBox),
      normalize_(new QCheckBox(tr("normalise rows (as the notebook)"))), perplexity_(new QSpinBox),
      iterations_(new QSpinBox), draw_(new QPushButton(tr("Draw map"))),
      stop_(new QPushButton(tr("Stop"))), status_(new QLabel), view_(new QChartView(new QChart)),
      points_(new QScatterSeries), xAxis_(new QValueAxis), yAxis_(new QValueAxis) {
    method_->addItems({QStringLiteral("t-SNE"), QStringLiteral("PCA")});
    method_->setToolTip(tr("t-SNE keeps neighbourhoods; PCA the directions of most variance"));
    normalize_->setChecked(true);
    normalize_->setToolTip(tr("Scale each book's embedding to unit length first"));
    perplexity_->setRange(2, 200);
    perplexity_->setValue(40);
    perplexity_->setToolTip(tr("t-SNE: the effective number of neighbours of each book"));
    iterations_->setRange(50, 10000);
    iterations_->setSingleStep(250);
    iterations_->setValue(1000);
    iterations_->setToolTip(tr("t-SNE: gradient steps (the first 250 exaggerate clusters)"));
    status_->setWordWrap(true);
    points_->setMarkerSize(4.0);
    points_->setBorderColor(Qt::transparent);
    points_->setColor(QColor(0x1f, 0x77, 0xb4, 150));
    QChart* chart = view_->chart();
    chart->addSeries(points_);
    chart->addAxis(xAxis_, Qt::AlignBottom);
    chart->addAxis(yAxis_, Qt::AlignLeft);
    points_->attachAxis(xAxis_);
    points_->attachAxis(yAxis_);
    chart->legend()->hide();
    chart->setTitle(tr("Books of the active model"));
    view_->setRenderHint(QPainter::Antialiasing);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Method")));
    controls->addWidget(method_);
    controls->addWidget(normalize_);
    controls->addWidget(new QLabel(tr("Perplexity")));
    controls->addWidget(perplexity_);
    controls->addWidget(new QLabel(tr("Iterations")));
    controls->addWidget(iterations_);
    controls->addWidget(draw_);
    controls->addWidget(stop_);
    controls->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
    status_->setText(tr("Train a model or load one on the Train tab, then select its run."));
    setRunning(false);
    draw_->setEnabled(false);
    // At most ten redraws a second: 10,000 points take a while to paint.
    repaint_.setInterval(100);
    connect(&repaint_, &QTimer::timeout, this, [this] {
        if (!pending_)
            return;
        show(pending_->xy);
        status_->setText(
            tr("t-SNE iteration %1 of %2%3")
                .arg(pending_->iteration)
                .arg(pending_->iterations)
                .arg(pending_->kl >= 0.0
                         ? tr(", KL divergence %1")
                               .arg(QLocale(QLocale::English).toString(pending_->kl, 'f', 4))
                         : QString()));
        pending_.reset();
    });
    connect(draw_, &QPushButton::clicked, this, &MapPanel::draw);
    connect(stop_, &QPushButton::clicked, &controller_, &MapController::stop);
    connect(method_, &QComboBox::currentIndexChanged, this, [this](int index) {
        perplexity_->setEnabled(index == 0);
        iterations_->setEnabled(index == 0);
    });
    connect(&controller_, &MapController::snapshot, this,
            [this](const MapSnapshot& snapshot) { pending_ = snapshot; });
    connect(&controller_, &MapController::finished, this, &MapPanel::onFinished);
    connect(&controller_, &MapController::failed, this, [this](const QString& message) {
        setRunning(false);
        status_->setText(message);
    });
    connect(workspace_, &Workspace::activeRunChanged, this, &MapPanel::onActiveRunChanged);
    connect(workspace_, &Workspace::datasetChanged, this, &MapPanel::onActiveRunChanged);
    connect(points_, &QScatterSeries::hovered, this, [this](const QPointF& point, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), bookAt(point.x(), point.y()), view_);
    });
}

void MapPanel::onActiveRunChanged() {
    dataset_ = workspace_->dataset();
    const std::shared_ptr<const TrainingRun> run = workspace_->active();
    controller_.discard();
    setRunning(false);
    rows_.reset();
    ids_.clear();
    points_->clear();
    shown_.clear();
    pending_.reset();
    if (!run || !run->model || !dataset_) {
        draw_->setEnabled(false);
        status_->setText(tr("Train a model or load one on the Train tab, then select its run."));
        return;
    }
    BookEmbeddings books = bookEmbeddingsOf(*run->model, run->metadata.bookRawIds);
    ids_ = std::move(books.bookIds);
    rows_ = std::make_shared<const Matrix>(std::move(books.rows));
    draw_->setEnabled(true);
    status_->setText(tr("Run %1: %2 books with %3-dimensional embeddings. Draw a map.")
                         .arg(run->run)
                         .arg(ids_.size())
                         .arg(rows_->cols()));
}

bool MapPanel::draw() {
    if (!rows_)
        return false; // a map of a discarded run may still be winding down: start() waits
    MapRequest request;
    request.tsne = method_->currentIndex() == 0;
    request.normalizeRows = normalize_->isChecked();
    request.perplexity = perplexity_->value();
    request.iterations = iterations_->value();
    points_->clear();
    shown_.clear();
    status_->setText(request.tsne ? tr("Finding neighbours and affinities ...")
                                  : tr("Computing principal components ..."));
    setRunning(true);
    controller_.start(rows_, request);
    return true;
}

void MapPanel::setRunning(bool running) {
    draw_->setEnabled(!running && rows_ != nullptr);
    stop_->setEnabled(running);
    if (running)
        repaint_.start();
    else
        repaint_.stop();
}

void MapPanel::onFinished(const MapResult& result) {
    setRunning(false);
    pending_.reset();
    show(result.xy);
    const QLocale english(QLocale::English);
    QString text = result.tsne
                       ? tr("t-SNE: KL divergence %1").arg(english.toString(result.kl, 'f', 4))
                       : tr("PCA: the two components explain %1% and %2% of the variance")
                             .arg(english.toString(100 * result.explained.at(0), 'f', 1),
                                  english.toString(100 * result.explained.at(1), 'f', 1));
    text += tr("; the map keeps %1 of each book's 10 nearest neighbours (%2 s). Hover a point "
               "for its title.")
                .arg(english.toString(result.kept, 'f', 3))
                .arg(english.toString(result.seconds, 'f', 2));
    status_->setText(text);
}

void MapPanel::show(const std::vector<float>& xy) {
    shown_ = xy;
    QList<QPointF> list;
    list.reserve(static_cast<qsizetype>(xy.size() / 2));
    float minX = std::numeric_limits<float>::max(), maxX = -minX, minY = minX, maxY = -minX;
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
        list.append(QPointF(xy[i], xy[i + 1]));
        minX = std::min(minX, xy[i]);
        maxX = std::max(maxX, xy[i]);
        minY = std::min(minY, xy[i + 1]);
        maxY = std::max(maxY, xy[i + 1]);
    }
    points_->replace(list);
    if (!list.isEmpty()) {
        const float padX = std::max(1e-6f, (maxX - minX) * 0.03f);
        const float padY = std::max(1e-6f, (maxY - minY) * 0.03f);
        xAxis_->setRange(minX - padX, maxX + padX);
        yAxis_->setRange(minY - padY, maxY + padY);
    }
}

int MapPanel::pointCount() const {
    return static_cast<int>(points_->count());
}

QString MapPanel::bookAt(double x, double y) const {
    std::size_t best = shown_.size();
    double bestDistance = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i + 1 < shown_.size(); i += 2) {
        const double dx = shown_[i] - x;
        const double dy = shown_[i + 1] - y;
        if (dx * dx + dy * dy < bestDistance) {
            bestDistance = dx * dx + dy * dy;
            best = i / 2;
        }
    }
    if (best >= ids_.size() || !dataset_)
        return QString();
    return QString::fromStdString(dataset_->books.displayTitle(ids_[best]));
}

} // namespace shelfscope::ui
