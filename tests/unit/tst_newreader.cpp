#include "Automation.h"
#include "BookTable.h"
#include "NewReaderEditor.h"
#include "ReaderPicker.h"
#include "ReadersFixture.h"
#include "RecommendationTable.h"
#include "RunRecommendations.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace readers_test;

class TestNewReader : public QObject, ReadersFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUp(); }
    void init() { QSettings().clear(); }

    void aNewReadersListChangesAsTheyRate() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        NewReaderEditor* editor = panel.newReaderEditor();
        QTest::mouseClick(panel.picker()->newReaderButton(), Qt::LeftButton);
        QVERIFY(panel.showingEditor());
        QCOMPARE(w->reader().kind, ReaderChoice::Kind::New);
        QVERIFY(settle(panel));
        QVERIFY(!pane->first()->outcome()); // nothing rated yet
        QVERIFY(pane->first()->message().contains(QStringLiteral("Rate a few books")));

        const Recommender recommender(*dot_->model, dot_->metadata, *library_.dataset,
                                      library_.shelves);
        const std::int32_t first = library_.dataset->ratings.books.rawId(0);
        editor->rateBook(first, 5.0f);
        QCOMPARE(w->reader().shelf, (RatedBooks{{first, 5.0f}}));
        QVERIFY(settle(panel));
        QVERIFY2(pane->first()->outcome(), qPrintable(pane->first()->message()));
        const std::vector<std::int32_t> one = pane->first()->table()->books();
        QCOMPARE(one, idsOf(recommender.forNewReader({{first, 5.0f}}, pane->config())));
        QCOMPARE(static_cast<int>(one.size()), pane->topBox()->value());
        QVERIFY(std::find(one.begin(), one.end(), first) == one.end());

        // Rating a listed book must move the list: rated books are left out.
        const std::int32_t second = one.front();
        editor->rateBook(second, 1.0f);
        QVERIFY(settle(panel));
        const std::vector<std::int32_t> two = pane->first()->table()->books();
        QCOMPARE(two,
                 idsOf(recommender.forNewReader({{first, 5.0f}, {second, 1.0f}}, pane->config())));
        QVERIFY(two != one);
        for (std::int32_t rated : {first, second})
            QVERIFY(std::find(two.begin(), two.end(), rated) == two.end());

        // The stars box rates too, and removing a book takes it off the reader's shelf.
        QCOMPARE(editor->table()->rowCount(), 2);
        editor->starsBox(1)->setValue(4);
        QCOMPARE(w->reader().shelf, (RatedBooks{{first, 5.0f}, {second, 4.0f}}));
        QVERIFY(settle(panel));
        QCOMPARE(pane->first()->table()->books(),
                 idsOf(recommender.forNewReader({{first, 5.0f}, {second, 4.0f}}, pane->config())));
        editor->removeBook(first);
        QCOMPARE(w->reader().shelf, (RatedBooks{{second, 4.0f}}));
        QVERIFY(settle(panel));
        QCOMPARE(pane->first()->table()->books(),
                 idsOf(recommender.forNewReader({{second, 4.0f}}, pane->config())));
    }

    void rapidRatingsEndWithTheLatestList() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        RecommendationsPane* pane = panel.recommendations();
        panel.picker()->newReaderButton()->click();
        const auto& ids = library_.dataset->ratings.books.rawIds();
        RatedBooks expected;
        // Faster than the lists can be computed: only the last shelf's list may stay.
        for (std::size_t i = 0; i < 12; ++i) {
            const float stars = static_cast<float>(1 + i % 5);
            panel.newReaderEditor()->rateBook(ids[i * 7], stars);
            expected.emplace_back(ids[i * 7], stars);
        }
        QVERIFY(settle(panel));
        const Recommender recommender(*dot_->model, dot_->metadata, *library_.dataset,
                                      library_.shelves);
        QCOMPARE(pane->first()->table()->books(),
                 idsOf(recommender.forNewReader(expected, pane->config())));
    }

    void aShelfSavedAndOpenedIsTheSame() {
        auto w = workspace();
        ReadersPanel panel(w.get());
        NewReaderEditor* editor = panel.newReaderEditor();
        panel.picker()->newReaderButton()->click();
        const RatedBooks shelf{{17, 3.0f}, {4, 5.0f}, {60, 1.0f}};
        editor->setShelf(shelf);
        QCOMPARE(w->reader().shelf, shelf);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.csv"));
        QVERIFY(editor->saveShelf(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("book_id,rating\n17,3\n4,5\n60,1\n"));
        editor->clearShelf();
        QVERIFY(editor->shelf().empty());
        QVERIFY(w->reader().shelf.empty());
        QVERIFY(editor->openShelf(path));
        QCOMPARE(editor->shelf(), shelf);
        QCOMPARE(w->reader().shelf, shelf);
    }

    void aBadShelfFileSaysWhereAndWhy_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("problem");
        QTest::newRow("duplicate")
            << "duplicate_book.csv" << 4 << "duplicate book id (first seen on line 2)";
        QTest::newRow("half star") << "half_star.csv" << 2 << "whole number of stars";
        QTest::newRow("no header") << "missing_header.csv" << 1 << "missing header";
        QTest::newRow("wrong fields") << "wrong_field_count.csv" << 3 << "wrong number of fields";
    }
    void aBadShelfFileSaysWhereAndWhy() {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        auto w = workspace();
        ReadersPanel panel(w.get());
        NewReaderEditor* editor = panel.newReaderEditor();
        const RatedBooks before{{5, 4.0f}};
        editor->setShelf(before);
        const QString path = QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/shelves/") + file;
        QVERIFY(!editor->openShelf(path));
        const QString message = editor->messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("%1:%2: ").arg(path).arg(line)),
                 qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
        QCOMPARE(editor->shelf(), before); // a bad file changes nothing
    }

    void theNewReaderOptionTakesBookStarsPairs_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<RatedBooks>("expected");
        QTest::newRow("two") << "2:5,25:4" << true << RatedBooks{{2, 5.0f}, {25, 4.0f}};
        QTest::newRow("spaces") << " 7:1 , 9:3" << true << RatedBooks{{7, 1.0f}, {9, 3.0f}};
        QTest::newRow("no stars") << "2" << false << RatedBooks{};
        QTest::newRow("half star") << "2:4.5" << false << RatedBooks{};
        QTest::newRow("zero id") << "0:5" << false << RatedBooks{};
        QTest::newRow("empty") << "" << false << RatedBooks{};
    }
    void theNewReaderOptionTakesBookStarsPairs() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(RatedBooks, expected);
        RatedBooks ratings;
        QString error;
        QCOMPARE(parseRatingsOption(text, &ratings, &error), valid);
        if (valid)
            QCOMPARE(ratings, expected);
        else
            QVERIFY2(error.startsWith(QStringLiteral("--new-reader")), qPrintable(error));
    }
};

QTEST_MAIN(TestNewReader)
#include "tst_newreader.moc"
