#include "util/BlockRounds.h"

#include <QTest>
#include <atomic>
#include <vector>

using namespace shelfscope;

class TestBlockRounds : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyBlockOncePerRound_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("blocks");
        QTest::newRow("1 thread") << 1 << 37;
        QTest::newRow("2 threads") << 2 << 37;
        QTest::newRow("4 threads, fewer blocks") << 4 << 3;
        QTest::newRow("3 threads, one block") << 3 << 1;
    }

    void everyBlockOncePerRound() {
        // Each round adds its number to every block's slot: after the rounds, each slot holds
        // the sum of the round numbers exactly when every block ran once in every round and
        // saw the round number the caller set for it.
        QFETCH(int, threads);
        QFETCH(int, blocks);
        std::vector<long> slot(static_cast<std::size_t>(blocks), 0);
        std::vector<std::atomic<int>> runs(static_cast<std::size_t>(blocks));
        long round = 0;
        std::atomic<bool> workerOutOfRange{false};
        BlockRounds rounds(threads, blocks, [&](std::int32_t block, int worker) {
            if (worker < 0 || worker >= threads)
                workerOutOfRange = true;
            slot[static_cast<std::size_t>(block)] += round;
            runs[static_cast<std::size_t>(block)].fetch_add(1);
        });
        QCOMPARE(rounds.threads(), threads);
        const int count = 300;
        for (round = 1; round <= count; ++round)
            rounds.run();
        for (int b = 0; b < blocks; ++b) {
            QCOMPARE(runs[static_cast<std::size_t>(b)].load(), count);
            QCOMPARE(slot[static_cast<std::size_t>(b)], long{count} * (count + 1) / 2);
        }
        QVERIFY(!workerOutOfRange);
    }
};

QTEST_GUILESS_MAIN(TestBlockRounds)
#include "tst_blockrounds.moc"
