// Data folders and model files under paths with spaces and non-ASCII characters, in the CLI
// (bytes as given) and in the GUI (QString to the UTF-8 bytes the file system holds).
#include "MainWindow.h"
#include "ProgramRunner.h"
#include "TrainPanel.h"
#include "Workspace.h"
#include "model/ModelFile.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// Runs the CLI; its standard output, or nothing (with the error logged) when it failed.
std::optional<QByteArray> cli(const QStringList& arguments) {
    const program_test::Run run =
        program_test::runProgram(QStringLiteral(SHELFSCOPE_CLI_PATH), arguments,
                                 QProcessEnvironment::systemEnvironment(), 120000);
    if (run.exitCode != 0) {
        qWarning().noquote() << run.err;
        return std::nullopt;
    }
    return run.out.toUtf8();
}

} // namespace

class TestUnicodePaths : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString library_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        library_ = dir_.filePath(QStringLiteral("Bücher und Ratings ☃"));
        QVERIFY(cli({QStringLiteral("generate"), QStringLiteral("--out"), library_,
                     QStringLiteral("--users"), QStringLiteral("200"), QStringLiteral("--books"),
                     QStringLiteral("60"), QStringLiteral("--ratings"), QStringLiteral("4000")})
                    .has_value());
        // The folder's name on disk is the UTF-8 of the QString.
        QVERIFY(QFile::exists(library_ + QStringLiteral("/ratings.csv")) ||
                QFile::exists(library_ + QStringLiteral("/ratings.csv.gz")));
    }

    void cliOpensTrainsSavesLoadsAndExports() {
        const QString model = dir_.filePath(QStringLiteral("Modell für Leser ☃.ssm"));
        const QString csv = dir_.filePath(QStringLiteral("Einbettungen é.csv"));
        QVERIFY(
            cli({QStringLiteral("train"), QStringLiteral("--data"), library_,
                 QStringLiteral("--preset"), QStringLiteral("notebook-dot"),
                 QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--save"), model})
                .has_value());
        const SavedModel saved = loadModel(QFile::encodeName(model).toStdString());
        QVERIFY(saved.model != nullptr);
        // The model records its data folder by the same bytes, so export finds it again.
        QCOMPARE(QFile::decodeName(saved.metadata.datasetFolder.c_str()), library_);
        QVERIFY(
            cli({QStringLiteral("export"), QStringLiteral("--model"), model,
                 QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), csv})
                .has_value());
        QFile exported(csv);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QVERIFY(exported.readLine().startsWith("book_id,"));
        const QByteArray top = cli({QStringLiteral("recommend"), QStringLiteral("--model"), model,
                                    QStringLiteral("--user"), QStringLiteral("1")})
                                   .value_or(QByteArray());
        QVERIFY(!top.isEmpty());
    }

    void guiOpensTrainsSavesAndLoads() {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QSignalSpy opened(window->loader(), &DatasetLoader::loaded);
        window->openFolder(library_);
        QVERIFY(opened.wait(30000));
        QVERIFY(window->workspace()->dataset() != nullptr);
        QCOMPARE(window->workspace()->dataset()->ratings.size(), std::size_t{4000});
        window->showTab(1);
        TrainPanel* panel = window->trainPanel();
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        const TrainingRun trained = finished.at(0).at(0).value<TrainingRun>();

        const QString model = library_ + QStringLiteral("/Läufe ☃/Modell 1.ssm");
        QVERIFY(QDir().mkpath(library_ + QStringLiteral("/Läufe ☃")));
        QSignalSpy saved(panel->fileJobs(), &ModelFileJobs::saved);
        panel->saveRunModel(trained.run, model);
        QVERIFY2(saved.wait(10000), qPrintable(panel->messageLabel()->text()));
        QVERIFY(QFile::exists(model));
        QSignalSpy loaded(panel->fileJobs(), &ModelFileJobs::loaded);
        panel->loadModelFile(model);
        QVERIFY2(loaded.wait(10000), qPrintable(panel->messageLabel()->text()));
        const TrainingRun reloaded = loaded.at(0).at(0).value<TrainingRun>();
        QCOMPARE(reloaded.result.test.mse, trained.result.test.mse);
        QCOMPARE(QString::fromStdString(reloaded.loadedFrom), model);
    }
};

QTEST_MAIN(TestUnicodePaths)
#include "tst_unicodepaths.moc"
