#include "io/DataError.h"
#include "model/ItemItemModel.h"
#include "model/ModelFile.h"
#include "recommend/FoldIn.h"
#include "recommend/Recommender.h"
#include "train/ItemItemFit.h"
#include "util/Random.h"

#include <Eigen/Dense>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

using Reads = std::vector<std::vector<std::int32_t>>; // per reader, the book rows read

TrainingData trainingOf(const Reads& reads, std::int32_t books) {
    TrainingData data;
    for (std::size_t u = 0; u < reads.size(); ++u)
        for (std::int32_t b : reads[u]) {
            data.train.users.push_back(static_cast<std::int32_t>(u));
            data.train.books.push_back(b);
            data.train.ratings.push_back(4.0f);
        }
    data.userRows = static_cast<std::int32_t>(reads.size());
    data.bookRows = books;
    return data;
}

/// A seeded random 0/1 matrix: each reader reads each book with probability `share`.
Reads randomReads(int readers, int books, double share, std::uint64_t seed) {
    Random random(seed);
    Reads reads(static_cast<std::size_t>(readers));
    for (auto& list : reads) {
        for (int b = 0; b < books; ++b)
            if (random.uniform() < share)
                list.push_back(b);
        if (list.empty())
            list.push_back(
                static_cast<std::int32_t>(random.below(static_cast<std::uint64_t>(books))));
    }
    return reads;
}

Eigen::MatrixXd gramOf(const Reads& reads, int books) {
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(books, books);
    for (const auto& list : reads)
        for (std::int32_t a : list)
            for (std::int32_t b : list)
                g(a, b) += 1.0;
    return g;
}

ModelConfig itemConfig(ModelKind kind) {
    ModelConfig config;
    config.kind = kind;
    return config;
}

std::vector<float> scores(const Model& model, std::int32_t reader) {
    std::vector<float> out(static_cast<std::size_t>(model.bookRows()));
    model.scoreAllBooks(reader, out);
    return out;
}

/// Readers 10, 20, 30 and books 1 to 4, with titles; ratings as given (reader row, book row).
Dataset tinyLibrary(const Reads& reads) {
    Dataset dataset;
    dataset.name = "tiny";
    RatingTable& t = dataset.ratings;
    t.users = IdIndex::fromRawIds(std::vector<std::int32_t>{10, 20, 30});
    t.books = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3, 4});
    for (std::size_t u = 0; u < reads.size(); ++u)
        for (std::int32_t b : reads[u]) {
            t.userIndex.push_back(static_cast<std::int32_t>(u));
            t.bookIndex.push_back(b);
            t.rating.push_back(5);
        }
    for (int id = 1; id <= 4; ++id) {
        Book book;
        book.id = id;
        book.title = "Title " + std::to_string(id);
        dataset.books.add(book);
    }
    return dataset;
}

/// zlib's CRC-32, which the model file ends with.
std::uint32_t crc32Of(const QByteArray& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes) {
        crc ^= static_cast<std::uint8_t>(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

} // namespace

class TestItemItem : public QObject {
    Q_OBJECT

private slots:
    void easeSolvesItsNormalEquations_data() {
        QTest::addColumn<int>("readers");
        QTest::addColumn<int>("books");
        QTest::addColumn<double>("share");
        QTest::addColumn<float>("lambda");
        QTest::newRow("12x5, lambda 1") << 12 << 5 << 0.4 << 1.0f;
        QTest::newRow("40x9, lambda 10") << 40 << 9 << 0.3 << 10.0f;
        QTest::newRow("200x30, lambda 500") << 200 << 30 << 0.2 << 500.0f;
        QTest::newRow("60x25, lambda 0.5") << 60 << 25 << 0.5 << 0.5f;
    }
    // B = argmin |X - XB|^2 + lambda |B|^2 subject to diag(B) = 0 has, by its Lagrangian,
    // (G + lambda I) B = G - diag(mu): every off-diagonal entry of (G + lambda I) B - G is zero.
    // Checked against a direct dense solve in double as well.
    void easeSolvesItsNormalEquations() {
        QFETCH(int, readers);
        QFETCH(int, books);
        QFETCH(double, share);
        QFETCH(float, lambda);
        const Reads reads = randomReads(readers, books, share, 5);
        ModelConfig config = itemConfig(ModelKind::Ease);
        config.easeLambda = lambda;
        const ItemItemFit fit = fitItemItem(config, trainingOf(reads, books));
        const Matrix& w = fit.model->weights().dense;
        QCOMPARE(w.rows(), books);
        for (int i = 0; i < books; ++i)
            QCOMPARE(w(i, i), 0.0f);
        const Eigen::MatrixXd g = gramOf(reads, books);
        Eigen::MatrixXd regularised = g;
        regularised.diagonal().array() += lambda;
        const Eigen::MatrixXd b = w.cast<double>();
        const Eigen::MatrixXd residual = regularised * b - g;
        const Eigen::MatrixXd p = regularised.inverse();
        double largest = 0.0;
        for (int i = 0; i < books; ++i)
            for (int j = 0; j < books; ++j) {
                if (i == j)
                    continue;
                largest = std::max(largest, std::abs(residual(i, j)));
                const double direct = -p(i, j) / p(j, j);
                QVERIFY2(std::abs(b(i, j) - direct) <= 1e-4 * (1.0 + std::abs(direct)),
                         qPrintable(QStringLiteral("B(%1,%2) %3 vs %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(b(i, j))
                                        .arg(direct)));
            }
        // Float weights: the residual is a few float roundings of G's largest entries.
        QVERIFY2(largest <= 1e-4 * (g.maxCoeff() + lambda), qPrintable(QString::number(largest)));
    }

    void repeatedPairsCountOnce_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("ease") << static_cast<int>(ModelKind::Ease);
        QTest::newRow("item-knn") << static_cast<int>(ModelKind::ItemKnn);
    }

    // Both models read a binary matrix (read or not): a (reader, book) pair given several times,
    // as --keep-duplicates keeps them, is one read, so the weights equal those of the pairs
    // given once, and the reader's stored list holds each book once.
    void repeatedPairsCountOnce() {
        QFETCH(int, kind);
        const Reads reads = randomReads(30, 12, 0.3, 9);
        Reads repeated = reads;
        for (std::size_t u = 0; u < repeated.size(); u += 2)
            for (std::int32_t b : reads[u])
                for (int copy = 0; copy < 1 + static_cast<int>(u % 3); ++copy)
                    repeated[u].push_back(b);
        const ModelConfig config = itemConfig(static_cast<ModelKind>(kind));
        const ItemItemFit once = fitItemItem(config, trainingOf(reads, 12));
        const ItemItemFit many = fitItemItem(config, trainingOf(repeated, 12));
        QVERIFY(trainingOf(repeated, 12).train.size() > trainingOf(reads, 12).train.size());
        QCOMPARE(many.model->weights().dense, once.model->weights().dense);
        QCOMPARE(many.model->weights().neighbours, once.model->weights().neighbours);
        QCOMPARE(many.model->weights().similarities, once.model->weights().similarities);
        for (std::int32_t u = 0; u < 30; ++u)
            QCOMPARE(scores(*many.model, u), scores(*once.model, u));
    }

    // Readers {0,1}, {0,1,2}, {1,2}, {0}: c0 = 3, c1 = 3, c2 = 2, c01 = 2, c02 = 1, c12 = 2.
    void knnSimilarityByHand() {
        const Reads reads = {{0, 1}, {0, 1, 2}, {1, 2}, {0}};
        ModelConfig config = itemConfig(ModelKind::ItemKnn);
        config.knnNeighbours = 2;
        config.knnShrink = 1.0f;
        const ItemItemFit fit = fitItemItem(config, trainingOf(reads, 3));
        const ItemItemModel& model = *fit.model;
        const auto sim = [](double together, double a, double b) {
            return static_cast<float>(together / (std::sqrt(a * b) + 1.0));
        };
        QCOMPARE(model.weight(1, 0), sim(2, 3, 3));
        QCOMPARE(model.weight(2, 0), sim(1, 3, 2));
        QCOMPARE(model.weight(0, 2), sim(1, 2, 3));
        QCOMPARE(model.weight(1, 2), sim(2, 2, 3));
        QCOMPARE(model.weight(0, 0), 0.0f);
        // Reader 3 read book 0 alone: book 1 gets sim(0, 1), book 2 sim(0, 2).
        const std::vector<float> s = scores(model, 3);
        QCOMPARE(s[1], model.weight(0, 1));
        QCOMPARE(s[2], model.weight(0, 2));
        // One neighbour each: book 0 keeps book 1 (2/4 > 1/3.45), book 2 keeps book 1.
        config.knnNeighbours = 1;
        const ItemItemFit one = fitItemItem(config, trainingOf(reads, 3));
        QCOMPARE(one.model->weight(1, 0), sim(2, 3, 3));
        QCOMPARE(one.model->weight(2, 0), 0.0f);
        QCOMPARE(one.model->weight(1, 2), sim(2, 2, 3));
        QCOMPARE(one.model->weight(0, 2), 0.0f);
    }

    void shrinkageFavoursBooksReadTogetherOften_data() {
        QTest::addColumn<float>("shrink");
        QTest::addColumn<int>("nearest");
        // Book 1 was read by one reader, who also read book 0 (cosine 1/sqrt(11) = 0.30);
        // book 2 by 10 of book 0's readers and 100 others (cosine 10/sqrt(11 x 110) = 0.29).
        QTest::newRow("no shrink: the one-reader book") << 0.0f << 1;
        QTest::newRow("shrink 10: the often co-read book") << 10.0f << 2;
    }
    void shrinkageFavoursBooksReadTogetherOften() {
        QFETCH(float, shrink);
        QFETCH(int, nearest);
        Reads reads;
        reads.push_back({0, 1});
        for (int r = 0; r < 10; ++r)
            reads.push_back({0, 2});
        for (int r = 0; r < 100; ++r)
            reads.push_back({2});
        ModelConfig config = itemConfig(ModelKind::ItemKnn);
        config.knnNeighbours = 1;
        config.knnShrink = shrink;
        const ItemItemFit fit = fitItemItem(config, trainingOf(reads, 3));
        std::vector<float> like(3);
        fit.model->similarTo(0, like);
        QCOMPARE(like[static_cast<std::size_t>(3 - nearest)], 0.0f);
        QVERIFY(like[static_cast<std::size_t>(nearest)] > 0.0f);
    }

    void savedModelReloadsTheSame_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("ease") << static_cast<int>(ModelKind::Ease);
        QTest::newRow("item-knn") << static_cast<int>(ModelKind::ItemKnn);
    }
    void savedModelReloadsTheSame() {
        QFETCH(int, kind);
        const Reads reads = randomReads(50, 12, 0.3, 9);
        ModelConfig config = itemConfig(static_cast<ModelKind>(kind));
        config.easeLambda = 7.5f;
        config.knnNeighbours = 4;
        config.knnShrink = 2.5f;
        const ItemItemFit fit = fitItemItem(config, trainingOf(reads, 12));
        ModelMetadata metadata;
        for (int u = 0; u < 50; ++u)
            metadata.userRawIds.push_back(100 + u);
        for (int b = 0; b < 12; ++b)
            metadata.bookRawIds.push_back(1 + b);
        metadata.preset = "test";
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("m.ssm")).toStdString();
        saveModel(path, *fit.model, metadata);
        const SavedModel saved = loadModel(path);
        QCOMPARE(static_cast<int>(saved.model->kind()), kind);
        QVERIFY(saved.model->config() == config);
        QCOMPARE(saved.model->userRows(), 50);
        QCOMPARE(saved.model->bookRows(), 12);
        QVERIFY(!saved.model->hasEmbeddings());
        for (std::int32_t u = 0; u < 50; ++u)
            QCOMPARE(scores(*saved.model, u), scores(*fit.model, u));
    }

    void loaderRefusesItemItemWeightsTheFileCannotHold() {
        const Reads reads = randomReads(20, 6, 0.4, 3);
        const ItemItemFit fit = fitItemItem(itemConfig(ModelKind::Ease), trainingOf(reads, 6));
        ModelMetadata metadata;
        metadata.userRawIds.assign(20, 1);
        for (int b = 0; b < 6; ++b)
            metadata.bookRawIds.push_back(1 + b);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.ssm"));
        saveModel(path.toStdString(), *fit.model, metadata);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        bytes.chop(4 + 20);                            // lose the checksum and the last weights ...
        const std::uint32_t checksum = crc32Of(bytes); // ... with a checksum that fits them
        bytes.append(reinterpret_cast<const char*>(&checksum), 4);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();
        try {
            loadModel(path.toStdString());
            QFAIL("a file missing weights was read");
        } catch (const DataError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("item-item weights")),
                     error.what());
        }
    }

    void cancelStopsTheFit_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("stage");
        const auto add = [](const char* name, ModelKind kind, ItemItemStage stage) {
            QTest::newRow(name) << static_cast<int>(kind) << static_cast<int>(stage);
        };
        add("ease, gram", ModelKind::Ease, ItemItemStage::Gram);
        add("ease, factorise", ModelKind::Ease, ItemItemStage::Factorise);
        add("ease, invert", ModelKind::Ease, ItemItemStage::Invert);
        add("ease, weights", ModelKind::Ease, ItemItemStage::Weights);
        add("item-knn, gram", ModelKind::ItemKnn, ItemItemStage::Gram);
        add("item-knn, weights", ModelKind::ItemKnn, ItemItemStage::Weights);
    }
    // A cancel at a stage's first report is seen inside that stage's loops, or as LAPACK returns
    // from it: the fit throws, and no later stage begins.
    void cancelStopsTheFit() {
        QFETCH(int, kind);
        QFETCH(int, stage);
        const Reads reads = randomReads(3000, 600, 0.02, 4);
        std::atomic<bool> cancel{false};
        TrainCallbacks callbacks;
        int reportsAfterCancel = 0;
        int lastStage = 0;
        callbacks.progress = [&](const TrainProgress& progress) {
            QVERIFY(progress.epoch >= 1 && progress.epoch <= progress.epochs);
            QCOMPARE(progress.epochs, 4);
            lastStage = progress.epoch;
            if (cancel)
                ++reportsAfterCancel;
            if (progress.epoch == stage)
                cancel = true;
        };
        QVERIFY_THROWS_EXCEPTION(OperationCancelled,
                                 fitItemItem(itemConfig(static_cast<ModelKind>(kind)),
                                             trainingOf(reads, 600), callbacks, cancel));
        QCOMPARE(lastStage, stage);
        QCOMPARE(reportsAfterCancel, 0);
    }

    void progressWalksThroughTheStages() {
        const Reads reads = randomReads(100, 10, 0.3, 2);
        std::vector<int> stages;
        TrainCallbacks callbacks;
        callbacks.progress = [&](const TrainProgress& progress) {
            if (stages.empty() || stages.back() != progress.epoch)
                stages.push_back(progress.epoch);
        };
        fitItemItem(itemConfig(ModelKind::Ease), trainingOf(reads, 10), callbacks);
        QCOMPARE(stages, (std::vector<int>{1, 2, 3, 4}));
    }

    void recommenderUsesTheWeights_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("ease") << static_cast<int>(ModelKind::Ease);
        QTest::newRow("item-knn") << static_cast<int>(ModelKind::ItemKnn);
    }
    // Reader 10 read books 1 and 2, reader 20 books 2 and 3, reader 30 books 3 and 4 (rows 0-3).
    void recommenderUsesTheWeights() {
        QFETCH(int, kind);
        const Reads reads = {{0, 1}, {1, 2}, {2, 3}};
        const Dataset dataset = tinyLibrary(reads);
        ModelConfig config = itemConfig(static_cast<ModelKind>(kind));
        config.easeLambda = 0.5f;
        config.knnShrink = 0.0f;
        const ItemItemFit fit = fitItemItem(config, trainingOf(reads, 4));
        const ItemItemModel& model = *fit.model;
        ModelMetadata metadata;
        metadata.config = config;
        metadata.userRawIds = {10, 20, 30};
        metadata.bookRawIds = {1, 2, 3, 4};
        const Recommender recommender(model, metadata, dataset);
        QVERIFY(recommender.ranksBooks());

        // Similar books follow the model's own similarity, best first.
        std::vector<float> like(4);
        model.similarTo(1, like);
        const std::vector<SimilarBook> similar = recommender.similarBooks(2, 3);
        QVERIFY(!similar.empty());
        for (std::size_t i = 0; i < similar.size(); ++i) {
            QCOMPARE(similar[i].similarity, like[static_cast<std::size_t>(similar[i].book.id - 1)]);
            if (i > 0)
                QVERIFY(similar[i - 1].similarity >= similar[i].similarity);
        }

        // Reader 10's recommendations: scores are x W, the explanation the read book whose
        // weight toward the recommended one is largest.
        RecommendConfig recommend;
        recommend.top = 2;
        const RecommendResult result = recommender.forReader(10, recommend);
        const std::vector<float> expected = scores(model, 0);
        QCOMPARE(result.ratedExcluded, std::size_t{2});
        QCOMPARE(result.because, BecauseKind::ReadWeight);
        for (const Recommendation& item : result.items) {
            const std::int32_t row = item.book.id - 1;
            QCOMPARE(item.predictedRating, expected[static_cast<std::size_t>(row)]);
            const float from1 = model.weight(0, row);
            const float from2 = model.weight(1, row);
            if (std::max(from1, from2) > 0.0f) {
                QVERIFY(item.because.has_value());
                QCOMPARE(item.because->id, from1 >= from2 ? 1 : 2);
                QCOMPARE(item.becauseSimilarity, std::max(from1, from2));
            } else {
                QVERIFY(!item.because.has_value());
            }
        }

        // A new reader with reader 10's books is scored as reader 10 is.
        const RecommendResult fresh = recommender.forNewReader({{1, 5.0f}, {2, 3.0f}}, recommend);
        QCOMPARE(fresh.items.size(), result.items.size());
        for (std::size_t i = 0; i < fresh.items.size(); ++i) {
            QCOMPARE(fresh.items[i].book.id, result.items[i].book.id);
            QCOMPARE(fresh.items[i].predictedRating, result.items[i].predictedRating);
        }
        const std::int32_t rows[] = {0, 1};
        const float ratings[] = {5.0f, 3.0f};
        const std::unique_ptr<Model> folded = foldInReader(model, rows, ratings);
        QCOMPARE(scores(*folded, 0), expected);
    }

    void similarBooksOfItemKnnAreItsKeptNeighbours_data() {
        QTest::addColumn<int>("neighbours");
        QTest::addColumn<int>("listed");
        QTest::newRow("1 kept") << 1 << 1;
        QTest::newRow("2 kept") << 2 << 2;
        QTest::newRow("3 allowed, 2 co-read") << 3 << 2;
    }
    // Book 2 (row 1) is read with books 1 and 3 only; books outside its kept neighbours score 0
    // and must not fill the list of 3 asked for.
    void similarBooksOfItemKnnAreItsKeptNeighbours() {
        QFETCH(int, neighbours);
        QFETCH(int, listed);
        const Reads reads = {{0, 1}, {1, 2}, {2, 3}};
        const Dataset dataset = tinyLibrary(reads);
        ModelConfig config = itemConfig(ModelKind::ItemKnn);
        config.knnNeighbours = neighbours;
        const ItemItemFit fit = fitItemItem(config, trainingOf(reads, 4));
        ModelMetadata metadata;
        metadata.config = config;
        metadata.userRawIds = {10, 20, 30};
        metadata.bookRawIds = {1, 2, 3, 4};
        const Recommender recommender(*fit.model, metadata, dataset);
        const std::vector<SimilarBook> similar = recommender.similarBooks(2, 3);
        QCOMPARE(static_cast<int>(similar.size()), listed);
        for (const SimilarBook& s : similar) {
            QVERIFY(s.book.id == 1 || s.book.id == 3);
            QVERIFY(s.similarity > 0.0f);
        }
    }

    void embeddingsAreRefusedClearly() {
        const Reads reads = {{0, 1}, {1, 2}};
        const ItemItemFit fit = fitItemItem(itemConfig(ModelKind::Ease), trainingOf(reads, 3));
        QVERIFY(!fit.model->hasEmbeddings());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, fit.model->bookEmbeddings());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 createModel(itemConfig(ModelKind::Ease), 2, 3, 1));
    }
};

QTEST_GUILESS_MAIN(TestItemItem)
#include "tst_itemitem.moc"
