#pragma once

#include "recommend/Recommender.h"

#include <QColor>
#include <QTableWidget>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

namespace shelfscope::ui {

/// One run's top books for a reader: rank, title, authors, year, genre, the model's predicted
/// rating (or score), the average rating, whether the book is on the reader's shelf (to read,
/// or rated and with how many stars), and the liked book that explains it.
class RecommendationTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        TitleColumn,
        AuthorsColumn,
        YearColumn,
        GenreColumn,
        ScoreColumn,
        AverageColumn,
        ShelfColumn,
        BecauseColumn,
        ColumnCount
    };
    /// The background of books both compared lists hold.
    static QColor sharedColour();

    explicit RecommendationTable(QWidget* parent = nullptr);

    /// Shows a list. `rated` holds the reader's stars, so rated books (listed when the config
    /// includes them) are marked; `scoreIsRating` says the score column holds stars (a rating
    /// model without a popularity blend) rather than a ranking score.
    void showResult(const RecommendResult& result, const Dataset& dataset,
                    const std::unordered_map<std::int32_t, float>& rated, bool scoreIsRating);
    /// Empties the list.
    void clearList();
    /// Paints the rows of these books in the shared colour (and no others).
    void setHighlighted(const std::set<std::int32_t>& books);
    /// Leaves out authors, year, genre and average, so two lists fit side by side (the genre
    /// column is left out anyway when no book of the data set has a genre).
    void setCompact(bool compact);

    /// The listed book ids in rank order.
    const std::vector<std::int32_t>& books() const { return books_; }

private:
    std::vector<std::int32_t> books_;
    bool compact_ = false;
    bool genres_ = true;
};

} // namespace shelfscope::ui
