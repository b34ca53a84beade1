#include "MapColouring.h"

#include "MapPalette.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace shelfscope::ui {

namespace {

constexpr int kBins = 256; ///< colour map bins: finer steps than the eye tells apart

} // namespace

MapColouring::MapColouring() : map_(palette::viridis) {
    slotColours_ = {palette::category(0), palette::missing()};
}

MapColouring MapColouring::uniform(const QColor& colour) {
    MapColouring colouring;
    colouring.slotColours_ = {colour, palette::missing()};
    return colouring;
}

MapColouring MapColouring::categorical(std::vector<int> labels, QStringList names,
                                       const QString& title, std::vector<QColor> colours,
                                       const QString& missingName) {
    MapColouring colouring;
    colouring.kind_ = Kind::Categorical;
    colouring.title_ = title;
    colouring.missingName_ = missingName;
    colouring.names_ = std::move(names);
    const auto categories = static_cast<int>(colouring.names_.size());
    colouring.counts_.assign(static_cast<std::size_t>(categories), 0);
    for (int& label : labels) {
        if (label < 0 || label >= categories) {
            label = -1;
            ++colouring.missingCount_;
        } else {
            ++colouring.counts_[static_cast<std::size_t>(label)];
        }
    }
    colouring.labels_ = std::move(labels);
    colouring.slotColours_.clear();
    for (int c = 0; c < categories; ++c)
        colouring.slotColours_.push_back(
            colours.empty() ? palette::category(c)
                            : colours[static_cast<std::size_t>(c) % colours.size()]);
    colouring.slotColours_.push_back(palette::missing());
    return colouring;
}

MapColouring MapColouring::continuous(std::vector<float> values, const QString& title,
                                      double minimum, double maximum, const QString& missingName) {
    MapColouring colouring;
    colouring.kind_ = Kind::Continuous;
    colouring.title_ = title;
    colouring.missingName_ = missingName;
    double low = INFINITY, high = -INFINITY;
    for (const float value : values) {
        if (std::isnan(value)) {
            ++colouring.missingCount_;
            continue;
        }
        low = std::min(low, static_cast<double>(value));
        high = std::max(high, static_cast<double>(value));
    }
    colouring.minimum_ = std::isnan(minimum) ? (low <= high ? low : 0.0) : minimum;
    colouring.maximum_ = std::isnan(maximum) ? (low <= high ? high : 1.0) : maximum;
    if (colouring.minimum_ > colouring.maximum_)
        std::swap(colouring.minimum_, colouring.maximum_);
    colouring.values_ = std::move(values);
    colouring.fillContinuousSlots();
    return colouring;
}

MapColouring MapColouring::stars(const std::vector<int>& starsPerPoint, const QString& title,
                                 const QString& missingName) {
    std::vector<int> labels;
    labels.reserve(starsPerPoint.size());
    for (const int stars : starsPerPoint)
        labels.push_back(stars >= 1 && stars <= 5 ? stars - 1 : -1);
    std::vector<QColor> colours;
    QStringList names;
    for (int stars = 1; stars <= 5; ++stars) {
        colours.push_back(palette::stars(stars));
        names.append(stars == 1 ? tr("1 star") : tr("%1 stars").arg(stars));
    }
    return categorical(std::move(labels), names, title, colours, missingName);
}

void MapColouring::setColourMap(ColourMap map) {
    map_ = map ? std::move(map) : ColourMap(palette::viridis);
    if (kind_ == Kind::Continuous)
        fillContinuousSlots();
}

void MapColouring::fillContinuousSlots() {
    slotColours_.clear();
    for (int bin = 0; bin < kBins; ++bin)
        slotColours_.push_back(map_(bin / double(kBins - 1)));
    slotColours_.push_back(palette::missing());
}

QString MapColouring::formatValue(double value) const {
    if (formatter_)
        return formatter_(value);
    const QLocale english(QLocale::English);
    const double range = maximum_ - minimum_;
    // Enough decimals to tell the bar's three labels apart, no more.
    const int decimals = range >= 20 || range == 0.0 ? 0 : range >= 2 ? 1 : range >= 0.2 ? 2 : 3;
    if (std::abs(value) >= 1e4)
        return english.toString(value, 'f', 0);
    QString text = QString::number(value, 'f', decimals);
    return text == QLatin1String("-0") ? QStringLiteral("0") : text;
}

std::vector<std::uint16_t> MapColouring::pointSlots(std::size_t points) const {
    std::vector<std::uint16_t> result(points, static_cast<std::uint16_t>(missingSlot()));
    switch (kind_) {
    case Kind::Uniform:
        std::fill(result.begin(), result.end(), std::uint16_t{0});
        break;
    case Kind::Categorical:
        for (std::size_t i = 0; i < points && i < labels_.size(); ++i)
            if (labels_[i] >= 0)
                result[i] = static_cast<std::uint16_t>(labels_[i]);
        break;
    case Kind::Continuous: {
        const double range = maximum_ - minimum_;
        for (std::size_t i = 0; i < points && i < values_.size(); ++i) {
            if (std::isnan(values_[i]))
                continue;
            const double t = range > 0.0 ? (values_[i] - minimum_) / range : 0.5;
            result[i] =
                static_cast<std::uint16_t>(std::lround(std::clamp(t, 0.0, 1.0) * (kBins - 1)));
        }
        break;
    }
    }
    return result;
}

QString MapColouring::describePoint(std::size_t point) const {
    if (kind_ == Kind::Categorical && point < labels_.size() && labels_[point] >= 0)
        return names_[labels_[point]];
    if (kind_ == Kind::Continuous && point < values_.size() && !std::isnan(values_[point]))
        return QString::number(values_[point], 'g', 9);
    return QString();
}

int MapColouring::entryOfSlot(int slot) const {
    if (slot == missingSlot())
        return missingEntry();
    return kind_ == Kind::Categorical ? slot : -1;
}

std::size_t MapColouring::checked(int category) const {
    if (category < 0 || category >= categoryCount())
        throw std::out_of_range("MapColouring: no category " + std::to_string(category));
    return static_cast<std::size_t>(category);
}

} // namespace shelfscope::ui
