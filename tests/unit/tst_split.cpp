#include "split/NumpyPermutation.h"
#include "split/Split.h"

#include <QTest>
#include <algorithm>
#include <set>

using namespace shelfscope;

class TestSplit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void numpyPermutation_data() {
        QTest::addColumn<uint>("seed");
        QTest::addColumn<QList<int>>("expected");
        // Printed by Debian's python3-numpy 1.24.2: np.random.RandomState(seed).permutation(n)
        QTest::newRow("seed 42, n 10") << 42u << QList<int>{8, 1, 5, 0, 7, 2, 9, 4, 3, 6};
        QTest::newRow("seed 7, n 37")
            << 7u
            << QList<int>{33, 2, 24, 1,  18, 13, 9,  15, 22, 5,  34, 20, 27, 17, 11, 0, 12, 21, 16,
                          36, 6, 31, 26, 10, 30, 29, 8,  32, 14, 35, 28, 7,  23, 19, 3, 25, 4};
        QTest::newRow("n 1") << 42u << QList<int>{0};
        QTest::newRow("n 0") << 42u << QList<int>{};
    }

    void numpyPermutation() {
        QFETCH(uint, seed);
        QFETCH(QList<int>, expected);
        const auto permutation =
            numpyLegacyPermutation(seed, static_cast<std::int32_t>(expected.size()));
        QCOMPARE(QList<int>(permutation.begin(), permutation.end()), expected);
    }

    void notebookSplitMatchesScikitLearn() {
        // sklearn 1.2.1: train_test_split(np.arange(981756), test_size=0.2, random_state=42)
        const RowSplit split = notebookSplit(981756, 0.2, 42);
        QCOMPARE(split.testRows.size(), std::size_t{196352});
        QCOMPARE(split.trainRows.size(), std::size_t{785404});
        const std::vector<std::int32_t> testHead(split.testRows.begin(),
                                                 split.testRows.begin() + 5);
        const std::vector<std::int32_t> trainHead(split.trainRows.begin(),
                                                  split.trainRows.begin() + 5);
        QCOMPARE(testHead, (std::vector<std::int32_t>{646451, 614851, 974393, 21471, 272540}));
        QCOMPARE(trainHead, (std::vector<std::int32_t>{341848, 964349, 645459, 74960, 358670}));
        const std::vector<std::int32_t> testTail(split.testRows.end() - 3, split.testRows.end());
        const std::vector<std::int32_t> trainTail(split.trainRows.end() - 3, split.trainRows.end());
        QCOMPARE(testTail, (std::vector<std::int32_t>{838054, 287550, 258498}));
        QCOMPARE(trainTail, (std::vector<std::int32_t>{131932, 671155, 121958}));
        // The whole permutation (test then train): sum of (row + 1) * (position + 1) mod 2^64,
        // computed from scikit-learn's output with NumPy uint64 arithmetic.
        std::uint64_t checksum = 0;
        std::uint64_t position = 1;
        for (const auto* part : {&split.testRows, &split.trainRows})
            for (std::int32_t row : *part)
                checksum += (static_cast<std::uint64_t>(row) + 1) * position++;
        QCOMPARE(checksum, std::uint64_t{236535601537298839ULL});
    }

    void randomHoldoutIsAPartition_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<double>("fraction");
        QTest::newRow("1000 x 0.2") << 1000 << 0.2;
        QTest::newRow("7 x 0.5") << 7 << 0.5;
        QTest::newRow("100003 x 0.1") << 100003 << 0.1;
    }

    void randomHoldoutIsAPartition() {
        QFETCH(int, rows);
        QFETCH(double, fraction);
        const RowSplit split = randomHoldout(static_cast<std::size_t>(rows), {fraction, 42});
        QCOMPARE(split.testRows.size(), static_cast<std::size_t>(std::ceil(fraction * rows)));
        QCOMPARE(split.testRows.size() + split.trainRows.size(), static_cast<std::size_t>(rows));
        QVERIFY(std::is_sorted(split.testRows.begin(), split.testRows.end()));
        std::vector<std::int32_t> all = split.testRows;
        all.insert(all.end(), split.trainRows.begin(), split.trainRows.end());
        std::sort(all.begin(), all.end());
        for (int i = 0; i < rows; ++i)
            QCOMPARE(all[static_cast<std::size_t>(i)], i);
    }

    void randomHoldoutIsReproducible() {
        const RowSplit a = randomHoldout(1000, {0.2, 42});
        const RowSplit b = randomHoldout(1000, {0.2, 42});
        const RowSplit c = randomHoldout(1000, {0.2, 43});
        QCOMPARE(a.testRows, b.testRows);
        QVERIFY(a.testRows != c.testRows);
        // Pinned so that a change of generator, or a platform difference, cannot pass unnoticed.
        const std::vector<std::int32_t> head(a.testRows.begin(), a.testRows.begin() + 6);
        QCOMPARE(head, (std::vector<std::int32_t>{8, 13, 16, 17, 18, 28}));
    }

    void invalidFractionsAreRefused_data() {
        QTest::addColumn<double>("fraction");
        QTest::newRow("zero") << 0.0;
        QTest::newRow("one") << 1.0;
        QTest::newRow("negative") << -0.2;
        QTest::newRow("nan") << std::nan("");
    }

    void invalidFractionsAreRefused() {
        QFETCH(double, fraction);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, randomHoldout(10, {fraction, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, notebookSplit(10, fraction, 1));
    }

    void perUserHoldoutTakesKFromUsersWithTwoK() {
        RatingTable table;
        const int counts[] = {3, 10, 20, 9};
        for (int user = 0; user < 4; ++user)
            for (int k = 0; k < counts[user]; ++k) {
                table.userIndex.push_back(user);
                table.bookIndex.push_back(k);
                table.rating.push_back(3);
            }
        table.users = IdIndex::fromRawIds(std::vector<std::int32_t>{1, 2, 3, 4});
        table.books = IdIndex::fromRawIds(std::vector<std::int32_t>(20, 1));
        const RowSplit split = perUserHoldout(table, {5, 42});
        std::vector<int> perUser(4, 0);
        for (std::int32_t row : split.testRows)
            ++perUser[static_cast<std::size_t>(table.userIndex[static_cast<std::size_t>(row)])];
        QCOMPARE(perUser, (std::vector<int>{0, 5, 5, 0}));
        QCOMPARE(split.testRows.size() + split.trainRows.size(), table.size());
        QCOMPARE(perUserHoldout(table, {5, 42}).testRows, split.testRows);
        QVERIFY(perUserHoldout(table, {5, 43}).testRows != split.testRows);
    }
};

QTEST_GUILESS_MAIN(TestSplit)
#include "tst_split.moc"
