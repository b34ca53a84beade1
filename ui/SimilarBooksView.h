#pragma once

#include <QWidget>
#include <cstdint>

class QLabel;
class QTableWidget;

namespace shelfscope {
class Recommender;
}

namespace shelfscope::ui {

/// The books nearest to one book in a model's embedding space (cosine similarity), best first;
/// clicking one says so, so the caller can move there.
class SimilarBooksView : public QWidget {
    Q_OBJECT
public:
    explicit SimilarBooksView(QWidget* parent = nullptr);

    /// Lists the k books most similar to bookId under the recommender's model; a book the model
    /// does not know is said so in words.
    void showFor(const Recommender& recommender, std::int32_t bookId, int k = 10);
    /// Empties the list and shows why.
    void clear(const QString& message);

    QTableWidget* table() const { return table_; }
    QLabel* caption() const { return caption_; }
    /// The book ids listed, best first.
    std::vector<std::int32_t> books() const { return books_; }

Q_SIGNALS:
    void bookActivated(std::int32_t bookId);

private:
    QLabel* caption_;
    QTableWidget* table_;
    std::vector<std::int32_t> books_;
};

} // namespace shelfscope::ui
