// MapView's mouse and keyboard: hover, click, zoom, pan, rectangle and lasso selection.
#include "MapView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

namespace shelfscope::ui {

namespace {

constexpr double kDragThreshold = 3.0; ///< pixels a press moves before it is a drag
constexpr double kKeyZoom = 1.25;
constexpr double kKeyPan = 40.0;

double distance(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

} // namespace

void MapView::mousePressEvent(QMouseEvent* event) {
    const QPointF at = event->position();
    if (event->button() == Qt::LeftButton && legendArea().contains(at)) {
        const int entry = legend_.entryAt(at - legendArea().topLeft());
        if (entry >= 0) {
            const bool visible = !entryVisible(entry);
            setEntryVisible(entry, visible);
            Q_EMIT entryToggled(entry, visible);
        }
        return;
    }
    if (!mapArea().contains(at) ||
        (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton))
        return;
    drag_ = Drag::Pending;
    dragButton_ = event->button();
    pressAt_ = lastAt_ = at;
    if (event->button() == Qt::MiddleButton)
        pendingKind_ = Drag::Pan;
    else if (event->modifiers() & Qt::ShiftModifier)
        pendingKind_ = Drag::Rectangle;
    else if (event->modifiers() & Qt::ControlModifier)
        pendingKind_ = Drag::Lasso;
    else
        pendingKind_ = mode_ == Mode::Rectangle ? Drag::Rectangle
                       : mode_ == Mode::Lasso   ? Drag::Lasso
                                                : Drag::Pan;
    setHovered(-1);
}

void MapView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF at = event->position();
    if (drag_ == Drag::Pending && distance(at, pressAt_) >= kDragThreshold) {
        drag_ = pendingKind_;
        dragShape_ = QPolygonF{pressAt_};
        updateCursor();
    }
    switch (drag_) {
    case Drag::None: {
        const int point = pointAt(at);
        if (point == hovered_)
            break;
        setHovered(point);
        if (point >= 0 && tooltip_) {
            const QString text = tooltip_(point);
            if (!text.isEmpty())
                QToolTip::showText(event->globalPosition().toPoint(), text, this);
        }
        break;
    }
    case Drag::Pending:
        break;
    case Drag::Pan:
        viewport_.pan(at - lastAt_);
        userMovedView();
        break;
    case Drag::Rectangle:
        dragShape_ = QPolygonF{pressAt_, at};
        update();
        break;
    case Drag::Lasso:
        if (distance(at, dragShape_.last()) >= 2.0)
            dragShape_.append(at);
        update();
        break;
    }
    lastAt_ = at;
}

void MapView::mouseReleaseEvent(QMouseEvent* event) {
    if (drag_ == Drag::None || event->button() != dragButton_)
        return;
    finishDrag(event->position());
}

void MapView::finishDrag(const QPointF& at) {
    const Drag finished = drag_;
    drag_ = Drag::None;
    updateCursor();
    if (finished == Drag::Pending && dragButton_ == Qt::LeftButton) {
        Q_EMIT clicked(pointAt(at));
        return;
    }
    if (finished == Drag::Rectangle || finished == Drag::Lasso) {
        std::vector<int> points;
        if (finished == Drag::Rectangle) {
            points = pointsInRect(QRectF(pressAt_, at));
        } else {
            if (dragShape_.isEmpty() || dragShape_.last() != at)
                dragShape_.append(at);
            points = dragShape_.size() >= 3 ? pointsInPolygon(dragShape_) : std::vector<int>{};
        }
        dragShape_.clear();
        scene_.selection = std::move(points);
        changed(false);
        Q_EMIT selectionChanged(scene_.selection);
        return;
    }
    update();
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && mapArea().contains(event->position()))
        resetView();
}

void MapView::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() != 0 ? delta.y() : delta.x();
    if (steps == 0 || !mapArea().contains(event->position())) {
        event->ignore(); // a scroll area around the map may want it
        return;
    }
    // 120 units (one notch) zoom by 1.2.
    viewport_.zoomAt(event->position() - mapArea().topLeft(), std::pow(1.2, steps / 120.0));
    userMovedView();
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent* event) {
    const QPointF middle = mapArea().center();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        viewport_.zoomAt(middle - mapArea().topLeft(), kKeyZoom);
        userMovedView();
        break;
    case Qt::Key_Minus:
        viewport_.zoomAt(middle - mapArea().topLeft(), 1 / kKeyZoom);
        userMovedView();
        break;
    case Qt::Key_0:
        resetView();
        break;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int key = event->key();
        viewport_.pan(QPointF(key == Qt::Key_Left    ? kKeyPan
                              : key == Qt::Key_Right ? -kKeyPan
                                                     : 0.0,
                              key == Qt::Key_Up     ? kKeyPan
                              : key == Qt::Key_Down ? -kKeyPan
                                                    : 0.0));
        userMovedView();
        break;
    }
    case Qt::Key_Escape:
        if (drag_ != Drag::None) {
            drag_ = Drag::None;
            dragShape_.clear();
            updateCursor();
            update();
        } else if (!scene_.selection.empty()) {
            scene_.selection.clear();
            changed(false);
            Q_EMIT selectionChanged(scene_.selection);
        }
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

void MapView::leaveEvent(QEvent*) {
    setHovered(-1);
}

void MapView::setHovered(int point) {
    if (point == hovered_)
        return;
    hovered_ = point;
    if (point < 0)
        QToolTip::hideText();
    update(); // the hover ring is drawn over the cached map: no re-rasterising
    Q_EMIT hovered(point);
}

} // namespace shelfscope::ui
