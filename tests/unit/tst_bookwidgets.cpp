#include "BookSearchBox.h"
#include "BookText.h"
#include "SimilarBooksView.h"
#include "recommend/Recommender.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// Books 1-4 described in books.csv, book 5 rated but not described; one reader.
std::shared_ptr<const Dataset> library() {
    auto dataset = std::make_shared<Dataset>();
    dataset->name = "widgets";
    RatingTable& t = dataset->ratings;
    t.users = IdIndex::fromRawIds(std::vector<std::int32_t>{1});
    t.books = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3, 4, 5});
    t.userIndex = {0, 0, 0, 0, 0};
    t.bookIndex = {0, 1, 2, 3, 4};
    t.rating = {5, 4, 3, 2, 1};
    const char* titles[] = {"Emma", "Persuasion", "Austenland", "Jane Eyre"};
    const char* authors[] = {"Jane Austen", "Jane Austen", "Shannon Hale", "Charlotte Bronte"};
    for (int id = 1; id <= 4; ++id) {
        Book book;
        book.id = id;
        book.title = titles[id - 1];
        book.authors = authors[id - 1];
        book.year = 1800 + id;
        book.ratingsCount = 10 * id;
        dataset->books.add(book);
    }
    return dataset;
}

} // namespace

class TestBookWidgets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void booksMissingFromTheCatalogueShowTheirId() {
        const auto dataset = library();
        QCOMPARE(bookTitle(dataset->books, 5), QStringLiteral("Book #5"));
        QCOMPARE(bookLine(dataset->books, 5), QStringLiteral("Book #5"));
        QCOMPARE(bookLine(dataset->books, 1), QStringLiteral("Emma \u2014 Jane Austen (1801)"));
        QCOMPARE(starsText(4.0f), QStringLiteral("\u2605\u2605\u2605\u2605\u2606 4"));
        QCOMPARE(starsText(2.5f), QStringLiteral("\u2605\u2605\u2606\u2606\u2606 2.5"));
    }

    void theSearchBoxCompletesTitlesAndAuthors() {
        BookSearchBox box;
        QVERIFY(!box.isEnabled());
        box.setDataset(library());
        QVERIFY(box.isEnabled());
        box.show();
        QTest::keyClicks(&box, QStringLiteral("austen"));
        // Title matches first, then the authors' books, most-rated first.
        QCOMPARE(box.matches(), (std::vector<std::int32_t>{3, 2, 1}));
        QCOMPARE(box.completer()->model()->rowCount(), 3);
        QSignalSpy chosen(&box, &BookSearchBox::bookChosen);
        box.completer()->popup()->hide();
        QTest::keyClick(&box, Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).value<std::int32_t>(), 3);
        // A filter keeps books out of the list.
        box.setFilter([](std::int32_t id) { return id != 3; });
        box.clear();
        QTest::keyClicks(&box, QStringLiteral("austen"));
        QCOMPARE(box.matches(), (std::vector<std::int32_t>{2, 1}));
    }

    void similarBooksListTheModelsNeighbours() {
        const auto dataset = library();
        ModelConfig config;
        config.dim = 2;
        std::unique_ptr<Model> model = createModel(config, 1, 5, 1);
        // Books 1 and 2 point the same way, 3 nearly so, 4 and 5 elsewhere.
        model->parameters()[1].values << 1, 0, 2, 0, 1, 0.2f, 0, 1, -1, 0;
        ModelMetadata metadata;
        metadata.config = config;
        metadata.userRawIds = {1};
        metadata.bookRawIds = {1, 2, 3, 4, 5};
        const Recommender recommender(*model, metadata, *dataset);
        SimilarBooksView view;
        view.showFor(recommender, 1, 3);
        QCOMPARE(view.books(), (std::vector<std::int32_t>{2, 3, 4}));
        QCOMPARE(view.table()->rowCount(), 3);
        QCOMPARE(view.table()->item(0, 1)->text(), QStringLiteral("Persuasion"));
        QCOMPARE(view.table()->item(0, 3)->text(), QStringLiteral("1.000"));
        QSignalSpy activated(&view, &SimilarBooksView::bookActivated);
        const QRect cell = view.table()->visualItemRect(view.table()->item(1, 1));
        view.show();
        QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).value<std::int32_t>(), 3);
        // A book without metadata is named by its id; one the model lacks is said so.
        view.showFor(recommender, 5, 2);
        QVERIFY(view.caption()->text().contains(QStringLiteral("Book #5")));
        view.showFor(recommender, 99, 2);
        QCOMPARE(view.table()->rowCount(), 0);
        QVERIFY(view.caption()->text().contains(QStringLiteral("not in this model")));
    }
};

QTEST_MAIN(TestBookWidgets)
#include "tst_bookwidgets.moc"
