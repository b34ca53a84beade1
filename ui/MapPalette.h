#pragma once

#include <QColor>
#include <vector>

namespace shelfscope::ui::palette {

/// 20 categorical colours: Tableau 10's nine hues (its grey left out, grey means "missing"
/// here), then their lighter partners, then a dark warm grey and a tan. Built for telling
/// categories apart with common colour-vision deficiencies; neighbours in the list differ most.
const std::vector<QColor>& categorical();

/// The categorical colour of category k (cycles past the end of the list).
QColor category(int k);

/// Viridis at t in [0, 1] (clamped): dark purple to yellow, perceptually uniform, readable in
/// grey scale. Interpolated in sRGB between 10 evenly spaced samples of the published map.
QColor viridis(double t);

/// Colour of a 1..5 star rating: red (1) through pale yellow (3) to blue (5), a diverging
/// scale that keeps liked and disliked books apart; grey outside 1..5.
QColor stars(int stars);

/// Points with no value or category.
QColor missing();

} // namespace shelfscope::ui::palette
