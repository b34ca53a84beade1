#pragma once

#include <QImage>
#include <QSize>
#include <QString>

namespace shelfscope::ui {

/// The stand-in for a missing cover: a closed book (spine, page edges) in a colour that
/// follows the title, with the title's first letter and the title itself on the front.
/// `size` is in device-independent pixels; the image has the given device pixel ratio.
QImage drawCoverPlaceholder(const QString& title, QSize size, qreal devicePixelRatio = 1.0);

/// The letter a placeholder shows: the title's first letter or digit, upper-cased ("?" when
/// there is none).
QString coverInitial(const QString& title);

} // namespace shelfscope::ui
