#include "recommend/FoldIn.h"
#include "recommend/Recommender.h"
#include "recommend/TitleSearch.h"

#include <QTest>

using namespace shelfscope;

namespace {

/// Readers 10 and 20, books 1 to 5. Reader 10 rated book 1 (5 stars) and book 2 (2 stars) and
/// wants to read book 4; reader 20 rated book 3.
Dataset tinyLibrary() {
    Dataset dataset;
    dataset.name = "tiny";
    RatingTable& t = dataset.ratings;
    t.users = IdIndex::fromRawIds(std::vector<std::int32_t>{10, 20});
    t.books = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3, 4, 5});
    t.userIndex = {0, 0, 1};
    t.bookIndex = {0, 1, 2};
    t.rating = {5, 2, 4};
    dataset.toRead.userIndex = {0};
    dataset.toRead.bookIndex = {3};
    for (int id = 1; id <= 5; ++id) {
        Book book;
        book.id = id;
        book.title = "Title " + std::to_string(id);
        book.authors = "Author " + std::to_string(id);
        book.year = 2000 + id;
        book.averageRating = 3.5f;
        dataset.books.add(book);
    }
    return dataset;
}

/// A dot model whose scores for reader 10 are 5, 2, 3, 4, 3 for books 1 to 5.
std::unique_ptr<Model> tinyModel(ModelMetadata& metadata) {
    ModelConfig config;
    config.dim = 2;
    std::unique_ptr<Model> model = createModel(config, 2, 5, 1);
    Matrix& users = model->parameters()[0].values;
    Matrix& books = model->parameters()[1].values;
    users << 1, 0, 0, 1;
    books << 5, 0, 2, 0, 3, 0, 4, 0, 3, 1;
    metadata.config = config;
    metadata.userRawIds = {10, 20};
    metadata.bookRawIds = {1, 2, 3, 4, 5};
    return model;
}

QList<int> ids(const RecommendResult& result) {
    QList<int> list;
    for (const Recommendation& r : result.items)
        list << r.book.id;
    return list;
}

} // namespace

class TestRecommend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void topBooksExcludeRatedAndMapIds_data() {
        QTest::addColumn<bool>("excludeRated");
        QTest::addColumn<bool>("excludeToRead");
        QTest::addColumn<int>("top");
        QTest::addColumn<QList<int>>("expected");
        // Book 4 scores 4; books 3 and 5 tie at 3 and come in id order.
        QTest::newRow("default") << true << false << 10 << QList<int>{4, 3, 5};
        QTest::newRow("to-read excluded") << true << true << 10 << QList<int>{3, 5};
        QTest::newRow("rated included") << false << false << 10 << QList<int>{1, 4, 3, 5, 2};
        QTest::newRow("top 2") << true << false << 2 << QList<int>{4, 3};
    }

    void topBooksExcludeRatedAndMapIds() {
        QFETCH(bool, excludeRated);
        QFETCH(bool, excludeToRead);
        QFETCH(int, top);
        QFETCH(QList<int>, expected);
        const Dataset dataset = tinyLibrary();
        ModelMetadata metadata;
        const auto model = tinyModel(metadata);
        const Recommender recommender(*model, metadata, dataset);
        RecommendConfig config;
        config.excludeRated = excludeRated;
        config.toRead = excludeToRead ? ToReadPolicy::Exclude : ToReadPolicy::Flag;
        config.top = top;
        const RecommendResult result = recommender.forReader(10, config);
        QCOMPARE(ids(result), expected);
        QCOMPARE(result.ratedExcluded, std::size_t{excludeRated ? 2u : 0u});
        QCOMPARE(result.toReadExcluded, std::size_t{excludeToRead ? 1u : 0u});
        for (const Recommendation& r : result.items) {
            QCOMPARE(r.onToReadList, r.book.id == 4);
            QCOMPARE(r.book.title, "Title " + std::to_string(r.book.id));
            QCOMPARE(r.book.year.value(), 2000 + r.book.id);
            QCOMPARE(r.predictedRating, model->predict(0, r.book.id - 1));
        }
    }

    void explainsByTheClosestLikedBook() {
        const Dataset dataset = tinyLibrary();
        ModelMetadata metadata;
        const auto model = tinyModel(metadata);
        const RecommendResult result = Recommender(*model, metadata, dataset).forReader(10);
        QCOMPARE(result.because, BecauseKind::LikedNearest);
        // Reader 10 liked only book 1 (5 stars; book 2 got 2), so every reason is book 1, with
        // the cosine of the two embeddings.
        for (const Recommendation& r : result.items) {
            QVERIFY(r.because.has_value());
            QCOMPARE(r.because->id, 1);
        }
        QCOMPARE(result.items[0].becauseSimilarity, 1.0f); // book 4: (4, 0)
        QVERIFY(std::abs(result.items[2].becauseSimilarity - 3.0f / std::sqrt(10.0f)) < 1e-6f);
    }

    void aBookFacingAwayHasNoReason() {
        // The nearest liked book is no reason when it points the other way: a cosine at or
        // below 0 leaves the book without "because you liked".
        const Dataset dataset = tinyLibrary();
        ModelMetadata metadata;
        const auto model = tinyModel(metadata);
        model->parameters()[1].values.row(3) << -4, 0; // book 4 faces away from book 1 (5, 0)
        model->parameters()[1].values.row(2) << 0, 3;  // book 3 is at right angles to it
        const RecommendResult result = Recommender(*model, metadata, dataset).forReader(10);
        QCOMPARE(ids(result), (QList<int>{5, 3, 4})); // scores 3, 0, -4
        QVERIFY(result.items[0].because.has_value());
        QCOMPARE(result.items[0].because->id, 1);
        QVERIFY(result.items[0].becauseSimilarity > 0.9f);
        QVERIFY(!result.items[1].because.has_value());
        QVERIFY(!result.items[2].because.has_value());
    }

    void similarBooksByCosine() {
        const Dataset dataset = tinyLibrary();
        ModelMetadata metadata;
        const auto model = tinyModel(metadata);
        const Recommender recommender(*model, metadata, dataset);
        const std::vector<SimilarBook> similar = recommender.similarBooks(3, 4);
        QCOMPARE(similar.size(), std::size_t{4});
        QCOMPARE(similar[0].book.id, 1); // 1, 2 and 4 are parallel to 3: ties by id
        QCOMPARE(similar[1].book.id, 2);
        QCOMPARE(similar[2].book.id, 4);
        QCOMPARE(similar[3].book.id, 5);
        QCOMPARE(similar[0].similarity, 1.0f);
        QVERIFY(std::abs(similar[3].similarity - 3.0f / std::sqrt(10.0f)) < 1e-6f);
    }

    void unknownIdsAreRefused() {
        const Dataset dataset = tinyLibrary();
        ModelMetadata metadata;
        const auto model = tinyModel(metadata);
        const Recommender recommender(*model, metadata, dataset);
        try {
            recommender.forReader(99);
            QFAIL("an unknown reader was accepted");
        } catch (const std::invalid_argument& error) {
            QVERIFY(QString::fromUtf8(error.what()).contains(QStringLiteral("reader 99")));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommender.similarBooks(77));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommender.forNewReader({}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommender.forNewReader({{77, 4.0f}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommender.forNewReader({{1, 9.0f}}));
    }

    void foldInRecoversAPlantedReader_data() {
        QTest::addColumn<bool>("biases");
        QTest::newRow("plain") << false;
        QTest::newRow("biases") << true;
    }

    void foldInRecoversAPlantedReader() {
        QFETCH(bool, biases);
        ModelConfig config;
        config.dim = 4;
        config.biases = biases;
        std::unique_ptr<Model> model = createModel(config, 3, 50, 5);
        Random random(9);
        for (Eigen::Index b = 0; b < 50; ++b)
            for (Eigen::Index c = 0; c < 4; ++c)
                model->parameters()[1].values(b, c) = static_cast<float>(random.uniform(-1, 1));
        if (biases) {
            model->setGlobalOffset(3.5f);
            for (Eigen::Index b = 0; b < 50; ++b)
                model->parameters()[3].values(b, 0) = static_cast<float>(random.uniform(-0.5, 0.5));
        }
        const Eigen::RowVector4f planted(0.5f, -1.0f, 2.0f, 0.3f);
        const float plantedBias = biases ? 0.4f : 0.0f;
        std::vector<std::int32_t> books;
        std::vector<float> ratings;
        for (std::int32_t b = 0; b < 20; ++b) {
            books.push_back(b * 2);
            float r = model->globalOffset() + plantedBias +
                      planted.dot(model->bookEmbeddings().row(b * 2));
            if (biases)
                r += model->parameters()[3].values(b * 2, 0);
            ratings.push_back(r);
        }
        FoldInConfig foldIn;
        foldIn.l2 = 1e-5f;
        const std::unique_ptr<Model> reader = foldInReader(*model, books, ratings, foldIn);
        QCOMPARE(reader->userRows(), 1);
        QVERIFY2((reader->userEmbeddings().row(0) - planted).norm() < 1e-3f,
                 qPrintable(QStringLiteral("distance %1")
                                .arg((reader->userEmbeddings().row(0) - planted).norm())));
        if (biases)
            QVERIFY(std::abs(reader->parameters()[2].values(0, 0) - plantedBias) < 1e-3f);
        // The book side is untouched: a book the reader did not rate is predicted as planted.
        const float expected = model->globalOffset() + plantedBias +
                               planted.dot(model->bookEmbeddings().row(1)) +
                               (biases ? model->parameters()[3].values(1, 0) : 0.0f);
        QVERIFY(std::abs(reader->predict(0, 1) - expected) < 1e-3f);
    }

    void foldInFitsANeuralReader() {
        // A network whose book embeddings differ enough for the reader's vector to matter; the
        // planted reader sits in user row 0 and rates 30 of the 60 books.
        ModelConfig config;
        config.kind = ModelKind::Neural;
        config.dim = 4;
        config.hidden = {16, 8};
        config.biases = true;
        config.embeddingInitScale = 1.0f;
        std::unique_ptr<Model> model = createModel(config, 3, 60, 5);
        model->setGlobalOffset(3.5f);
        model->parameters()[0].values.row(0) << 0.8f, -0.6f, 0.9f, -0.2f;
        std::vector<std::int32_t> books;
        std::vector<float> ratings;
        for (std::int32_t b = 0; b < 60; b += 2) {
            books.push_back(b);
            ratings.push_back(model->predict(0, b));
        }
        FoldInConfig foldIn;
        foldIn.l2 = 1e-4f;
        const std::unique_ptr<Model> reader = foldInReader(*model, books, ratings, foldIn);
        FoldInConfig none = foldIn;
        none.steps = 0;
        const std::unique_ptr<Model> unfitted = foldInReader(*model, books, ratings, none);
        // Judged on the 30 books the reader did not rate.
        double fitted = 0.0;
        double baseline = 0.0;
        for (std::int32_t b = 1; b < 60; b += 2) {
            fitted += std::pow(reader->predict(0, b) - model->predict(0, b), 2.0);
            baseline += std::pow(unfitted->predict(0, b) - model->predict(0, b), 2.0);
        }
        QVERIFY2(
            fitted < 0.1 * baseline,
            qPrintable(QStringLiteral("held-out error %1, unfitted %2").arg(fitted).arg(baseline)));
        // Only the reader side moved.
        QCOMPARE(reader->bookEmbeddings(), model->bookEmbeddings());
        QCOMPARE(reader->parameters().back().values, model->parameters().back().values);
    }

    void foldingIgnoresCaseAndAccents_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("folded");
        QTest::newRow("ascii") << "Harry POTTER"
                               << "harry potter";
        QTest::newRow("latin-1") << "Les Misérables, Ærø, Straße"
                                 << "les miserables, aero, strasse";
        QTest::newRow("extended-a") << "Łódź Œuvre"
                                    << "lodz oeuvre";
        QTest::newRow("other scripts pass") << "Война и мир"
                                            << "Война и мир";
    }

    void foldingIgnoresCaseAndAccents() {
        QFETCH(QString, text);
        QFETCH(QString, folded);
        QCOMPARE(QString::fromStdString(foldForSearch(text.toStdString())), folded);
    }

    void titleSearchFindsSubstrings() {
        BookCatalog catalogue;
        const auto add = [&](std::int32_t id, const char* title, std::int64_t count,
                             const char* original = "") {
            Book book;
            book.id = id;
            book.title = title;
            book.originalTitle = original;
            book.ratingsCount = count;
            catalogue.add(book);
        };
        add(1, "Les Misérables", 500);
        add(2, "The Miserable Mill (A Series of Unfortunate Events, #4)", 900);
        add(3, "Misery", 100);
        add(4, "Anna Karenina", 50, "Анна Каренина");
        const TitleSearch search(catalogue);
        QCOMPARE(search.find("MISERABLE"), (std::vector<std::int32_t>{2, 1}));
        QCOMPARE(search.find("misé"), (std::vector<std::int32_t>{3, 2, 1})); // prefix first
        QCOMPARE(search.find("Каренина"), (std::vector<std::int32_t>{4}));
        QCOMPARE(search.find("mis", 1), (std::vector<std::int32_t>{3}));
        QVERIFY(search.find("").empty());
        QVERIFY(search.find("nothing like it").empty());
    }

    void searchCompletesTitlesThenAuthors() {
        BookCatalog catalogue;
        const auto add = [&](std::int32_t id, const char* title, const char* authors,
                             std::int64_t count) {
            Book book;
            book.id = id;
            book.title = title;
            book.authors = authors;
            book.ratingsCount = count;
            catalogue.add(book);
        };
        add(1, "Emma", "Jane Austen", 100);
        add(2, "Persuasion", "Jane Austen", 300);
        add(3, "Austenland", "Shannon Hale", 50);
        add(4, "Jane Eyre", "Charlotte Brontë", 900);
        add(5, "Longbourn", "Jo Baker, after Jane Austen", 20);
        const TitleSearch search(catalogue);
        // Titles first (prefix before inside), then authors (prefix before inside).
        QCOMPARE(search.findTitleOrAuthor("austen"), (std::vector<std::int32_t>{3, 2, 1, 5}));
        QCOMPARE(search.findTitleOrAuthor("jane"), (std::vector<std::int32_t>{4, 2, 1, 5}));
        QCOMPARE(search.findTitleOrAuthor("BRONTE"), (std::vector<std::int32_t>{4}));
        QCOMPARE(search.find("austen"), (std::vector<std::int32_t>{3})); // titles only
        QCOMPARE(search.findTitleOrAuthor("austen", 2), (std::vector<std::int32_t>{3, 2}));
    }

    void rankingFoldInFollowsLikesAndDislikes() {
        // Books 0-9 point along x, books 10-19 along y: a reader who loves some x books should
        // be pointed along x, and one who hates them away from x.
        ModelConfig config;
        config.dim = 2;
        config.biases = true;
        std::unique_ptr<Model> model = createModel(config, 1, 20, 3);
        Matrix& books = model->parameters()[1].values;
        for (int b = 0; b < 20; ++b)
            books.row(b) << (b < 10 ? 1.0f : 0.0f), (b < 10 ? 0.0f : 1.0f);
        const std::vector<std::int32_t> rated{0, 1, 2};
        FoldInConfig foldIn;
        foldIn.ranking = true;
        const auto lover = foldInReader(*model, rated, std::vector<float>{5, 5, 4}, foldIn);
        const auto hater = foldInReader(*model, rated, std::vector<float>{1, 1, 2}, foldIn);
        QVERIFY(lover->userEmbeddings()(0, 0) > 0.5f);
        QVERIFY(lover->userEmbeddings()(0, 0) > lover->userEmbeddings()(0, 1));
        QVERIFY(hater->userEmbeddings()(0, 0) < -0.5f);
        // Middling ratings say nothing: the vector stays at zero.
        const auto unsure = foldInReader(*model, rated, std::vector<float>{3, 3, 3}, foldIn);
        QCOMPARE(unsure->userEmbeddings().row(0).norm(), 0.0f);
        // The same seed gives the same reader.
        const auto again = foldInReader(*model, rated, std::vector<float>{5, 5, 4}, foldIn);
        QCOMPARE(again->userEmbeddings(), lover->userEmbeddings());
    }

    void recommenderFoldsRankingReadersByRank() {
        const Dataset dataset = tinyLibrary();
        ModelMetadata metadata;
        const auto model = tinyModel(metadata); // books 1-4 along x, book 5 partly along y
        metadata.notes["objective"] = "ranking";
        const Recommender recommender(*model, metadata, dataset);
        RecommendConfig config;
        config.popularityBlend = 0.0f;
        // Loving book 1 (5, 0) puts the unrated book furthest along x first, book 4 (4, 0);
        // hating it, the one least along x, book 2 (2, 0).
        const RecommendResult loves = recommender.forNewReader({{1, 5.0f}}, config);
        const RecommendResult hates = recommender.forNewReader({{1, 1.0f}}, config);
        QCOMPARE(loves.items.front().book.id, 4);
        QCOMPARE(hates.items.front().book.id, 2);
        QCOMPARE(loves.ratedExcluded, std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestRecommend)
#include "tst_recommend.moc"
