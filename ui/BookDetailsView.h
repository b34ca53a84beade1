#pragma once

#include <QWidget>
#include <cstdint>
#include <memory>

class QLabel;

namespace shelfscope {
struct Dataset;
class Recommender;
} // namespace shelfscope

namespace shelfscope::ui {

class CoverCache;
class CoverView;
class SimilarBooksView;

/// Everything about one book: its cover, title, authors, year, average rating, genre and top
/// shelves from the catalogue; and, under a model, its embedding vector and the 10 books most
/// like it (click one to move there).
class BookDetailsView : public QWidget {
    Q_OBJECT
public:
    /// Covers come from `covers` (the caller's, shared with other views).
    explicit BookDetailsView(CoverCache* covers, QWidget* parent = nullptr);

    /// Shows a book of the data set; `recommender` (may be null) adds the model's view of it.
    void showBook(std::shared_ptr<const Dataset> dataset, std::int32_t bookId,
                  const Recommender* recommender, const QString& modelName);
    void clear(const QString& message);

    std::int32_t book() const { return book_; }
    QLabel* header() const { return header_; }
    QLabel* facts() const { return facts_; }
    QLabel* vector() const { return vector_; }
    SimilarBooksView* similar() const { return similar_; }
    CoverView* cover() const { return cover_; }

Q_SIGNALS:
    /// A similar book was clicked.
    void bookActivated(std::int32_t bookId);

private:
    std::int32_t book_ = 0;
    CoverView* cover_;
    QLabel* header_;
    QLabel* facts_;
    QLabel* vector_;
    SimilarBooksView* similar_;
};

} // namespace shelfscope::ui
