#include "SimilarBooksView.h"

#include "recommend/Recommender.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shelfscope::ui {

SimilarBooksView::SimilarBooksView(QWidget* parent)
    : QWidget(parent), caption_(new QLabel), table_(new QTableWidget(0, 4)) {
    caption_->setWordWrap(true);
    table_->setHorizontalHeaderLabels({tr("#"), tr("Title"), tr("Authors"), tr("Similarity")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(false);
    table_->setToolTip(tr("Click a book to move there"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(caption_);
    layout->addWidget(table_, 1);
    connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && static_cast<std::size_t>(row) < books_.size())
            Q_EMIT bookActivated(books_[static_cast<std::size_t>(row)]);
    });
}

void SimilarBooksView::clear(const QString& message) {
    books_.clear();
    table_->setRowCount(0);
    caption_->setText(message);
}

void SimilarBooksView::showFor(const Recommender& recommender, std::int32_t bookId, int k) {
    if (!recommender.knowsBook(bookId)) {
        clear(tr("%1 is not in this model (it had no ratings in its training data).")
                  .arg(QString::fromStdString(recommender.describe(bookId).title)));
        return;
    }
    const std::vector<SimilarBook> similar = recommender.similarBooks(bookId, k);
    const QLocale english(QLocale::English);
    const ModelKind kind = recommender.model().kind();
    const QString measure =
        kind == ModelKind::Ease      ? tr("EASE's weight: the score reading it alone gives")
        : kind == ModelKind::ItemKnn ? tr("cosine with shrinkage over who read them")
                                     : tr("cosine of the embeddings");
    caption_->setText(
        tr("Books most like <b>%1</b> in this model (%2):")
            .arg(QString::fromStdString(recommender.describe(bookId).title).toHtmlEscaped(),
                 measure));
    books_.clear();
    table_->setRowCount(static_cast<int>(similar.size()));
    for (int row = 0; row < table_->rowCount(); ++row) {
        const SimilarBook& s = similar[static_cast<std::size_t>(row)];
        books_.push_back(s.book.id);
        const QStringList cells{QString::number(row + 1), QString::fromStdString(s.book.title),
                                QString::fromStdString(s.book.authors),
                                english.toString(static_cast<double>(s.similarity), 'f', 3)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            table_->setItem(row, column, item);
        }
    }
}

} // namespace shelfscope::ui
