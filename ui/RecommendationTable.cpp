#include "RecommendationTable.h"

#include "BookTable.h"
#include "BookText.h"

#include <QHeaderView>
#include <QLocale>

namespace shelfscope::ui {

QColor RecommendationTable::sharedColour() {
    return QColor(0xff, 0xe0, 0x8a); // a warm yellow that reads on white and under selection
}

RecommendationTable::RecommendationTable(QWidget* parent) : QTableWidget(parent) {
    setUpBookTable(this, {tr("#"), tr("Title"), tr("Authors"), tr("Year"), tr("Genre"),
                          tr("Predicted"), tr("Average"), tr("Shelf"), tr("Because you liked")});
    QHeaderView* header = horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(AuthorsColumn, QHeaderView::Interactive);
    header->resizeSection(AuthorsColumn, 150);
    header->setSectionResizeMode(BecauseColumn, QHeaderView::Stretch);
    horizontalHeaderItem(ShelfColumn)
        ->setToolTip(tr("\"to read\": on the reader's to-read list; stars: the reader rated it "
                        "(listed only when rated books are included)"));
    horizontalHeaderItem(AverageColumn)->setToolTip(tr("books.csv's average rating"));
}

void RecommendationTable::clearList() {
    books_.clear();
    fillBookTable(this, {});
}

void RecommendationTable::showResult(const RecommendResult& result, const Dataset& dataset,
                                     const std::unordered_map<std::int32_t, float>& rated,
                                     bool scoreIsRating) {
    const QLocale english(QLocale::English);
    horizontalHeaderItem(ScoreColumn)->setText(scoreIsRating ? tr("Predicted") : tr("Score"));
    horizontalHeaderItem(ScoreColumn)
        ->setToolTip(scoreIsRating ? tr("The stars the model predicts this reader would give")
                                   : tr("The model's score for ranking (plus the popularity "
                                        "blend, if any): higher ranks first; it is no number "
                                        "of stars"));
    const auto number = [&](double value, int decimals) {
        auto* item = new SortableItem(english.toString(value, 'f', decimals), value);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    const bool byWeight = result.because == BecauseKind::ReadWeight;
    horizontalHeaderItem(BecauseColumn)
        ->setText(byWeight ? tr("Because you read") : tr("Because you liked"));
    horizontalHeaderItem(BecauseColumn)
        ->setToolTip(byWeight ? tr("The book the reader read that adds most to this one's score "
                                   "in the item-item model (its weight toward this book)")
                              : tr("The book the reader liked that is most like this one in the "
                                   "model (cosine similarity of the embeddings)"));
    const QString measure = byWeight ? tr("weight") : tr("similarity");
    books_.clear();
    QList<QList<QTableWidgetItem*>> rows;
    int rank = 0;
    for (const Recommendation& r : result.items) {
        books_.push_back(r.book.id);
        QList<QTableWidgetItem*> cells{number(++rank, 0)};
        cells += bookCells(dataset.books, r.book.id);
        cells.front()->setData(kBookIdRole, r.book.id);
        cells << number(static_cast<double>(r.predictedRating), 2);
        cells << (r.book.averageRating ? number(static_cast<double>(*r.book.averageRating), 2)
                                       : new SortableItem(QString()));
        QString shelf;
        if (const auto found = rated.find(r.book.id); found != rated.end())
            shelf = tr("rated %1").arg(starsText(found->second, dataset.ratings.scale.max));
        else if (r.onToReadList)
            shelf = tr("to read");
        cells << new SortableItem(shelf);
        QString because;
        if (r.because)
            because = tr("%1 (%2)")
                          .arg(bookTitle(dataset.books, r.because->id))
                          .arg(english.toString(static_cast<double>(r.becauseSimilarity), 'f', 2));
        auto* becauseItem = new SortableItem(because);
        becauseItem->setToolTip(
            r.because ? (byWeight ? tr("Because you read %1 (%2 %3)")
                                  : tr("Because you liked %1 (%2 %3)"))
                            .arg(bookLine(dataset.books, r.because->id), measure,
                                 english.toString(static_cast<double>(r.becauseSimilarity), 'f', 2))
                      : QString());
        // An embedding model gives no reason when every liked book points away from this one.
        if (!r.because && !byWeight)
            becauseItem->setToolTip(tr("No book this reader liked points the same way as this "
                                       "one in the model (every cosine is 0 or below), so none "
                                       "is given as the reason"));
        // An item-item model scores 0 a book no read book leads to; such books only fill a
        // short list (in book-id order), and the row says so rather than stay blank.
        if (!r.because && byWeight && r.predictedRating <= 0.0f) {
            becauseItem->setText(tr("(none of their books leads here)"));
            becauseItem->setToolTip(
                tr("No book this reader read has this one among its neighbours: the model has "
                   "fewer than the asked number of books with a score for them, and the list is "
                   "filled with books scoring 0, in book-id order (in goodbooks-10k the most "
                   "rated first)"));
        }
        cells << becauseItem;
        rows.append(cells);
    }
    fillBookTable(this, rows);
    genres_ = hasGenres(dataset.books);
    setColumnHidden(GenreColumn, compact_ || !genres_);
}

void RecommendationTable::setHighlighted(const std::set<std::int32_t>& books) {
    for (int row = 0; row < rowCount(); ++row) {
        const bool shared = books.count(bookIdAt(this, row)) != 0;
        for (int column = 0; column < columnCount(); ++column)
            if (QTableWidgetItem* cell = item(row, column))
                cell->setBackground(shared ? QBrush(sharedColour()) : QBrush());
    }
}

void RecommendationTable::setCompact(bool compact) {
    compact_ = compact;
    for (int column : {AuthorsColumn, YearColumn, AverageColumn})
        setColumnHidden(column, compact);
    setColumnHidden(GenreColumn, compact_ || !genres_);
}

} // namespace shelfscope::ui
