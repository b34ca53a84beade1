#include "maps/BookEmbeddings.h"
#include "model/DotModel.h"
#include "model/Model.h"

#include <QTest>
#include <cmath>

using namespace shelfscope;

namespace {

struct Problem {
    std::vector<std::int32_t> users{0, 1, 3, 1, 2, 0};
    std::vector<std::int32_t> books{4, 0, 2, 0, 1, 3}; // user 1 / book 0 appears twice
    std::vector<float> ratings{4, 2, 5, 3, 1, 4};
    Batch batch() const { return {users, books, ratings}; }
};

double objective(const Model& model, const Problem& problem, float l2) {
    BatchRows rows;
    std::vector<std::int32_t> userStamp(static_cast<std::size_t>(model.userRows()), -1);
    std::vector<std::int32_t> bookStamp(static_cast<std::size_t>(model.bookRows()), -1);
    collectBatchRows(problem.batch(), rows, userStamp, bookStamp);
    Gradients gradients;
    auto workspace = model.createWorkspace();
    return model.computeGradients(problem.batch(), rows, l2, gradients, *workspace).objective;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bookEmbeddingsKeepOnlyRowsThatAreBooks() {
        ModelConfig config;
        config.dim = 2;
        auto model = createModel(config, 1, 4, 1);
        model->parameters()[1].values << 1, 2, 3, 4, 5, 6, 7, 8;
        // A raw-id table: row 0 and row 2 belong to no book.
        const BookEmbeddings books = bookEmbeddingsOf(*model, {0, 7, 0, 9});
        QCOMPARE(books.bookIds, (std::vector<std::int32_t>{7, 9}));
        QCOMPARE(books.rows.rows(), Eigen::Index{2});
        QCOMPARE(books.rows(0, 0), 3.0f);
        QCOMPARE(books.rows(1, 1), 8.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bookEmbeddingsOf(*model, {1, 2}));
    }

    void gradientMatchesFiniteDifferences_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("biases");
        QTest::addColumn<float>("l2");
        QTest::addColumn<QList<int>>("hidden");
        QTest::newRow("dot") << 0 << false << 0.0f << QList<int>{};
        QTest::newRow("dot + biases") << 0 << true << 0.0f << QList<int>{};
        QTest::newRow("dot + l2") << 0 << false << 0.3f << QList<int>{};
        QTest::newRow("dot + biases + l2") << 0 << true << 0.3f << QList<int>{};
        QTest::newRow("neural 8-4") << 1 << false << 0.0f << QList<int>{8, 4};
        QTest::newRow("neural 8-4 + l2") << 1 << false << 0.3f << QList<int>{8, 4};
        QTest::newRow("neural 6") << 1 << false << 0.0f << QList<int>{6};
        QTest::newRow("neural linear") << 1 << false << 0.1f << QList<int>{};
        QTest::newRow("neural + biases + l2") << 1 << true << 0.2f << QList<int>{8, 4};
        QTest::newRow("neural + product") << 2 << false << 0.0f << QList<int>{8, 4};
        QTest::newRow("neural + product + biases + l2") << 2 << true << 0.2f << QList<int>{8};
        QTest::newRow("neural + dot term + biases") << 3 << true << 0.1f << QList<int>{6, 3};
    }

    void gradientMatchesFiniteDifferences() {
        QFETCH(int, kind);
        QFETCH(bool, biases);
        QFETCH(float, l2);
        QFETCH(QList<int>, hidden);
        ModelConfig config;
        config.kind = kind == 0 ? ModelKind::Dot : ModelKind::Neural;
        config.productFeatures = kind == 2;
        config.dotTerm = kind == 3;
        config.kernelL2 = kind == 2 ? 0.15f : 0.0f;
        config.dim = 3;
        config.biases = biases;
        config.hidden = std::vector<int>(hidden.begin(), hidden.end());
        config.embeddingInitScale =
            0.8f; // values of order one keep finite differences exact enough
        auto model = createModel(config, 4, 5, 3);
        model->setGlobalOffset(biases ? 3.5f : 0.0f);
        if (biases) // start biases away from zero so their gradients are not trivial
            for (Parameter& p : model->parameters())
                if (p.name.find("_bias") != std::string::npos && p.axis != ParameterAxis::Dense)
                    p.values.setConstant(0.25f);
        Problem problem;

        BatchRows rows;
        std::vector<std::int32_t> userStamp(4, -1), bookStamp(5, -1);
        collectBatchRows(problem.batch(), rows, userStamp, bookStamp);
        QCOMPARE(rows.users.size(), std::size_t{4});
        QCOMPARE(rows.books.size(), std::size_t{5});
        Gradients gradients;
        auto workspace = model->createWorkspace();
        model->computeGradients(problem.batch(), rows, l2, gradients, *workspace);

        int checked = 0;
        int atKink = 0;
        for (std::size_t p = 0; p < model->parameters().size(); ++p) {
            Parameter& parameter = model->parameters()[p];
            for (Eigen::Index r = 0; r < parameter.values.rows(); ++r) {
                Eigen::Index slot = r;
                if (parameter.axis != ParameterAxis::Dense) {
                    const auto& distinct =
                        parameter.axis == ParameterAxis::User ? rows.users : rows.books;
                    const auto it =
                        std::find(distinct.begin(), distinct.end(), static_cast<std::int32_t>(r));
                    slot = it == distinct.end() ? -1 : it - distinct.begin();
                }
                for (Eigen::Index c = 0; c < parameter.values.cols(); ++c) {
                    const auto centralDifference = [&](float step) {
                        const float saved = parameter.values(r, c);
                        parameter.values(r, c) = saved + step;
                        const double plus = objective(*model, problem, l2);
                        parameter.values(r, c) = saved - step;
                        const double minus = objective(*model, problem, l2);
                        parameter.values(r, c) = saved;
                        return (plus - minus) / (2.0 * step);
                    };
                    const double numeric = centralDifference(1e-3f);
                    const double tolerance = 2e-3 + 2e-2 * std::fabs(numeric);
                    // A relu switching inside the step makes the difference quotient depend on
                    // the step: such points have no derivative to check.
                    if (std::fabs(centralDifference(2.5e-4f) - numeric) > tolerance) {
                        ++atKink;
                        continue;
                    }
                    const double analytic = slot < 0 ? 0.0 : gradients.perParameter[p](slot, c);
                    QVERIFY2(std::fabs(numeric - analytic) <= tolerance,
                             qPrintable(QStringLiteral("%1(%2,%3): analytic %4, numeric %5")
                                            .arg(QString::fromStdString(parameter.name))
                                            .arg(r)
                                            .arg(c)
                                            .arg(analytic)
                                            .arg(numeric)));
                    ++checked;
                }
            }
        }
        QCOMPARE(checked + atKink, static_cast<int>(model->parameterCount()));
        QVERIFY2(atKink * 8 <= checked,
                 qPrintable(QStringLiteral("%1 of %2 at a kink").arg(atKink).arg(checked)));
    }

    void predictionsAgreeAcrossEntryPoints_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("dot") << 0;
        QTest::newRow("neural") << 1;
    }

    void predictionsAgreeAcrossEntryPoints() {
        QFETCH(int, kind);
        ModelConfig config;
        config.kind = kind == 0 ? ModelKind::Dot : ModelKind::Neural;
        config.dim = 4;
        config.biases = kind == 0;
        config.hidden = {16, 8};
        config.embeddingInitScale = 0.5f;
        auto model = createModel(config, 7, 2000, 9);
        model->setGlobalOffset(kind == 0 ? 3.0f : 0.0f);
        std::vector<float> all(2000);
        model->scoreAllBooks(5, all);
        std::vector<std::int32_t> users(2000, 5), books(2000);
        std::iota(books.begin(), books.end(), 0);
        std::vector<float> batched(2000);
        model->predictBatch(users, books, batched);
        for (std::int32_t b : {0, 1, 1023, 1024, 1999}) {
            QVERIFY(std::fabs(all[static_cast<std::size_t>(b)] - model->predict(5, b)) < 1e-5f);
            QVERIFY(std::fabs(batched[static_cast<std::size_t>(b)] - model->predict(5, b)) < 1e-5f);
        }
        // Several readers at once (one matrix product for the dot model): the same scores.
        Matrix block;
        const std::vector<std::int32_t> readers{5, 0, 6};
        model->scoreAllBooksFor(readers, block);
        QCOMPARE(block.rows(), Eigen::Index{3});
        QCOMPARE(block.cols(), Eigen::Index{2000});
        for (std::size_t r = 0; r < readers.size(); ++r)
            for (std::int32_t b : {0, 777, 1999})
                QVERIFY(std::fabs(block(static_cast<Eigen::Index>(r), b) -
                                  model->predict(readers[r], b)) < 1e-5f);
    }

    void parameterCountsAndKerasInitialisation() {
        ModelConfig dot;
        dot.dim = 5;
        auto notebookDot = createModel(dot, 53425, 10001, 1);
        QCOMPARE(notebookDot->parameterCount(), std::size_t{317130}); // the notebook's model
        QVERIFY(notebookDot->userEmbeddings().cwiseAbs().maxCoeff() <= 0.05f);
        QVERIFY(notebookDot->userEmbeddings().cwiseAbs().maxCoeff() > 0.049f);

        ModelConfig neural;
        neural.kind = ModelKind::Neural;
        auto notebookNn = createModel(neural, 53425, 10001, 1);
        // embeddings + (10*128 + 128) + (128*32 + 32) + (32 + 1)
        QCOMPARE(notebookNn->parameterCount(), std::size_t{317130 + 1408 + 4128 + 33});
        const Matrix& kernel = notebookNn->parameters()[2].values;
        const float glorot = std::sqrt(6.0f / (10 + 128));
        QVERIFY(kernel.cwiseAbs().maxCoeff() <= glorot);
        QVERIFY(kernel.cwiseAbs().maxCoeff() > 0.95f * glorot);
        QCOMPARE(notebookNn->parameters()[3].values.cwiseAbs().maxCoeff(), 0.0f);
        // Same seed, same weights.
        QVERIFY(createModel(neural, 53425, 10001, 1)->parameters()[2].values == kernel);
    }

    void invalidConfigsAreRefused() {
        ModelConfig config;
        config.dim = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, createModel(config, 3, 3, 1));
        config.dim = 4;
        config.kind = ModelKind::Neural;
        config.hidden = {0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, createModel(config, 3, 3, 1));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
