#include "DatasetDownloader.h"
#include "DownloadDialog.h"
#include "LoopbackHttpServer.h"
#include "MainWindow.h"
#include "data/Dataset.h"
#include "demo/DemoGenerator.h"
#include "io/DatasetWriter.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Every entry of a folder, hidden ones included: nothing may be left behind.
QStringList entries(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestDownload : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(files_.isValid());
        DemoConfig config;
        config.users = 300;
        config.books = 120;
        config.ratings = 4000;
        writeDataset(generateDemoLibrary(config).dataset, files_.path().toStdString());
        for (const QString& name : DownloadRequest{}.files)
            demo_[name.toLatin1()] = readFile(files_.filePath(name));
        QCOMPARE(demo_.size(), 5);
        QVERIFY(demo_["ratings.csv"].size() > 20000);
        QVERIFY(demo_["book_tags.csv"].size() > 1000);
        for (const auto& [name, body] : demo_.asKeyValueRange()) {
            server_.route("/good/" + name, {200, body});
            server_.route("/missing/" + name, {200, body});
            server_.route("/truncated/" + name, {200, body});
            server_.route("/broken/" + name, {200, body});
            server_.route("/stall/" + name, {200, body});
            server_.route("/no-shelves/" + name, {200, body});
            server_.route("/bad-shelves/" + name, {200, body});
            server_.route("/link-text/" + name, {200, body});
        }
        server_.route("/missing/to_read.csv", {404, "Not Found\n"});
        server_.route("/no-shelves/book_tags.csv", {404, "Not Found\n"});
        // A shelf naming a tag id that tags.csv does not have.
        server_.route("/bad-shelves/book_tags.csv",
                      {200, "goodreads_book_id,tag_id,count\n1000001,0,5\n1000002,99999,3\n"});
        const QByteArray ratings = demo_["ratings.csv"];
        server_.route("/truncated/ratings.csv",
                      {200, ratings.left(ratings.size() / 2), ratings.size()});
        server_.route("/broken/ratings.csv", {200, "user_id,book_id,rating\n1,2,5\n1,3,x\n"});
        // What a repository serves for a file kept as a symbolic link (goodbooks-10k's
        // ratings.csv was once a link to ../data/ratings.csv): the link's text, not the data.
        server_.route("/link-text/ratings.csv", {200, "../data/ratings.csv"});
        server_.route("/stall/ratings.csv", {200, ratings, -1, true});
    }

    void downloadsChecksAndInstalls() {
        QTemporaryDir root;
        const QString destination = root.filePath(QStringLiteral("goodbooks-10k"));
        DatasetDownloader downloader;
        QSignalSpy finished(&downloader, &DatasetDownloader::finished);
        QSignalSpy progressed(&downloader, &DatasetDownloader::progressed);
        DownloadRequest request;
        request.baseUrl = QUrl(server_.baseUrl(QStringLiteral("good")));
        request.destination = destination;
        downloader.start(request);
        QVERIFY(downloader.isBusy());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(0).toString(), destination);
        QVERIFY(!downloader.isBusy());
        QVERIFY(progressed.count() >= 5);
        const DownloadProgress last = progressed.last().at(0).value<DownloadProgress>();
        QCOMPARE(last.fileCount, 5);
        qint64 total = 0;
        for (const QByteArray& body : demo_)
            total += body.size();
        QCOMPARE(last.receivedAll, total);
        for (const auto& [name, body] : demo_.asKeyValueRange())
            QCOMPARE(readFile(destination + QLatin1Char('/') + QString::fromLatin1(name)), body);
        QCOMPARE(entries(root.path()), QStringList{QStringLiteral("goodbooks-10k")});
        DatasetLoadConfig load;
        load.folder = destination.toStdString();
        const DatasetLoadResult loaded = loadDataset(load);
        QCOMPARE(loaded.dataset.ratings.size(), std::size_t{4000});
        // The shelves came too: every book has its genre again.
        QCOMPARE(loaded.summary.bookTags.booksWithGenre, std::int64_t{120});
        QVERIFY(loaded.warnings.empty());
    }

    void failuresLeaveNothingBehind_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404") << "missing"
                             << "to_read.csv: the server answered HTTP 404";
        QTest::newRow("truncated") << "truncated"
                                   << "ratings.csv";
        QTest::newRow("bad content") << "broken"
                                     << "ratings.csv:3";
        QTest::newRow("no server") << "closed"
                                   << "";
        QTest::newRow("404 for the shelves") << "no-shelves"
                                             << "book_tags.csv: the server answered HTTP 404";
        QTest::newRow("bad shelves") << "bad-shelves"
                                     << "book_tags.csv:3: column 2 (tag_id): unknown tag id";
        QTest::newRow("a link's text") << "link-text"
                                       << "ratings.csv:1: unknown header";
    }

    void failuresLeaveNothingBehind() {
        QFETCH(QString, folder);
        QFETCH(QString, expected);
        QTemporaryDir root;
        const QString destination = root.filePath(QStringLiteral("goodbooks-10k"));
        // An earlier, good copy must survive a failed download untouched.
        QVERIFY(QDir().mkpath(destination));
        QFile earlier(destination + QStringLiteral("/ratings.csv"));
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write("user_id,book_id,rating\n1,1,5\n");
        earlier.close();
        QUrl base(server_.baseUrl(folder));
        if (folder == QLatin1String("closed"))
            base = QUrl(QStringLiteral("http://127.0.0.1:1/"));
        DatasetDownloader downloader;
        QSignalSpy failed(&downloader, &DatasetDownloader::failed);
        DownloadRequest request;
        request.baseUrl = base;
        request.destination = destination;
        downloader.start(request);
        QVERIFY(failed.wait(20000));
        const QString message = failed.at(0).at(0).toString();
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("nothing was kept")), qPrintable(message));
        QCOMPARE(entries(root.path()), QStringList{QStringLiteral("goodbooks-10k")});
        QCOMPARE(entries(destination), QStringList{QStringLiteral("ratings.csv")});
        QCOMPARE(readFile(destination + QStringLiteral("/ratings.csv")),
                 QByteArray("user_id,book_id,rating\n1,1,5\n"));
    }

    void cancelStopsAStalledDownload() {
        QTemporaryDir root;
        const QString destination = root.filePath(QStringLiteral("goodbooks-10k"));
        DatasetDownloader downloader;
        QSignalSpy failed(&downloader, &DatasetDownloader::failed);
        QSignalSpy progressed(&downloader, &DatasetDownloader::progressed);
        downloader.start(
            {QUrl(server_.baseUrl(QStringLiteral("stall"))), {"ratings.csv"}, destination});
        QTRY_VERIFY_WITH_TIMEOUT(progressed.count() >= 1 &&
                                     progressed.last().at(0).value<DownloadProgress>().received > 0,
                                 10000);
        downloader.cancel();
        // The stalled server never ends the transfer: only the cancel or the worker's 30 s
        // transfer timeout can, so an end well before 30 s is the cancel's. No tighter limit:
        // how soon it comes depends on what else runs on the cores (ctest runs suites in
        // parallel).
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("cancelled")),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(entries(root.path()).isEmpty());
    }

    void aStalledServerTimesOutAndSaysSo() {
        QTemporaryDir root;
        const QString destination = root.filePath(QStringLiteral("goodbooks-10k"));
        DatasetDownloader downloader;
        QSignalSpy failed(&downloader, &DatasetDownloader::failed);
        DownloadRequest request{
            QUrl(server_.baseUrl(QStringLiteral("stall"))), {"ratings.csv"}, destination};
        request.stallTimeoutMs = 1500;
        downloader.start(request);
        // No cancel: only the transfer timeout can end it (Qt reports that as a cancel).
        QVERIFY(failed.wait(20000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("ratings.csv: the server sent nothing for 1.5 s")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("cancelled")), qPrintable(message));
        QVERIFY(entries(root.path()).isEmpty());
    }

    void destroyingTheDownloaderMidwayCleansUp() {
        QTemporaryDir root;
        auto downloader = std::make_unique<DatasetDownloader>();
        QSignalSpy progressed(downloader.get(), &DatasetDownloader::progressed);
        downloader->start({QUrl(server_.baseUrl(QStringLiteral("stall"))),
                           {"ratings.csv"},
                           root.filePath(QStringLiteral("goodbooks-10k"))});
        QTRY_VERIFY_WITH_TIMEOUT(progressed.count() >= 1, 10000);
        downloader.reset(); // cancels and joins the worker thread
        QVERIFY(entries(root.path()).isEmpty());
    }

    void welcomePageDownloadOpensTheDataSet() {
        qputenv(kDownloadUrlVariable, server_.baseUrl(QStringLiteral("good")).toUtf8());
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        window.openLastOrWelcome();
        QVERIFY(window.showingWelcome());
        auto* button = window.findChild<QPushButton*>(QStringLiteral("downloadButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto* dialog = window.findChild<DownloadDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->urlEdit()->text(), server_.baseUrl(QStringLiteral("good")));
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(30000));
        QVERIFY(!window.showingWelcome());
        const LoadedDataset data = loaded.at(0).at(0).value<LoadedDataset>();
        QCOMPARE(data.dataset->ratings.size(), std::size_t{4000});
        QCOMPARE(QString::fromStdString(data.dataset->folder), downloadedDatasetFolder());
        QDir(downloadedDatasetFolder()).removeRecursively();
        qunsetenv(kDownloadUrlVariable);
    }

    void dialogShowsTheFailureAndStaysOpen() {
        qputenv(kDownloadUrlVariable, server_.baseUrl(QStringLiteral("missing")).toUtf8());
        QTemporaryDir root;
        DownloadDialog dialog(nullptr, root.filePath(QStringLiteral("goodbooks-10k")));
        dialog.show();
        QSignalSpy failed(dialog.downloader(), &DatasetDownloader::failed);
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QVERIFY(failed.wait(20000));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("HTTP 404")));
        QVERIFY(dialog.startButton()->isEnabled()); // the user can try again
        QVERIFY(entries(root.path()).isEmpty());
        qunsetenv(kDownloadUrlVariable);
    }

private:
    QTemporaryDir files_;
    QMap<QByteArray, QByteArray> demo_;
    LoopbackHttpServer server_;
};

QTEST_MAIN(TestDownload)
#include "tst_download.moc"
