#include "CoverView.h"

#include "CoverCache.h"
#include "CoverPlaceholder.h"

#include <QPainter>

namespace shelfscope::ui {

namespace {
constexpr int kShadow = 3; ///< pixels of drop shadow right and below a real cover
} // namespace

CoverView::CoverView(CoverCache* cache, QWidget* parent) : QWidget(parent), cache_(cache) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    Q_ASSERT(cache != nullptr);
    connect(cache, &CoverCache::coverReady, this, [this](std::int32_t bookId, const QImage& image) {
        if (state_ != State::Loading || bookId != bookId_)
            return;
        cover_ = image;
        reason_.clear();
        setState(State::Cover, title_);
    });
    connect(cache, &CoverCache::coverUnavailable, this,
            [this](std::int32_t bookId, const QString& reason) {
                if (state_ != State::Loading || bookId != bookId_)
                    return;
                reason_ = reason;
                setState(State::Unavailable, tr("%1\nNo cover: %2").arg(title_, reason));
            });
}

CoverView::~CoverView() {
    cancelPending();
}

void CoverView::cancelPending() {
    if (state_ == State::Loading && cache_)
        cache_->cancel(bookId_);
}

void CoverView::showCover(std::int32_t bookId, const QString& imageUrl, const QString& title) {
    if (bookId != bookId_)
        cancelPending();
    bookId_ = bookId;
    title_ = title;
    cover_ = QImage();
    reason_.clear();
    setState(State::Loading, tr("%1\nLoading the cover\u2026").arg(title));
    if (cache_) {
        cache_->request(bookId, imageUrl);
    } else {
        reason_ = tr("The cover cache is gone.");
        setState(State::Unavailable, tr("%1\nNo cover: %2").arg(title, reason_));
    }
}

void CoverView::clear() {
    cancelPending();
    bookId_ = 0;
    title_.clear();
    cover_ = QImage();
    reason_.clear();
    setState(State::Empty, {});
}

void CoverView::setState(State state, const QString& toolTip) {
    state_ = state;
    setToolTip(toolTip);
    scaled_ = QPixmap();
    update();
    Q_EMIT stateChanged(state);
}

QSize CoverView::sizeHint() const {
    return {160, heightForWidth(160)};
}

QSize CoverView::minimumSizeHint() const {
    return {60, heightForWidth(60)};
}

int CoverView::heightForWidth(int width) const {
    return width * 3 / 2; // most covers are 2:3
}

QRect CoverView::fittedRect(QSize imageSize) const {
    const QRect area = rect().adjusted(0, 0, -kShadow, -kShadow);
    const QSize fitted = imageSize.scaled(area.size(), Qt::KeepAspectRatio);
    QRect target(QPoint(0, 0), fitted);
    target.moveCenter(area.center());
    return target;
}

void CoverView::resizeEvent(QResizeEvent* event) {
    scaled_ = QPixmap();
    QWidget::resizeEvent(event);
}

void CoverView::paintEvent(QPaintEvent*) {
    if (state_ == State::Empty)
        return;
    const qreal dpr = devicePixelRatioF();
    QPainter painter(this);
    if (state_ == State::Cover) {
        const QRect target = fittedRect(cover_.size());
        if (scaled_.isNull() && !target.isEmpty()) {
            scaled_ = QPixmap::fromImage(cover_.scaled(target.size() * dpr, Qt::IgnoreAspectRatio,
                                                       Qt::SmoothTransformation));
            scaled_.setDevicePixelRatio(dpr);
        }
        painter.setRenderHint(QPainter::Antialiasing);
        for (int i = kShadow; i > 0; --i) // a soft edge, so a white cover stands off the panel
            painter.fillRect(target.translated(i, i), QColor(0, 0, 0, 22));
        painter.drawPixmap(target.topLeft(), scaled_);
        painter.setPen(QColor(0, 0, 0, 60));
        painter.drawRect(QRectF(target).adjusted(0.5, 0.5, -0.5, -0.5));
        return;
    }
    const QRect target = fittedRect(QSize(2, 3));
    if (scaled_.isNull() && !target.isEmpty())
        scaled_ = QPixmap::fromImage(drawCoverPlaceholder(title_, target.size(), dpr));
    if (state_ == State::Loading)
        painter.setOpacity(0.55); // faded until the cache answers
    painter.drawPixmap(target.topLeft(), scaled_);
}

} // namespace shelfscope::ui
