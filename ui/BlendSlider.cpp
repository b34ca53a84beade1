#include "BlendSlider.h"

#include "config/OptionTable.h"

#include <QLocale>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionSlider>
#include <cmath>

namespace shelfscope::ui {

namespace {
constexpr double kStep = 0.01;
int toTicks(double blend) {
    return static_cast<int>(
        std::lround(std::clamp(blend, BlendSlider::minimum(), BlendSlider::maximum()) / kStep));
}
} // namespace

double BlendSlider::minimum() {
    return option(CliCommand::Recommend, "popularity-blend").min;
}

double BlendSlider::maximum() {
    return option(CliCommand::Recommend, "popularity-blend").max;
}

BlendSlider::BlendSlider(QWidget* parent) : QSlider(Qt::Horizontal, parent) {
    setRange(toTicks(minimum()), toTicks(maximum()));
    setSingleStep(5);
    setPageStep(50);
    setValue(0);
    setMinimumWidth(160);
    connect(this, &QSlider::valueChanged, this, [this](int ticks) {
        Q_EMIT blendChanged(ticks * kStep);
        updateToolTip();
    });
    updateToolTip();
}

double BlendSlider::blend() const {
    return value() * kStep;
}

void BlendSlider::setBlend(double blend) {
    setValue(toTicks(blend));
}

void BlendSlider::setModelBlend(double blend) {
    modelBlend_ = blend;
    updateToolTip();
    update();
}

void BlendSlider::updateToolTip() {
    const QLocale english(QLocale::English);
    setToolTip(
        tr("<p><b>Popularity blend w = %1</b> (the model's own: %2, the mark on the "
           "slider).</p>"
           "<p>Before ranking, every book's score gets <i>w &times; ln(1 + ratings count)</i> "
           "added, the count being books.csv's ratings_count (how many Goodreads members rated "
           "the book; the data set's own count where books.csv lacks it).</p>"
           "<p>Left of 0 (<b>discover</b>): widely read books are pushed down, so books fewer "
           "people know come up. Right of 0 (<b>popular with readers like you</b>): the books "
           "most readers pick up are pulled towards the top, among those the model already "
           "likes for this reader. At 0 the list is the model's scores alone.</p>"
           "<p>A ranking model (ranking-dot) records the weight it was tuned with (2 finds the "
           "most to-read books); rating models record none (0). With any weight but 0 the "
           "score column is no longer a number of stars.</p>")
            .arg(english.toString(blend(), 'f', 2), english.toString(modelBlend_, 'f', 2)));
}

void BlendSlider::paintEvent(QPaintEvent* event) {
    QSlider::paintEvent(event);
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const QRect handle =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    // The handle's centre travels from groove.left + handle/2 to groove.right - handle/2.
    const int span = groove.width() - handle.width();
    const int x = groove.left() + handle.width() / 2 +
                  QStyle::sliderPositionFromValue(minimum(), maximum(), toTicks(modelBlend_), span);
    const int zero = groove.left() + handle.width() / 2 +
                     QStyle::sliderPositionFromValue(minimum(), maximum(), 0, span);
    QPainter painter(this);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawLine(zero, rect().bottom() - 3, zero, rect().bottom());
    painter.setPen(QPen(QColor(0x1f, 0x6f, 0xb4), 2));
    painter.drawLine(x, rect().top(), x, rect().top() + 4);
    painter.drawLine(x, rect().bottom() - 4, x, rect().bottom());
}

} // namespace shelfscope::ui
