#pragma once

#include <QSlider>

namespace shelfscope::ui {

/// The popularity blend w as a slider from "discover" (w < 0: widely read books pushed down)
/// to "popular with readers like you" (w > 0: pulled up), in steps of 0.01, with a mark at the
/// model's own weight. Recommendations add w x ln(1 + ratings count) to every book's score.
class BlendSlider : public QSlider {
    Q_OBJECT
public:
    /// The range of --popularity-blend in the option table (config/OptionTable.h).
    static double minimum();
    static double maximum();

    explicit BlendSlider(QWidget* parent = nullptr);

    /// The weight w the slider stands at.
    double blend() const;
    /// Moves the slider to w (clamped to the range, rounded to 0.01).
    void setBlend(double blend);
    /// Where the mark for the model's own weight goes (it also appears in the tooltip).
    void setModelBlend(double blend);
    double modelBlend() const { return modelBlend_; }

Q_SIGNALS:
    void blendChanged(double blend);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void updateToolTip();

    double modelBlend_ = 0.0;
};

} // namespace shelfscope::ui
