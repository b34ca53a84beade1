#include "BlendSlider.h"
#include "BookTable.h"
#include "MainWindow.h"
#include "NewReaderEditor.h"
#include "ReaderPicker.h"
#include "ReadersFixture.h"
#include "ReadersModel.h"
#include "RecommendationTable.h"
#include "RunRecommendations.h"
#include "ShelfView.h"
#include "SimilarBooksView.h"
#include "TrainPanel.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <cmath>
#include <map>
#include <set>

using namespace readers_test;

class TestReadersPanel : public QObject, ReadersFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        setUp();
        QVERIFY(reader_ != 0);
    }
    void init() { QSettings().clear(); }

    void theShelfMatchesTheData() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QCOMPARE(w->reader().kind, ReaderChoice::Kind::Existing);
        QCOMPARE(w->reader().userId, reader_);
        QVERIFY(!panel.showingEditor());
        ShelfView* shelf = panel.shelfView();

        const auto rated = ratedFromRows(*library_.dataset, reader_);
        QTableWidget* table = shelf->ratedTable();
        QCOMPARE(table->rowCount(), static_cast<int>(rated.size()));
        for (int row = 0; row < table->rowCount(); ++row) {
            QCOMPARE(bookIdAt(table, row), rated[static_cast<std::size_t>(row)].first);
            QCOMPARE(table->item(row, ShelfView::StarsColumn)->data(kSortRole).toDouble(),
                     static_cast<double>(rated[static_cast<std::size_t>(row)].second));
            const Book* book = library_.dataset->books.find(bookIdAt(table, row));
            QCOMPARE(table->item(row, ShelfView::RatedTitleColumn)->text(),
                     QString::fromStdString(book->title));
            QCOMPARE(table->item(row, ShelfView::RatedGenreColumn)->text(),
                     QString::fromStdString(book->genre));
        }
        QCOMPARE(shelf->tabs()->tabText(0), QStringLiteral("Rated (%1)").arg(rated.size()));
        const auto toRead = toReadFromRows(*library_.dataset, reader_);
        QCOMPARE(bookIdsOf(shelf->toReadTable()), toRead);
        QCOMPARE(shelf->tabs()->tabText(1), QStringLiteral("To read (%1)").arg(toRead.size()));

        // Top genres with counts, counted here from the catalogue.
        std::map<std::string, int> genres;
        for (const auto& [bookId, stars] : rated)
            ++genres[library_.dataset->books.find(bookId)->genre];
        const QString summary = shelf->summaryLabel()->text();
        for (const auto& [genre, count] : genres)
            if (count >= std::max_element(genres.begin(), genres.end(), [](auto& a, auto& b) {
                             return a.second < b.second;
                         })->second)
                QVERIFY2(
                    summary.contains(
                        QStringLiteral("%1 (%2)").arg(QString::fromStdString(genre)).arg(count)),
                    qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Reader %1").arg(reader_)), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("rated %1 books").arg(rated.size())),
                 qPrintable(summary));

        // A click on the stars header sorts by stars; the book ids stay with their stars.
        table->sortItems(ShelfView::StarsColumn, Qt::AscendingOrder);
        QCOMPARE(table->item(0, ShelfView::StarsColumn)->data(kSortRole).toDouble(),
                 static_cast<double>(rated.back().second));
    }

    void theListEqualsTheEngines_data() {
        QTest::addColumn<int>("top");
        QTest::addColumn<bool>("includeRated");
        QTest::addColumn<bool>("excludeToRead");
        QTest::addColumn<double>("blend"); // NaN: the model's own
        const double own = std::nan("");
        QTest::newRow("defaults") << 10 << false << false << own;
        QTest::newRow("25 books") << 25 << false << false << own;
        QTest::newRow("one book") << 1 << false << false << own;
        QTest::newRow("rated included") << 40 << true << false << own;
        QTest::newRow("to-read left out") << 30 << false << true << own;
        QTest::newRow("discover") << 10 << false << false << -1.5;
        QTest::newRow("popular") << 10 << false << false << 2.25;
    }
    void theListEqualsTheEngines() {
        QFETCH(int, top);
        QFETCH(bool, includeRated);
        QFETCH(bool, excludeToRead);
        QFETCH(double, blend);
        auto w = workspace();
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        pane->topBox()->setValue(top);
        pane->includeRatedBox()->setChecked(includeRated);
        pane->excludeToReadBox()->setChecked(excludeToRead);
        if (!std::isnan(blend))
            pane->blendSlider()->setBlend(blend);
        QCOMPARE(pane->blendFollowsModel(), std::isnan(blend));
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(settle(panel));
        QVERIFY2(pane->first()->outcome().has_value(), qPrintable(pane->first()->message()));

        RecommendConfig config;
        config.top = top;
        config.excludeRated = !includeRated;
        config.toRead = excludeToRead ? ToReadPolicy::Exclude : ToReadPolicy::Flag;
        if (!std::isnan(blend))
            config.popularityBlend = static_cast<float>(blend);
        const RecommendResult expected = engineList(*dot_, reader_, config);
        RecommendationTable* table = pane->first()->table();
        QCOMPARE(table->books(), idsOf(expected));
        QCOMPARE(table->rowCount(), top);

        std::map<std::int32_t, float> rated;
        for (const auto& [bookId, stars] : ratedFromRows(*library_.dataset, reader_))
            rated[bookId] = stars;
        const auto toRead = toReadFromRows(*library_.dataset, reader_);
        int ratedListed = 0;
        for (int row = 0; row < table->rowCount(); ++row) {
            const std::int32_t id = bookIdAt(table, row);
            const QString shelf = table->item(row, RecommendationTable::ShelfColumn)->text();
            const bool isRated = rated.count(id) != 0;
            const bool isToRead = std::binary_search(toRead.begin(), toRead.end(), id);
            QVERIFY(includeRated || !isRated);
            QVERIFY(!excludeToRead || !isToRead);
            if (isRated) {
                ++ratedListed;
                QVERIFY2(shelf.startsWith(QStringLiteral("rated \u2605")), qPrintable(shelf));
            } else {
                QCOMPARE(shelf, isToRead ? QStringLiteral("to read") : QString());
            }
            QCOMPARE(table->item(row, RecommendationTable::RankColumn)->text(),
                     QString::number(row + 1));
        }
        if (includeRated) // 40 of 120 books for a reader who rated 15 or more: some come back
            QVERIFY(ratedListed > 0);
        // The workspace (and so the map) knows the list.
        QCOMPARE(w->recommendedBooks(), idsOf(expected));
    }

    void theScoreColumnSaysWhatItHolds() {
        auto w = workspace(true);
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(settle(panel));
        RecommendationTable* table = pane->first()->table();
        QCOMPARE(table->horizontalHeaderItem(RecommendationTable::ScoreColumn)->text(),
                 QStringLiteral("Predicted"));
        QCOMPARE(pane->blendSlider()->modelBlend(), 0.0);
        // The ranking run records its blend: the slider's mark and value follow it.
        w->setActiveRun(2);
        QCOMPARE(pane->firstRun(), 2);
        QVERIFY(settle(panel));
        QCOMPARE(table->horizontalHeaderItem(RecommendationTable::ScoreColumn)->text(),
                 QStringLiteral("Score"));
        QCOMPARE(pane->blendSlider()->modelBlend(), 2.0);
        QCOMPARE(pane->blendSlider()->blend(), 2.0);
        QVERIFY(pane->blendSlider()->toolTip().contains(QStringLiteral("ln(1 + ratings count)")));
        QCOMPARE(table->books(), idsOf(engineList(*ranking_, reader_, {})));
    }

    void theBecauseColumnSaysWhatExplains() {
        // An embedding model explains by the nearest liked book (cosine); an item-item model by
        // the read book adding most to the score (its weight): the header and tips say which.
        auto w = workspace();
        w->runs()->addFinished(trainedRun(*library_.dataset, "item-knn", 3));
        ReadersPanel panel(w.get());
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(settle(panel));
        RecommendationTable* table = panel.recommendations()->first()->table();
        const auto header = [&] {
            return table->horizontalHeaderItem(RecommendationTable::BecauseColumn)->text();
        };
        const auto firstTip = [&] {
            for (int row = 0; row < table->rowCount(); ++row)
                if (const QString tip =
                        table->item(row, RecommendationTable::BecauseColumn)->toolTip();
                    !tip.isEmpty())
                    return tip;
            return QString();
        };
        QCOMPARE(header(), QStringLiteral("Because you liked"));
        QVERIFY(firstTip().startsWith(QStringLiteral("Because you liked ")));
        QVERIFY(firstTip().contains(QStringLiteral("(similarity ")));
        w->setActiveRun(3);
        QVERIFY(settle(panel));
        QCOMPARE(header(), QStringLiteral("Because you read"));
        QVERIFY(table->horizontalHeaderItem(RecommendationTable::BecauseColumn)
                    ->toolTip()
                    .contains(QStringLiteral("item-item")));
        QVERIFY(firstTip().startsWith(QStringLiteral("Because you read ")));
        QVERIFY(firstTip().contains(QStringLiteral("(weight ")));
        // Back to the embedding model: the words come back.
        w->setActiveRun(1);
        QVERIFY(settle(panel));
        QCOMPARE(header(), QStringLiteral("Because you liked"));

        // A book an item-item model scores 0 only fills a short list: its row says so.
        const Dataset& dataset = *library_.dataset;
        RecommendResult result;
        result.because = BecauseKind::ReadWeight;
        Recommendation led;
        led.book.id = dataset.books.books().at(0).id;
        led.predictedRating = 0.4f;
        led.because = BookInfo{dataset.books.books().at(1).id, {}, {}, {}, {}};
        led.becauseSimilarity = 0.4f;
        Recommendation filler;
        filler.book.id = dataset.books.books().at(2).id;
        result.items = {led, filler};
        RecommendationTable own;
        own.showResult(result, dataset, {}, false);
        QVERIFY(own.item(0, RecommendationTable::BecauseColumn)
                    ->text()
                    .contains(QString::fromStdString(dataset.books.books().at(1).title)));
        QCOMPARE(own.item(1, RecommendationTable::BecauseColumn)->text(),
                 QStringLiteral("(none of their books leads here)"));
    }

    void compareHighlightsExactlyTheSharedBooks() {
        auto w = workspace(true);
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        pane->topBox()->setValue(20);
        pane->setComparing(true);
        pane->setFirstRun(1);
        pane->setSecondRun(2);
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(settle(panel));
        QVERIFY(!pane->second()->isHidden());

        RecommendConfig config;
        config.top = 20;
        const std::vector<std::int32_t> a = idsOf(engineList(*dot_, reader_, config));
        const std::vector<std::int32_t> b = idsOf(engineList(*ranking_, reader_, config));
        QCOMPARE(pane->first()->table()->books(), a);
        QCOMPARE(pane->second()->table()->books(), b);
        std::set<std::int32_t> shared;
        for (std::int32_t id : a)
            if (std::find(b.begin(), b.end(), id) != b.end())
                shared.insert(id);
        QCOMPARE(pane->sharedBooks(), shared);
        for (RecommendationTable* table : {pane->first()->table(), pane->second()->table()})
            for (int row = 0; row < table->rowCount(); ++row) {
                const bool highlighted =
                    table->item(row, RecommendationTable::TitleColumn)->background().color() ==
                    RecommendationTable::sharedColour();
                QCOMPARE(highlighted, shared.count(bookIdAt(table, row)) != 0);
            }
        QVERIFY(!pane->commonLabel()->isHidden());
        QCOMPARE(pane->commonLabel()->text(), QStringLiteral("%1 book%2 in common")
                                                  .arg(shared.size())
                                                  .arg(shared.size() == 1 ? "" : "s"));
        // Compact columns so two lists fit; back to one list, back to every column.
        QVERIFY(pane->first()->table()->isColumnHidden(RecommendationTable::AuthorsColumn));
        pane->setComparing(false);
        QVERIFY(pane->second()->isHidden());
        QVERIFY(!pane->first()->table()->isColumnHidden(RecommendationTable::AuthorsColumn));
        QVERIFY(pane->sharedBooks().empty());
    }

    void theExportHoldsTheLists() {
        auto w = workspace(true);
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        pane->topBox()->setValue(5);
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(settle(panel));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("list.csv"));
        QVERIFY(pane->exportCsv(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines[0].startsWith(QStringLiteral("reader,run,rank,book_id,title,authors")));
        const std::vector<std::int32_t>& books = pane->first()->table()->books();
        for (int i = 1; i <= 5; ++i) {
            const QStringList fields = csvFields(lines[i]);
            QCOMPARE(fields.size(), 15);
            QCOMPARE(fields[0], QString::number(reader_));
            QCOMPARE(fields[1], w->runs()->label(1));
            QCOMPARE(fields[2], QString::number(i));
            QCOMPARE(fields[3].toInt(), books[static_cast<std::size_t>(i - 1)]);
        }
        // Comparing: both lists, and which books both hold.
        pane->setComparing(true);
        pane->setSecondRun(2);
        QVERIFY(settle(panel));
        QVERIFY(pane->exportCsv(path));
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList both = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(both.size(), 11);
        QVERIFY(both[0].endsWith(QStringLiteral(",in_both")));
        int inBoth = 0;
        for (int i = 1; i < both.size(); ++i)
            inBoth += both[i].endsWith(QStringLiteral(",1"));
        QCOMPARE(inBoth, static_cast<int>(2 * pane->sharedBooks().size()));
        // A path that cannot be written is refused with its reason.
        QString error;
        QVERIFY(!pane->exportCsv(QStringLiteral("/nonexistent-shelfscope/list.csv"), &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent-shelfscope/list.csv")),
                 qPrintable(error));
    }

    void anUnknownReaderIsRefusedByName_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown id")
            << "999999"
            << "There is no reader 999999 in 'Demo library (synthetic ratings)': its 300 "
               "readers have ids from 1 to 300.";
        QTest::newRow("no id") << ""
                               << "Give a reader's id";
    }
    void anUnknownReaderIsRefusedByName() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto w = workspace();
        ReadersPanel panel(w.get());
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(!panel.picker()->chooseText(text));
        QVERIFY2(panel.picker()->messageLabel()->text().contains(message),
                 qPrintable(panel.picker()->messageLabel()->text()));
        QCOMPARE(w->reader().userId, reader_); // the reader shown stays
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(panel.picker()->messageLabel()->text().isEmpty());
    }

    void aReaderUnknownToTheModelGetsTheEnginesMessage() {
        // A run trained on another demo library: the reader ids match, the fingerprint not.
        const LoadedDataset other = demoLibrary(12);
        auto w = std::make_unique<Workspace>();
        w->setDataset(other);
        w->runs()->addFinished(dot_);
        w->setActiveRun(1);
        ReadersPanel panel(w.get());
        QVERIFY(panel.picker()->chooseText(QStringLiteral("1")));
        QVERIFY(settle(panel));
        const QString message = panel.recommendations()->first()->message();
        QVERIFY2(message.contains(QStringLiteral("another data set")), qPrintable(message));
    }

    void aRandomReaderIsAReaderOfTheDataSet() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        ReaderPicker* picker = panel.picker();
        picker->setRandomSeed(5);
        std::vector<std::int32_t> picks;
        for (int i = 0; i < 20; ++i) {
            const std::int32_t id = picker->pickRandom();
            QVERIFY(library_.shelves->knows(id));
            QCOMPARE(w->reader().userId, id);
            QCOMPARE(picker->idEdit()->text(), QString::number(id));
            picks.push_back(id);
        }
        QVERIFY(std::set<std::int32_t>(picks.begin(), picks.end()).size() > 10);
        picker->setRandomSeed(5); // the same seed, the same readers
        for (std::int32_t id : picks)
            QCOMPARE(picker->pickRandom(), id);
    }

    void theReaderListSortsByNumbers_data() {
        QTest::addColumn<int>("column");
        QTest::newRow("rated") << static_cast<int>(ReadersModel::RatingsColumn);
        QTest::newRow("to read") << static_cast<int>(ReadersModel::ToReadColumn);
        QTest::newRow("mean") << static_cast<int>(ReadersModel::MeanColumn);
    }
    void theReaderListSortsByNumbers() {
        QFETCH(int, column);
        auto w = workspace();
        ReadersPanel panel(w.get());
        QTableView* list = panel.picker()->list();
        QCOMPARE(list->model()->rowCount(), 300);
        list->sortByColumn(column, Qt::DescendingOrder);
        for (int row = 1; row < list->model()->rowCount(); ++row)
            QVERIFY(list->model()->index(row - 1, column).data(ReadersModel::SortRole).toDouble() >=
                    list->model()->index(row, column).data(ReadersModel::SortRole).toDouble());
        // A click on a row shows that reader.
        const QModelIndex third = list->model()->index(2, 0);
        list->setCurrentIndex(third);
        QCOMPARE(w->reader().userId, third.data(ReadersModel::SortRole).toInt());
    }

    void aBookClickedInAListIsSelectedEverywhere() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        RecommendationsPane* pane = panel.recommendations();
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QVERIFY(settle(panel));
        RecommendationTable* table = pane->first()->table();
        const QRect cell = table->visualItemRect(table->item(2, RecommendationTable::TitleColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        const std::int32_t book = table->books()[2];
        QCOMPARE(w->currentBook(), book);
        // The similar books are the model's neighbours of that book.
        const Recommender recommender(*dot_->model, dot_->metadata, *library_.dataset,
                                      library_.shelves);
        std::vector<std::int32_t> neighbours;
        for (const SimilarBook& s : recommender.similarBooks(book, 10))
            neighbours.push_back(s.book.id);
        QCOMPARE(pane->similarView()->books(), neighbours);
        // A book selected elsewhere (the map) is selected in the shelf when it is there.
        const std::int32_t ratedBook = bookIdAt(panel.shelfView()->ratedTable(), 0);
        w->selectBook(ratedBook);
        QCOMPARE(panel.shelfView()->ratedTable()->currentRow(), 0);
    }

    void showOnMapAsksForTheMap() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        QVERIFY(panel.picker()->chooseText(QString::number(reader_)));
        QSignalSpy asked(&panel, &ReadersPanel::showOnMapRequested);
        QTest::mouseClick(panel.recommendations()->showOnMapButton(), Qt::LeftButton);
        QCOMPARE(asked.count(), 1);
    }

    void settingsSurviveANewPanel() {
        const RatedBooks shelf{{9, 2.0f}, {3, 5.0f}};
        {
            auto w = workspace();
            ReadersPanel panel(w.get());
            panel.resize(1200, 700);
            panel.show();
            RecommendationsPane* pane = panel.recommendations();
            pane->topBox()->setValue(37);
            pane->includeRatedBox()->setChecked(true);
            pane->excludeToReadBox()->setChecked(true);
            pane->blendSlider()->setBlend(-0.75);
            panel.newReaderEditor()->setShelf(shelf);
        }
        auto w = workspace();
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        QCOMPARE(pane->topBox()->value(), 37);
        QVERIFY(pane->includeRatedBox()->isChecked());
        QVERIFY(pane->excludeToReadBox()->isChecked());
        QVERIFY(!pane->blendFollowsModel());
        QCOMPARE(pane->blendSlider()->blend(), -0.75);
        QCOMPARE(pane->config().popularityBlend.value_or(0.0f), -0.75f);
        QCOMPARE(panel.newReaderEditor()->shelf(), shelf);
        // "Model's own" returns the slider to the model and is remembered too.
        pane->modelBlendButton()->click();
        QVERIFY(pane->blendFollowsModel());
        QVERIFY(!pane->config().popularityBlend.has_value());
        ReadersPanel again(w.get());
        QVERIFY(again.recommendations()->blendFollowsModel());
    }

    void theLayoutSurvivesARestart() {
        QList<int> sizes;
        {
            MainWindow window;
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.showTab(MainWindow::ReadersTab);
            window.readersPanel()->mainSplitter()->setSizes({420, 820});
            window.readersPanel()->rightSplitter()->setSizes({300, 400});
            sizes = window.readersPanel()->mainSplitter()->sizes() +
                    window.readersPanel()->rightSplitter()->sizes();
            window.close(); // as the user quits
        }
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.findChild<QTabWidget*>()->currentIndex(),
                 static_cast<int>(MainWindow::ReadersTab));
        QCOMPARE(window.readersPanel()->mainSplitter()->sizes() +
                     window.readersPanel()->rightSplitter()->sizes(),
                 sizes);
    }
};

QTEST_MAIN(TestReadersPanel)
#include "tst_readerspanel.moc"
