// The bad inputs of tst_badinput in the app: a data folder that cannot be read shows the
// message (file, line, problem) in a box and in the Data tab, a model file that cannot be
// loaded shows it under the runs; the window stays usable. The permission cases rerun this
// test as nobody when it runs as root (root reads any file).
#include "BadInputCases.h"
#include "BadInputFiles.h"
#include "DatasetSummaryView.h"
#include "MainWindow.h"
#include "ModelFileJobs.h"
#include "ReaderPicker.h"
#include "ReadersPanel.h"
#include "RecommendationTable.h"
#include "RecommendationsPane.h"
#include "RunRecommendations.h"
#include "TrainPanel.h"
#include "TrainingController.h"
#include "Workspace.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace bad_input;
using shelfscope::ui::DatasetLoader;
using shelfscope::ui::MainWindow;
using shelfscope::ui::ModelFileJobs;
using shelfscope::ui::ReadersPanel;
using shelfscope::ui::TrainingController;
using shelfscope::ui::TrainPanel;

namespace {

/// Reruns this test's current function and row as nobody (uid and gid 65534), with a home and
/// a temporary folder of its own; true when every check there passed.
bool passesAsNobody(const QTemporaryDir& dir) {
    QFile::setPermissions(dir.path(), kWorldReadableFolder); // nobody passes through to home
    const QString home = dir.filePath(QStringLiteral("nobody-home"));
    QDir().mkpath(home);
    if (chown(QFile::encodeName(home).constData(), 65534, 65534) != 0)
        return false;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("SHELFSCOPE_BAD_INPUT_SHOTS")); // nobody may not write there
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("TMPDIR"), home);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
    const program_test::Run run = program_test::runProgram(
        QStringLiteral("setpriv"),
        {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
         QStringLiteral("--clear-groups"), QCoreApplication::applicationFilePath(),
         QString::fromLatin1(QTest::currentTestFunction()) + QLatin1Char(':') +
             QString::fromLatin1(QTest::currentDataTag())},
        environment, 120000, program_test::Output::Forwarded);
    return run.exitCode == 0;
}

/// With SHELFSCOPE_BAD_INPUT_SHOTS=DIR, saves what the widget shows as DIR/KIND-CASE.png (the
/// pictures docs/BAD_INPUT.md links).
void saveShot(QWidget& widget, const QString& name, const QString& kind) {
    const QString folder = qEnvironmentVariable("SHELFSCOPE_BAD_INPUT_SHOTS");
    if (folder.isEmpty())
        return;
    QString file = name.toLower();
    file.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    QVERIFY(widget.grab().save(folder + QLatin1Char('/') + kind + QLatin1Char('-') + file +
                               QStringLiteral(".png")));
}

std::unique_ptr<MainWindow> openTiny() {
    auto window = std::make_unique<MainWindow>();
    window->resize(1100, 700);
    window->show();
    QSignalSpy loaded(window->loader(), &DatasetLoader::loaded);
    window->openFolder(fixture(QStringLiteral("good/tiny")));
    if (!loaded.wait(10000))
        return nullptr;
    window->showTab(1);
    return window;
}

} // namespace

class TestBadInputGui : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
        QSettings().clear();
    }

    void fixtureFolders_data() { addBadInputRows(); }

    void fixtureFolders() {
        QFETCH(QString, folder);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        const QString path = fixture(QStringLiteral("bad/") + folder);
        MainWindow window;
        window.show();
        QSignalSpy failed(window.loader(), &DatasetLoader::failed);
        window.openFolder(path);
        QVERIFY(failed.wait(10000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(expectedLocation(path, file, line)), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
        auto* box = window.findChild<QMessageBox*>();
        QVERIFY(box != nullptr);
        QCOMPARE(box->text(), message);
        box->accept();
    }

    void largeIdsTrainAndRecommend() {
        const double peakBefore = peakRssMb();
        MainWindow window;
        window.resize(1100, 700);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openFolder(fixture(QStringLiteral("good/large_ids")));
        QVERIFY(loaded.wait(10000));
        TrainPanel* panel = window.trainPanel();
        QSignalSpy finished(panel->controller(), &TrainingController::finished);
        QSignalSpy failed(panel->controller(), &TrainingController::failed);
        // The notebook's raw-id tables would need 2^31 rows: refused, saying why.
        panel->presetBox()->setCurrentText(QStringLiteral("notebook-dot"));
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !finished.isEmpty(), 30000);
        QVERIFY2(finished.isEmpty(), qPrintable(panel->presetBox()->currentText()));
        const QString refusal = failed.at(0).at(1).toString();
        QVERIFY2(refusal.contains(QStringLiteral("user_id up to the largest, 2147483647")),
                 qPrintable(refusal));
        QVERIFY2(panel->messageLabel()->text().contains(refusal), qPrintable(refusal));
        saveShot(window, QStringLiteral("notebook-dot"), QStringLiteral("large-ids"));
        // One row per reader and book trains, and the largest reader gets a list.
        panel->presetBox()->setCurrentText(QStringLiteral("tuned-dot"));
        QTest::mouseClick(panel->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        ReadersPanel* readers = window.readersPanel();
        QVERIFY(readers->picker()->chooseText(QStringLiteral("2147483647")));
        QVERIFY(QTest::qWaitFor([&] { return readers->recommendations()->isSettled(); }, 30000));
        const std::vector<std::int32_t>& books =
            readers->recommendations()->first()->table()->books();
        QCOMPARE(books.size(), std::size_t{2}); // six books, four rated
        for (std::int32_t id : books)
            QVERIFY(id == 900000001 || id == 2147483646);
        QVERIFY(!readers->picker()->chooseText(QStringLiteral("2147483648")));
        QCOMPARE(readers->picker()->messageLabel()->text(),
                 QStringLiteral("There is no reader 2147483648: ids go up to 2147483647."));
        // Nothing sized by the largest id (the notebook's run took 8.4 GB here, sizing the book
        // id list of its map updates before the tables were refused).
        const double growth = peakRssMb() - peakBefore;
        QVERIFY2(growth < 200.0, qPrintable(QStringLiteral("peak grew by %1 MB").arg(growth)));
    }

    void dataFolders_data() { addFolderRows(); }

    void dataFolders() {
        QFETCH(QString, name);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, problem);
        QFETCH(bool, asOtherUser);
        QTemporaryDir dir;
        if (asOtherUser && isRoot()) {
            QVERIFY(passesAsNobody(dir));
            return;
        }
        const QString folder = makeFolderCase(dir, name);
        MainWindow window;
        window.show();
        QSignalSpy failed(window.loader(), &DatasetLoader::failed);
        window.openFolder(folder);
        QVERIFY(failed.wait(30000));
        restorePermissions(folder);
        const QString message = failed.at(0).at(0).toString();
        const QString where = location(file.isEmpty() ? folder : folder + '/' + file, line);
        QVERIFY2(message.startsWith(where), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
        auto* box = window.findChild<QMessageBox*>();
        QVERIFY(box != nullptr);
        QCOMPARE(box->text(), message);
        QVERIFY(box->isVisible());
        QVERIFY(window.summaryView()->text().contains(problem.toHtmlEscaped()));
        saveShot(window, name, QStringLiteral("folder"));
        saveShot(*box, name, QStringLiteral("folder-box"));
        box->accept();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        window.openFolder(fixture(QStringLiteral("good/tiny")));
        QVERIFY(loaded.wait(10000));
    }

    void modelFiles_data() { addModelRows(); }

    void modelFiles() {
        QFETCH(QString, name);
        QFETCH(QString, problem);
        QFETCH(bool, asOtherUser);
        QTemporaryDir dir;
        if (asOtherUser && isRoot()) {
            QVERIFY(passesAsNobody(dir));
            return;
        }
        const ModelCase model = makeModelCase(dir, name);
        QVERIFY(!model.path.isEmpty());
        const auto window = openTiny();
        QVERIFY(window);
        auto* panel = window->trainPanel();
        QSignalSpy failed(panel->fileJobs(), &ModelFileJobs::failed);
        panel->loadModelFile(model.path);
        QVERIFY(failed.wait(10000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(model.path + QStringLiteral(": ")), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
        QCOMPARE(panel->messageLabel()->text(), message);
        QVERIFY(panel->messageLabel()->isVisible());
        saveShot(*window, name, QStringLiteral("model"));
    }

    void titlesThatAreNotUtf8ShowReplacementCharacters() {
        MainWindow window;
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        const QString folder = fixture(QStringLiteral("good/latin1_titles"));
        window.openFolder(folder);
        QVERIFY(loaded.wait(10000));
        const QString summary = window.summaryView()->text();
        QVERIFY2(summary.contains(QStringLiteral("books.csv:2: column 7 (title): not valid UTF-8")),
                 qPrintable(summary));
        QVERIFY(summary.contains(QChar(0xFFFD)));
        const auto* book = window.workspace()->dataset()->books.find(10);
        QVERIFY(book != nullptr);
        QCOMPARE(QString::fromStdString(book->title),
                 QStringLiteral("Les Mis") + QChar(0xFFFD) + QStringLiteral("rables"));
    }
};

QTEST_MAIN(TestBadInputGui)
#include "tst_badinputgui.moc"
