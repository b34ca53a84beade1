#include "MainWindow.h"
#include "MapPanel.h"
#include "MapView.h"
#include "ReadersPanel.h"
#include "RecommendationTable.h"
#include "RecommendationsPane.h"
#include "RunRecommendations.h"
#include "RunsPanel.h"
#include "TrainPanel.h"
#include "Workspace.h"
#include "model/FactorImport.h"
#include "recommend/Recommender.h"
#include "train/Presets.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <charconv>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// One table of factors as Spark's JSON writer lays it out: rows split over two part files,
/// with _SUCCESS beside them.
void writeSparkFolder(const QString& folder, const Matrix& factors,
                      const std::vector<std::int32_t>& rawIds) {
    QVERIFY(QDir().mkpath(folder));
    QByteArray parts[2];
    for (std::size_t row = 0; row < rawIds.size(); ++row) {
        if (rawIds[row] == 0)
            continue;
        QByteArray& part = parts[row % 2];
        part += "{\"id\":" + QByteArray::number(rawIds[row]) + ",\"features\":[";
        for (Eigen::Index c = 0; c < factors.cols(); ++c) {
            char digits[32];
            const auto end = std::to_chars(digits, digits + sizeof digits,
                                           factors(static_cast<Eigen::Index>(row), c))
                                 .ptr;
            part += (c > 0 ? "," : "") + QByteArray(digits, static_cast<int>(end - digits));
        }
        part += "]}\n";
    }
    for (int i = 0; i < 2; ++i) {
        QFile file(folder + QStringLiteral("/part-0000%1-c000.json").arg(i));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(parts[i]);
    }
    QFile success(folder + QStringLiteral("/_SUCCESS"));
    QVERIFY(success.open(QIODevice::WriteOnly));
}

} // namespace

class TestImportedRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    // Factors from Spark load through the Train tab like any model file, and the Map and
    // Readers tabs work from the run: every book drawn, a reader's list as the engine makes it.
    void anImportedModelIsARunLikeAnyOther() {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy opened(window.loader(), &DatasetLoader::loaded);
        DemoConfig demo;
        demo.users = 400;
        demo.books = 300; // t-SNE at perplexity 40 needs at least 122 books
        demo.ratings = 12000;
        window.openDemo(demo);
        QVERIFY(opened.wait(30000));
        const std::shared_ptr<const Dataset> dataset = window.workspace()->dataset();
        QVERIFY(dataset);

        // Factors trained elsewhere: here notebook-dot's, written in Spark's layout.
        ExperimentConfig config = findPreset("notebook-dot")->config;
        config.train.epochs = 3;
        const TrainedRun trained = trainRun(*dataset, config, "elsewhere");
        QTemporaryDir dir;
        writeSparkFolder(dir.filePath(QStringLiteral("userFactors")),
                         trained.model->userEmbeddings(), trained.metadata.userRawIds);
        writeSparkFolder(dir.filePath(QStringLiteral("itemFactors")),
                         trained.model->bookEmbeddings(), trained.metadata.bookRawIds);
        FactorImportConfig import;
        import.userFactors = dir.filePath(QStringLiteral("userFactors")).toStdString();
        import.bookFactors = dir.filePath(QStringLiteral("itemFactors")).toStdString();
        import.dataset = dataset.get();
        const FactorImportResult imported = importFactors(import);
        QCOMPARE(imported.users.files.size(), std::size_t{2});
        const QString path = dir.filePath(QStringLiteral("spark.ssm"));
        saveModel(path.toStdString(), *imported.saved.model, imported.saved.metadata);

        TrainPanel* panel = window.trainPanel();
        window.showTab(MainWindow::TrainTab);
        QSignalSpy loaded(panel->fileJobs(), &ModelFileJobs::loaded);
        panel->loadModelFile(path);
        QVERIFY(loaded.wait(10000));
        const TrainingRun run = loaded.at(0).at(0).value<TrainingRun>();
        QCOMPARE(QString::fromStdString(run.name), QStringLiteral("spark.ssm"));
        QCOMPARE(window.workspace()->activeRun(), run.run);
        QCOMPARE(panel->runs()->selectedRun(), run.run);
        QVERIFY(run.result.test.count > 0);

        QSignalSpy ready(window.mapPanel(), &MapPanel::mapsReady);
        window.showTab(MainWindow::MapTab);
        QVERIFY2(ready.count() > 0 || ready.wait(60000),
                 qPrintable(window.mapPanel()->pane(0)->status()->text()));
        const MapView* view = window.mapPanel()->pane(0)->view();
        QCOMPARE(view->pointCount(), dataset->ratings.bookCount());
        if (const QByteArray out = qgetenv("SHELFSCOPE_TEST_PICTURES"); !out.isEmpty())
            QVERIFY(window.grab().save(QString::fromLocal8Bit(out) + "/imported-map.png"));

        // The reader's list is the engine's on the trained model: same vectors, no biases.
        const std::int32_t reader = dataset->ratings.users.rawId(7);
        window.showTab(MainWindow::ReadersTab);
        window.workspace()->selectReader(reader);
        RecommendationsPane* pane = window.readersPanel()->recommendations();
        QVERIFY(QTest::qWaitFor([&] { return pane->isSettled(); }, 30000));
        QVERIFY2(pane->first()->outcome().has_value(), qPrintable(pane->first()->message()));
        RecommendConfig recommend;
        recommend.top = pane->topBox()->value();
        const Recommender engine(*trained.model, trained.metadata, *dataset,
                                 window.workspace()->shelves());
        std::vector<std::int32_t> expected;
        for (const Recommendation& r : engine.forReader(reader, recommend).items)
            expected.push_back(r.book.id);
        QCOMPARE(static_cast<int>(expected.size()), recommend.top);
        QCOMPARE(pane->first()->table()->books(), expected);
        if (const QByteArray out = qgetenv("SHELFSCOPE_TEST_PICTURES"); !out.isEmpty())
            QVERIFY(window.grab().save(QString::fromLocal8Bit(out) + "/imported-readers.png"));
    }
};

QTEST_MAIN(TestImportedRun)
#include "tst_importedrun.moc"
