#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace shelfscope::ui {

/// How a map colours its points, and what its legend says: one colour for all, a category per
/// point (names, colours and counts in the legend), or a value per point on a colour map (a
/// colour bar from minimum to maximum). Points without a category or value are drawn grey and
/// counted under `missingName` in the legend. Knows nothing about books: point i is label i.
///
/// The renderer reads colours through slots: a small table of colours (one per category, or 256
/// bins of the colour map) plus one slot for missing points, so points are drawn in batches.
class MapColouring {
    Q_DECLARE_TR_FUNCTIONS(MapColouring)
public:
    enum class Kind { Uniform, Categorical, Continuous };
    using ColourMap = std::function<QColor(double t)>; ///< t in [0, 1]
    using ValueFormatter = std::function<QString(double value)>;

    /// Every point in palette::category(0), no legend entry.
    MapColouring();
    /// Every point in one colour, no legend entry.
    static MapColouring uniform(const QColor& colour);
    /// Point i in category labels[i] (0..names.size()-1); a label of -1 or out of range is
    /// missing. Colours default to palette::categorical(); fewer colours than names cycle.
    static MapColouring categorical(std::vector<int> labels, QStringList names,
                                    const QString& title, std::vector<QColor> colours = {},
                                    const QString& missingName = tr("missing"));
    /// Point i by values[i] on the colour map (viridis by default) from minimum to maximum;
    /// NaN bounds take the range of the finite values. A NaN value is missing; values outside
    /// the range take the end colours.
    static MapColouring continuous(std::vector<float> values, const QString& title,
                                   double minimum = std::numeric_limits<double>::quiet_NaN(),
                                   double maximum = std::numeric_limits<double>::quiet_NaN(),
                                   const QString& missingName = tr("missing"));
    /// A reader's stars: starsPerPoint[i] in 1..5, or 0 for a book they did not rate (missing);
    /// categories "1 star" .. "5 stars" in palette::stars().
    static MapColouring stars(const std::vector<int>& starsPerPoint, const QString& title,
                              const QString& missingName = tr("not rated"));

    Kind kind() const { return kind_; }
    const QString& title() const { return title_; }

    /// Legend entries of a categorical colouring (none otherwise) ...
    int categoryCount() const { return static_cast<int>(names_.size()); }
    const QString& categoryName(int category) const { return names_[checked(category)]; }
    QColor categoryColour(int category) const { return slotColours_[checked(category)]; }
    /// ... and how many points each holds.
    int categoryPoints(int category) const { return counts_[checked(category)]; }
    /// Points drawn grey among the labels or values given: no category, or a NaN value.
    int missingPoints() const { return missingCount_; }
    const QString& missingName() const { return missingName_; }
    /// Legend entry number of the missing points, after the categories.
    int missingEntry() const { return categoryCount(); }

    /// Range of a continuous colouring.
    double minimum() const { return minimum_; }
    double maximum() const { return maximum_; }
    /// Replaces the colour map of a continuous colouring (the default is palette::viridis).
    void setColourMap(ColourMap map);
    QColor colourAt(double t) const { return map_(t); }
    /// How the colour bar writes values (the default picks decimals by the range; give one to
    /// show, for example, 10^v for values on a log scale).
    void setValueFormatter(ValueFormatter formatter) { formatter_ = std::move(formatter); }
    QString formatValue(double value) const;

    /// The colour table: categories (or 256 bins of the map, or the one uniform colour), then
    /// the missing colour last.
    int slotCount() const { return static_cast<int>(slotColours_.size()); }
    QColor slotColour(int slot) const { return slotColours_[static_cast<std::size_t>(slot)]; }
    int missingSlot() const { return slotCount() - 1; }
    /// Slot of each of the first `points` points (points past the labels are missing).
    std::vector<std::uint16_t> pointSlots(std::size_t points) const;
    /// Point i's category name or value as text (empty when missing), for CSV export.
    QString describePoint(std::size_t point) const;
    /// The legend entry a slot belongs to (category, or missingEntry()); -1 for colour map
    /// bins, which have no entry of their own.
    int entryOfSlot(int slot) const;

private:
    std::size_t checked(int category) const;
    void fillContinuousSlots();

    Kind kind_ = Kind::Uniform;
    QString title_;
    QString missingName_;
    QStringList names_;
    std::vector<int> counts_;
    int missingCount_ = 0;
    std::vector<int> labels_;
    std::vector<float> values_;
    double minimum_ = 0.0, maximum_ = 1.0;
    ColourMap map_;
    ValueFormatter formatter_;
    std::vector<QColor> slotColours_;
};

} // namespace shelfscope::ui
