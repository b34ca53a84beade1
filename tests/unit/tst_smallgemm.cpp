#include "model/SmallGemm.h"

#include <QTest>

using namespace shelfscope;

namespace {

Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::srand(seed);
    return Matrix::Random(rows, cols);
}

/// Largest difference relative to the size of the terms summed.
float worstError(const Matrix& got, const Matrix& expected, Eigen::Index depth) {
    if (got.rows() != expected.rows() || got.cols() != expected.cols())
        return std::numeric_limits<float>::infinity();
    if (got.size() == 0)
        return 0.0f;
    return (got - expected).cwiseAbs().maxCoeff() /
           static_cast<float>(std::max<Eigen::Index>(depth, 1));
}

} // namespace

class TestSmallGemm : public QObject {
    Q_OBJECT

private slots:
    void productsMatchEigen_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("width");
        // The notebook's layers, then tiles with leftover rows, every kernel width, a width the
        // kernels leave to Eigen, and empty operands.
        QTest::newRow("input layer 32x10x128") << 32 << 10 << 128;
        QTest::newRow("hidden layer 32x128x32") << 32 << 128 << 32;
        QTest::newRow("output layer 32x32x1") << 32 << 32 << 1;
        QTest::newRow("leftover rows 7x5x256") << 7 << 5 << 256;
        QTest::newRow("leftover rows 13x9x64") << 13 << 9 << 64;
        QTest::newRow("width 16, 11 rows") << 11 << 3 << 16;
        QTest::newRow("width 48, 9 rows") << 9 << 17 << 48;
        QTest::newRow("width 10 goes to Eigen") << 32 << 128 << 10;
        QTest::newRow("one row") << 1 << 20 << 128;
        QTest::newRow("no depth") << 4 << 0 << 32;
        QTest::newRow("no rows") << 0 << 8 << 32;
    }

    void productsMatchEigen() {
        QFETCH(int, rows);
        QFETCH(int, depth);
        QFETCH(int, width);
        const Matrix a = randomMatrix(rows, depth, 1);
        const Matrix b = randomMatrix(depth, width, 2);
        const Matrix offset = randomMatrix(1, width, 3);
        Matrix out;
        multiplyInto(a, b, Matrix(), out);
        const Matrix plain = a * b;
        QVERIFY(worstError(out, plain, depth) < 1e-6f);
        multiplyInto(a, b, offset, out);
        QVERIFY(worstError(out, plain.rowwise() + offset.row(0), depth) < 1e-6f);

        // a^T b, with the transposed operand read in place.
        const Matrix tall = randomMatrix(depth, rows, 4);
        multiplyTransposedInto(tall, b, out);
        QVERIFY(worstError(out, tall.transpose() * b, depth) < 1e-6f);

        // a c^T, as the backward pass multiplies the deltas by a layer's kernel.
        const Matrix c = randomMatrix(width, depth, 5);
        Matrix scratch;
        multiplyByTransposedInto(a, c, scratch, out);
        QVERIFY(worstError(out, a * c.transpose(), depth) < 1e-6f);
    }

    void entriesAreFinished_data() { productsMatchEigen_data(); }

    void entriesAreFinished() {
        // relu after the offset, and the relu's backward mask, on the kernels' widths and on
        // the ones Eigen multiplies alike.
        QFETCH(int, rows);
        QFETCH(int, depth);
        QFETCH(int, width);
        const Matrix a = randomMatrix(rows, depth, 6);
        const Matrix b = randomMatrix(depth, width, 7);
        const Matrix offset = randomMatrix(1, width, 8);
        Matrix out;
        multiplyInto(a, b, offset, out, Activation::Relu);
        const Matrix plain = (a * b).rowwise() + offset.row(0);
        QVERIFY(worstError(out, plain.cwiseMax(0.0f), depth) < 1e-6f);
        QCOMPARE((out.array() < 0.0f).count(), Eigen::Index{0});

        const Matrix c = randomMatrix(width, depth, 9);
        const Matrix keep = randomMatrix(rows, width, 10);
        Matrix scratch;
        multiplyByTransposedInto(a, c, scratch, out, &keep);
        const Matrix product = a * c.transpose();
        QVERIFY(worstError(out, (keep.array() > 0.0f).select(product, 0.0f), depth) < 1e-6f);
        for (Eigen::Index i = 0; i < out.size(); ++i)
            if (!(keep.data()[i] > 0.0f))
                QCOMPARE(out.data()[i], 0.0f);
    }

    void columnSumsMatchEigen_data() { productsMatchEigen_data(); }

    void columnSumsMatchEigen() {
        QFETCH(int, rows);
        QFETCH(int, width);
        const Matrix a = randomMatrix(rows, width, 11);
        Matrix sums;
        columnSumsInto(a, sums);
        QVERIFY(worstError(sums, a.colwise().sum(), rows) < 1e-6f);
    }

    void resultsAreTheExactSumsOnSmallIntegers() {
        // Integers below 2^24 add up exactly in any order: the kernels must then equal Eigen.
        Matrix a(5, 3);
        a << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15;
        Matrix b(3, 32);
        for (Eigen::Index i = 0; i < b.size(); ++i)
            b.data()[i] = static_cast<float>(i % 7 - 3);
        Matrix out;
        multiplyInto(a, b, Matrix(), out);
        QCOMPARE(out, Matrix(a * b));
        QCOMPARE(out(4, 31), 13.0f * b(0, 31) + 14.0f * b(1, 31) + 15.0f * b(2, 31));
    }
};

QTEST_APPLESS_MAIN(TestSmallGemm)
#include "tst_smallgemm.moc"
