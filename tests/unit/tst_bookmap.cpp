#include "demo/DemoGenerator.h"
#include "io/DataError.h"
#include "maps/BookMap.h"
#include "train/Presets.h"
#include "train/TrainedRun.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

/// A demo library with planted genres and a model trained on it long enough to learn them.
struct Trained {
    Dataset dataset;
    BookEmbeddings books;
};

const Trained& trained() {
    static const Trained value = [] {
        DemoConfig demo;
        demo.users = 1500;
        demo.books = 400;
        demo.ratings = 60000;
        demo.genres = 6;
        Trained t;
        t.dataset = generateDemoLibrary(demo).dataset;
        ExperimentConfig config = findPreset("tuned-dot")->config;
        config.train.epochs = 8;
        const TrainedRun run = trainRun(t.dataset, config, "tuned-dot");
        t.books = bookEmbeddingsOf(*run.model, run.metadata.bookRawIds);
        return t;
    }();
    return value;
}

BookMapConfig quick(MapMethod method) {
    BookMapConfig config;
    config.method = method;
    config.tsne.perplexity = 20;
    config.tsne.iterations = 300;
    config.umap.epochs = 100;
    return config;
}

} // namespace

class TestBookMap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // A model of 10 books or fewer is measured among half its other books (it got a 10-NN kept
    // of 0 and no genre agreement, which the Map tab showed as "keeps 0.000"); with every other
    // book a neighbour, any map would keep all of them, so two books are not measured.
    void fewBooksAreMeasuredAmongThemselves_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("neighbours");
        QTest::newRow("2 books") << 2 << 0;
        QTest::newRow("3 books") << 3 << 1;
        QTest::newRow("4 books") << 4 << 1;
        QTest::newRow("10 books") << 10 << 4;
        QTest::newRow("11 books") << 11 << 10;
    }

    void fewBooksAreMeasuredAmongThemselves() {
        QFETCH(int, count);
        QFETCH(int, neighbours);
        const Trained& t = trained();
        BookEmbeddings few;
        few.bookIds.assign(t.books.bookIds.begin(), t.books.bookIds.begin() + count);
        few.rows = t.books.rows.topRows(count);
        const BookMapResult map = computeBookMap(few, t.dataset.books, quick(MapMethod::Pca));
        QCOMPARE(map.neighbours, neighbours);
        QCOMPARE(map.xy.size(), static_cast<std::size_t>(2 * count));
        if (neighbours == 0) {
            QVERIFY(!map.genres.has_value());
            return;
        }
        QVERIFY(map.kept >= 0.0 && map.kept <= 1.0);
        QVERIFY(map.genres.has_value());
        QCOMPARE(map.genres->k, neighbours);
        QCOMPARE(map.genres->labelled, static_cast<std::size_t>(count));
    }

    void everyMethodMapsEveryBookAndMeasuresIt_data() {
        QTest::addColumn<int>("method");
        QTest::newRow("pca") << static_cast<int>(MapMethod::Pca);
        QTest::newRow("tsne") << static_cast<int>(MapMethod::Tsne);
        QTest::newRow("umap") << static_cast<int>(MapMethod::Umap);
    }

    void everyMethodMapsEveryBookAndMeasuresIt() {
        QFETCH(int, method);
        const Trained& t = trained();
        int snapshots = 0;
        const BookMapResult map =
            computeBookMap(t.books, t.dataset.books, quick(static_cast<MapMethod>(method)),
                           [&](const BookMapSnapshot& s) {
                               ++snapshots;
                               QCOMPARE(s.xy.size(), t.books.bookIds.size() * 2);
                           });
        QCOMPARE(map.xy.size(), t.books.bookIds.size() * 2);
        for (float v : map.xy)
            QVERIFY(std::isfinite(v));
        QVERIFY(map.kept > 0.0 && map.kept <= 1.0);
        // The demo's books all have genres, and a model that learned them keeps genres together
        // on a neighbourhood map far above what a map ignoring them would.
        QVERIFY(map.genres.has_value());
        QCOMPARE(map.genres->labelled, t.books.bookIds.size());
        if (static_cast<MapMethod>(method) != MapMethod::Pca) {
            QVERIFY(snapshots > 0);
            QVERIFY2(map.genres->agreement > 2.0 * map.genres->chance,
                     qPrintable(QStringLiteral("%1 vs chance %2")
                                    .arg(map.genres->agreement)
                                    .arg(map.genres->chance)));
        } else {
            QCOMPARE(map.explained.size(), std::size_t{2});
        }
        QCOMPARE(map.method, static_cast<MapMethod>(method));
    }

    void aGivenStartIsContinued() {
        const Trained& t = trained();
        const BookMapResult first =
            computeBookMap(t.books, t.dataset.books, quick(MapMethod::Tsne));
        BookMapConfig next = quick(MapMethod::Tsne);
        next.tsne.iterations = 1;
        next.initialLayout.resize(static_cast<Eigen::Index>(t.books.bookIds.size()), 2);
        for (Eigen::Index i = 0; i < next.initialLayout.rows(); ++i) {
            next.initialLayout(i, 0) = first.xy[2 * static_cast<std::size_t>(i)];
            next.initialLayout(i, 1) = first.xy[2 * static_cast<std::size_t>(i) + 1];
        }
        const BookMapResult continued = computeBookMap(t.books, t.dataset.books, next);
        double moved = 0.0;
        double spread = 0.0;
        for (std::size_t i = 0; i < first.xy.size(); ++i) {
            moved = std::max(moved, static_cast<double>(std::abs(continued.xy[i] - first.xy[i])));
            spread = std::max(spread, static_cast<double>(std::abs(first.xy[i])));
        }
        QVERIFY2(moved < 0.05 * spread, qPrintable(QString::number(moved / spread)));
    }

    void booksWithoutGenresGiveNoAgreement() {
        const Trained& t = trained();
        BookCatalog bare; // no catalogue at all: every book is "Book #id" without a genre
        const BookMapResult map = computeBookMap(t.books, bare, quick(MapMethod::Pca));
        QVERIFY(!map.genres.has_value());
        QVERIFY(map.kept > 0.0);
    }

    void aCancelStopsTheMap() {
        const Trained& t = trained();
        std::atomic<bool> cancel{false};
        BookMapConfig config = quick(MapMethod::Tsne);
        config.tsne.iterations = 5000;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled,
                                 computeBookMap(
                                     t.books, t.dataset.books, config,
                                     [&](const BookMapSnapshot&) { cancel = true; }, cancel));
    }
};

QTEST_APPLESS_MAIN(TestBookMap)
#include "tst_bookmap.moc"
