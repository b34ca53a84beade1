#pragma once

#include <QImage>
#include <QPixmap>
#include <QPointer>
#include <QString>
#include <QWidget>
#include <cstdint>

namespace shelfscope::ui {

class CoverCache;

/// A book's cover for a details panel: the cover scaled to fit (its own aspect kept,
/// centred), and a drawn placeholder (drawCoverPlaceholder) while it loads (faded) or when
/// there is none, with the reason in the tooltip. The covers come from a CoverCache the caller
/// owns and may share between views; requests are per book, so two views waiting for the same
/// book share one request (and one view moving on cancels it for both).
class CoverView : public QWidget {
    Q_OBJECT
public:
    enum class State { Empty, Loading, Cover, Unavailable };
    Q_ENUM(State)

    /// `cache` must not be null; a view that outlives it shows placeholders.
    explicit CoverView(CoverCache* cache, QWidget* parent = nullptr);
    ~CoverView() override;

    /// Shows this book's cover (books.csv's image_url) once the cache has it, the placeholder
    /// with the title meanwhile. Showing another book cancels the previous book's request.
    void showCover(std::int32_t bookId, const QString& imageUrl, const QString& title);
    /// Shows nothing (no book selected) and cancels the pending request.
    void clear();

    State state() const { return state_; }
    std::int32_t bookId() const { return bookId_; }
    /// The cover shown; null unless state() is Cover.
    const QImage& cover() const { return cover_; }
    /// Why there is no cover (state() Unavailable), as the tooltip says it.
    const QString& reason() const { return reason_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    /// The view's state changed (loaded, unavailable, cleared).
    void stateChanged(shelfscope::ui::CoverView::State state);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void setState(State state, const QString& toolTip);
    void cancelPending();
    QRect fittedRect(QSize imageSize) const;

    QPointer<CoverCache> cache_;
    State state_ = State::Empty;
    std::int32_t bookId_ = 0;
    QString title_;
    QImage cover_;
    QString reason_;
    QPixmap scaled_; ///< the cover or placeholder at the current size, drawn once per size
};

} // namespace shelfscope::ui
