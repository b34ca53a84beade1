#include "BookDetailsView.h"

#include "BookText.h"
#include "CoverView.h"
#include "SimilarBooksView.h"
#include "data/Dataset.h"
#include "maps/BookAttributes.h"
#include "recommend/Recommender.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace shelfscope::ui {

namespace {

constexpr int kVectorShown = 12; ///< entries of a long embedding written out; all in the tooltip

QString vectorText(const Eigen::Ref<const Eigen::RowVectorXf>& row, int shown) {
    const QLocale english(QLocale::English);
    QStringList values;
    for (Eigen::Index i = 0; i < row.size() && i < shown; ++i)
        values << english.toString(static_cast<double>(row(i)), 'f', 3);
    QString text = QStringLiteral("(") + values.join(QStringLiteral(", "));
    if (row.size() > shown)
        text += QStringLiteral(", \u2026");
    return text + QStringLiteral(")");
}

} // namespace

BookDetailsView::BookDetailsView(CoverCache* covers, QWidget* parent)
    : QWidget(parent), cover_(new CoverView(covers)), header_(new QLabel), facts_(new QLabel),
      vector_(new QLabel), similar_(new SimilarBooksView) {
    for (QLabel* label : {header_, facts_, vector_}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    cover_->setFixedWidth(110);
    auto* top = new QHBoxLayout;
    top->addWidget(cover_, 0, Qt::AlignTop);
    auto* text = new QVBoxLayout;
    text->addWidget(header_);
    text->addWidget(facts_);
    text->addStretch();
    top->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(vector_);
    layout->addWidget(similar_, 1);
    connect(similar_, &SimilarBooksView::bookActivated, this, &BookDetailsView::bookActivated);
    clear(tr("Click a book on the map, or search for one."));
}

void BookDetailsView::clear(const QString& message) {
    book_ = 0;
    cover_->clear();
    header_->setText(message.toHtmlEscaped());
    facts_->clear();
    vector_->clear();
    vector_->setToolTip(QString());
    similar_->clear(QString());
}

void BookDetailsView::showBook(std::shared_ptr<const Dataset> dataset, std::int32_t bookId,
                               const Recommender* recommender, const QString& modelName) {
    if (!dataset || bookId == 0) {
        clear(tr("Click a book on the map, or search for one."));
        return;
    }
    book_ = bookId;
    const QLocale english(QLocale::English);
    const Book* book = dataset->books.find(bookId);
    const QString title = bookTitle(dataset->books, bookId);
    cover_->showCover(bookId, book ? QString::fromStdString(book->imageUrl) : QString(), title);
    QString head = QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped());
    if (book != nullptr && !book->authors.empty())
        head += QStringLiteral("<br>") + QString::fromStdString(book->authors).toHtmlEscaped();
    header_->setText(head);
    QStringList facts;
    if (book == nullptr) {
        facts << tr("books.csv does not describe book %1.").arg(bookId);
    } else {
        if (book->year)
            facts << tr("Published %1").arg(*book->year);
        if (book->averageRating)
            facts << tr("Average rating %1 from %2 ratings")
                         .arg(english.toString(static_cast<double>(*book->averageRating), 'f', 2),
                              english.toString(static_cast<qlonglong>(book->ratingsCount)));
        if (!book->genre.empty())
            facts
                << tr("Genre: <b>%1</b>").arg(QString::fromStdString(book->genre).toHtmlEscaped());
        if (!book->language.empty())
            facts << tr("Language: %1")
                         .arg(QString::fromStdString(languageName(book->language)).toHtmlEscaped());
        QStringList shelves;
        for (const Shelf& shelf : book->topShelves)
            shelves << QStringLiteral("%1 (%2)").arg(
                QString::fromStdString(shelf.name).toHtmlEscaped(),
                english.toString(static_cast<qlonglong>(shelf.count)));
        if (!shelves.isEmpty())
            facts << tr("Shelves: %1").arg(shelves.join(QStringLiteral(", ")));
        facts << tr("Book #%1").arg(bookId);
    }
    facts_->setText(facts.join(QStringLiteral("<br>")));
    if (recommender == nullptr) {
        vector_->setText(tr("Select a run to see how its model places this book."));
        vector_->setToolTip(QString());
        similar_->clear(QString());
        return;
    }
    if (!recommender->knowsBook(bookId)) {
        vector_->setText(tr("%1 has no embedding for this book (it had no ratings in its "
                            "training data).")
                             .arg(modelName.toHtmlEscaped()));
        vector_->setToolTip(QString());
        similar_->clear(QString());
        return;
    }
    if (!recommender->model().hasEmbeddings()) {
        vector_->setText(tr("%1 is an item-item model: it has no embeddings. Its similar books "
                            "come from its item-item weights.")
                             .arg(modelName.toHtmlEscaped()));
        vector_->setToolTip(QString());
        similar_->showFor(*recommender, bookId, 10);
        return;
    }
    const Matrix& embeddings = recommender->model().bookEmbeddings();
    const auto row = embeddings.row(recommender->bookRow(bookId));
    vector_->setText(tr("Embedding in %1 (d=%2, length %3):<br>%4")
                         .arg(modelName.toHtmlEscaped())
                         .arg(row.size())
                         .arg(english.toString(static_cast<double>(row.norm()), 'f', 3))
                         .arg(vectorText(row, kVectorShown)));
    vector_->setToolTip(vectorText(row, static_cast<int>(row.size())));
    similar_->showFor(*recommender, bookId, 10);
}

} // namespace shelfscope::ui
