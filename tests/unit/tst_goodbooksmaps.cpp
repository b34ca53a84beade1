// Maps of models trained on the real goodbooks-10k files, read from $SHELFSCOPE_DATA (CI sets
// it): what a user sees on the Map tab after training a preset.
#include "data/Dataset.h"
#include "maps/BookMap.h"
#include "train/Presets.h"
#include "train/TrainedRun.h"

#include <QTest>
#include <cmath>
#include <memory>

using namespace shelfscope;

namespace {

double spread(const std::vector<float>& xy, int axis) {
    double sum = 0.0;
    double squares = 0.0;
    const auto n = static_cast<double>(xy.size() / 2);
    for (std::size_t i = static_cast<std::size_t>(axis); i < xy.size(); i += 2) {
        sum += xy[i];
        squares += static_cast<double>(xy[i]) * xy[i];
    }
    return std::sqrt(std::max(0.0, squares / n - (sum / n) * (sum / n)));
}

} // namespace

class TestGoodbooksMaps : public QObject {
    Q_OBJECT

    std::unique_ptr<Dataset> dataset_;

private Q_SLOTS:
    void initTestCase() {
        const QString folder = qEnvironmentVariable("SHELFSCOPE_DATA");
        if (folder.isEmpty())
            QSKIP("SHELFSCOPE_DATA is not set: the real-data checks need the goodbooks-10k folder");
        DatasetLoadConfig config;
        config.folder = folder.toStdString();
        dataset_ = std::make_unique<Dataset>(loadDataset(config).dataset);
    }

    void tsneOfTunedDotStaysTwoDimensional() {
        // tuned-dot's 128-wide, normalised book embeddings have weak neighbourhoods: early
        // exaggeration contracts their layout instead of forming clusters, and without the
        // gradient-norm check the floats of one axis became equal (a map that was a line:
        // KL 4.15, 10-NN kept 0.08). scikit-learn 1.2 stops early exaggeration the same way.
        const TrainedRun run = trainRun(*dataset_, findPreset("tuned-dot")->config, "tuned-dot");
        const BookEmbeddings books = bookEmbeddingsOf(*run.model, run.metadata.bookRawIds);
        BookMapConfig config;
        config.method = MapMethod::Tsne;
        const BookMapResult map = computeBookMap(books, dataset_->books, config);
        QCOMPARE(map.xy.size(), std::size_t{20000});
        for (int axis : {0, 1})
            QVERIFY2(spread(map.xy, axis) > 5.0, qPrintable(QString::number(spread(map.xy, axis))));
        QVERIFY2(map.kept > 0.2, qPrintable(QString::number(map.kept)));
        QVERIFY(map.genres.has_value());
        QVERIFY2(map.genres->agreement > 3.0 * map.genres->chance,
                 qPrintable(QString::number(map.genres->agreement)));
    }
};

QTEST_APPLESS_MAIN(TestGoodbooksMaps)
#include "tst_goodbooksmaps.moc"
