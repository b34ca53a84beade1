#include "demo/DemoGenerator.h"
#include "model/Model.h"
#include "split/Split.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <QFile>
#include <QTest>

using namespace shelfscope;

namespace {

/// A field of /proc/self/status in bytes (VmRSS, VmHWM); -1 when absent.
double statusBytes(const QByteArray& field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field + ':'))
            return 1024.0 * line.mid(field.size() + 1).trimmed().split(' ').front().toDouble();
    return -1;
}

/// Sets the process's peak resident memory (VmHWM) back to what it holds now.
bool resetPeak() {
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

/// Bytes the process's peak rose above its resident memory at the start, while work ran.
template <typename Work> double peakGrowth(Work work) {
    const double before = statusBytes("VmRSS");
    work();
    return statusBytes("VmHWM") - before;
}

const Dataset& library() {
    static const Dataset dataset = [] {
        DemoConfig config;
        config.users = 20000;
        config.books = 2000;
        config.ratings = 1000000;
        config.genres = 8;
        config.seed = 5;
        return generateDemoLibrary(config).dataset;
    }();
    return dataset;
}

constexpr double kRowBytes = 2 * sizeof(std::int32_t) + sizeof(float);
constexpr double kSlackBytes = 2.0 * 1024 * 1024; // the allocator's and the test's own

} // namespace

/// Memory a training run holds per rating: the rows are the bulk at millions of ratings
/// (25M ratings are 300 MB a copy), so each copy of them shows here.
class TestTrainMemory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(library().ratings.size() == 1000000);
        QVERIFY2(resetPeak() && statusBytes("VmHWM") > 0,
                 "/proc/self/clear_refs and /proc/self/status are needed to measure the peak");
    }

    // The split's rows are read in place and the columns sized once: no moment holds the
    // training rows twice.
    void preparingHoldsTheRowsOnce() {
        const RatingTable& table = library().ratings;
        const RowSplit split = randomHoldout(table.size(), {0.2, 3});
        QVERIFY(resetPeak());
        TrainingData data;
        const double growth = peakGrowth([&] { data = prepareTrainingData(table, split); });
        QCOMPARE(data.train.size() + data.test.size(), table.size());
        const double limit = kRowBytes * static_cast<double>(table.size()) + kSlackBytes;
        qInfo("peak rose %.1f MB, limit %.1f MB", growth / 1e6, limit / 1e6);
        QVERIFY(growth <= limit);
    }

    // Dropping repeated pairs (the tuned presets do) holds the rows grouped by reader and a
    // flag a rating, not a set of the pairs (about 40 bytes a row, kept by the allocator).
    void droppingRepeatedPairsHoldsNoSetOfThem() {
        const RatingTable& table = library().ratings;
        const RowSplit split = randomHoldout(table.size(), {0.2, 3});
        TrainingDataConfig config;
        config.dropDuplicateTrainPairs = true;
        QVERIFY(resetPeak());
        TrainingData data;
        const double growth = peakGrowth([&] { data = prepareTrainingData(table, split, config); });
        QCOMPARE(data.train.size() + data.test.size(), table.size()); // the library has no repeats
        const double perRow = kRowBytes + 2 * sizeof(std::int32_t) + 1;
        const double limit = perRow * static_cast<double>(table.size()) + kSlackBytes;
        qInfo("peak rose %.1f MB, limit %.1f MB", growth / 1e6, limit / 1e6);
        QVERIFY(growth <= limit);
    }

    // One epoch holds the training rows once more (the epoch's shuffled order) besides the
    // model, its optimiser's moments and a snapshot of it.
    void anEpochHoldsTheTrainingRowsOnceMore() {
        const RatingTable& table = library().ratings;
        const TrainingData data = prepareTrainingData(table, randomHoldout(table.size(), {0.2, 3}));
        ModelConfig modelConfig;
        modelConfig.kind = ModelKind::Dot;
        modelConfig.dim = 8;
        modelConfig.biases = true;
        TrainConfig config;
        config.epochs = 1;
        config.batchSize = 256;
        QVERIFY(resetPeak());
        double modelBytes = 0;
        TrainResult result;
        const double growth = peakGrowth([&] {
            auto model = createModel(modelConfig, data.userRows, data.bookRows, 1);
            for (const Parameter& p : model->parameters())
                modelBytes += static_cast<double>(p.values.size()) * sizeof(float);
            result = trainModel(*model, data, config);
        });
        QCOMPARE(result.epochs.size(), std::size_t{1});
        const double limit =
            kRowBytes * static_cast<double>(data.train.size()) + 5 * modelBytes + kSlackBytes;
        qInfo("peak rose %.1f MB, limit %.1f MB", growth / 1e6, limit / 1e6);
        QVERIFY(growth <= limit);
    }
};

QTEST_GUILESS_MAIN(TestTrainMemory)
#include "tst_trainmemory.moc"
