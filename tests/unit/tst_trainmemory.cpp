#include "demo/DemoGenerator.h"
#include "model/Model.h"
#include "split/Split.h"
#include "train/Experiment.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"
#include "util/Random.h"

#include <QFile>
#include <QTest>
#include <cmath>
#include <malloc.h>

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

/// Sets the process's peak resident memory (VmHWM) back to what it holds now, after giving the
/// system the memory the allocator kept from earlier cases (which the next case would reuse
/// unseen).
bool resetPeak() {
    malloc_trim(0);
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

/// 20,000 training and 2,000 test ratings among 60,000 readers and 2,000 books.
TrainingData fewRowsForManyReaders() {
    TrainingData data;
    data.userRows = 60000;
    data.bookRows = 2000;
    Random random(11);
    const auto fill = [&](RatingRows& rows, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            rows.users.push_back(static_cast<std::int32_t>(random.below(60000)));
            rows.books.push_back(static_cast<std::int32_t>(random.below(2000)));
            rows.ratings.push_back(static_cast<float>(1 + random.below(5)));
        }
    };
    fill(data.train, 20000);
    fill(data.test, 2000);
    return data;
}

/// Bytes of the model's weights.
double weightBytes(const Model& model) {
    double bytes = 0;
    for (const Parameter& p : model.parameters())
        bytes += static_cast<double>(p.values.size()) * sizeof(float);
    return bytes;
}

/// Bytes Adam holds for a model (train/Adam.cpp): two moments of each dense weight; for an
/// embedding table each row's two moments and last step (8 bytes), padded to 64-byte lines.
double adamBytes(const Model& model) {
    double bytes = 0;
    for (const Parameter& p : model.parameters()) {
        if (p.axis == ParameterAxis::Dense) {
            bytes += 2.0 * static_cast<double>(p.values.size()) * sizeof(float);
            continue;
        }
        const double used = 2.0 * static_cast<double>(p.values.cols()) * sizeof(float) + 8;
        bytes += static_cast<double>(p.values.rows()) * std::ceil(used / 64) * 64;
    }
    return bytes;
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
    // model, its optimiser's moments, a snapshot of it and the test rows' predictions.
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
        double optimizerBytes = 0;
        TrainResult result;
        const double growth = peakGrowth([&] {
            auto model = createModel(modelConfig, data.userRows, data.bookRows, 1);
            modelBytes = weightBytes(*model);
            optimizerBytes = adamBytes(*model);
            result = trainModel(*model, data, config);
        });
        QCOMPARE(result.epochs.size(), std::size_t{1});
        const double limit = kRowBytes * static_cast<double>(data.train.size()) + 2 * modelBytes +
                             optimizerBytes +
                             sizeof(float) * static_cast<double>(data.test.size()) +
                             2 * kSlackBytes; // and the runner's own buffers
        qInfo("peak rose %.1f MB, limit %.1f MB (the model %.1f MB, Adam %.1f MB)", growth / 1e6,
              limit / 1e6, modelBytes / 1e6, optimizerBytes / 1e6);
        QVERIFY(growth <= limit);
    }

    // Assessing a run's test predictions (the app does after every run) builds its test rows
    // alone: the training rows, 80% of the table, are not made again to be thrown away.
    void assessingTestPredictionsBuildsOnlyTheTestRows() {
        const RatingTable& table = library().ratings;
        ExperimentConfig config;
        config.split = SplitKind::Random;
        config.testFraction = 0.1;
        config.model.kind = ModelKind::Dot;
        config.model.dim = 8;
        config.data.dropDuplicateTrainPairs = true; // as tuned-dot: the test rows keep theirs
        const auto model = createModel(config.model, table.userCount(), table.bookCount(), 1);
        QVERIFY(resetPeak());
        PredictionQuality quality;
        const double growth =
            peakGrowth([&] { quality = assessTestPredictions(table, config, *model); });
        const auto testRows = static_cast<double>(table.size() / 10);
        QCOMPARE(static_cast<double>(quality.errors.count), testRows);
        // Making the split holds every row number twice (the order drawn and the two parts);
        // then each test row is held as a row, a prediction and (grouped by rating, in columns
        // grown by doubling) up to two floats.
        const double limit = 2 * sizeof(std::int32_t) * static_cast<double>(table.size()) +
                             (kRowBytes + 3 * sizeof(float)) * testRows + kSlackBytes;
        qInfo("peak rose %.1f MB, limit %.1f MB", growth / 1e6, limit / 1e6);
        QVERIFY(growth <= limit);
    }

    // At each epoch's end the snapshot kept against divergence is overwritten in place: a new
    // one made while the last is held would be a second copy of the model. The model here is
    // large beside its few training rows, so that copy shows: after the first epoch, whose
    // peak holds everything training needs, the peak rises no further.
    void anEpochsEndHoldsOneSnapshot() {
        const TrainingData data = fewRowsForManyReaders();
        ModelConfig modelConfig;
        modelConfig.kind = ModelKind::Dot;
        modelConfig.dim = 32;
        modelConfig.biases = true;
        TrainConfig config;
        config.epochs = 3;
        config.batchSize = 256;
        TrainCallbacks callbacks;
        double firstEpochPeak = -1;
        callbacks.epochModel = [&](int epoch, const Model&) {
            if (epoch == 1)
                firstEpochPeak = statusBytes("VmHWM");
        };
        QVERIFY(resetPeak());
        double modelBytes = 0;
        TrainResult result;
        const double growth = peakGrowth([&] {
            auto model = createModel(modelConfig, data.userRows, data.bookRows, 1);
            modelBytes = weightBytes(*model);
            result = trainModel(*model, data, config, callbacks);
        });
        QCOMPARE(result.epochs.size(), std::size_t{3});
        QVERIFY(firstEpochPeak > 0);
        const double rise = statusBytes("VmHWM") - firstEpochPeak;
        qInfo("peak rose %.1f MB, %.1f MB of it after the first epoch (the model %.1f MB)",
              growth / 1e6, rise / 1e6, modelBytes / 1e6);
        QVERIFY(modelBytes > 2 * kSlackBytes);
        QVERIFY(rise <= kSlackBytes);
    }
};

QTEST_GUILESS_MAIN(TestTrainMemory)
#include "tst_trainmemory.moc"
