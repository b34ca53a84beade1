#include "CoverCache.h"
#include "CoverFixtures.h"
#include "CoverUrl.h"
#include "LoopbackHttpServer.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace shelfscope::ui;
using namespace coverfixtures;

namespace {
const QRegularExpression kCachedName(QStringLiteral("^[0-9a-f]{64}\\.(png|jpg|gif)$"));
} // namespace

/// What CoverCache keeps and how it schedules: memory and disk caches, names on disk, offline,
/// shared transfers, queue order, cancelling. What it refuses is in tst_coverrules.
class TestCoverCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        png_ = pngBytes();
        server_.route("/covers/a.png", imageRoute(png_));
        server_.route(
            "/covers/a.jpg",
            imageRoute(encode(drawCover({80, 120}, Qt::darkGreen), "JPEG"), "image/jpeg"));
    }

    void fetchesDecodesAndCachesOnDisk() {
        LoopbackHttpServer server; // stopped half-way
        server.route("/a.png", imageRoute(png_));
        const QString url = QStringLiteral("http://127.0.0.1:%1/a.png").arg(server.port());
        QTemporaryDir root;
        const QString folder = root.filePath(QStringLiteral("covers"));
        {
            CoverCache cache(testConfig(folder));
            Answers answers(cache);
            cache.request(7, url);
            QCOMPARE(answers.count(), 0); // never from inside request()
            QVERIFY(answers.waitFor(1));
            const QImage cover = answers.imageFor(7);
            QCOMPARE(cover.size(), QSize(60, 90));
            QCOMPARE(cover.pixelColor(5, 5), QColor(40, 90, 160));
            QCOMPARE(cover.pixelColor(5, 40), QColor(Qt::white));
            QCOMPARE(server.requests(), 1);
            const QStringList files = filesUnder(folder);
            QCOMPARE(files.size(), 1);
            QVERIFY2(kCachedName.match(files.first()).hasMatch(), qPrintable(files.first()));
            QCOMPARE(files.first(), coverFileStem(QUrl(url)) + QStringLiteral(".png"));
            QCOMPARE(readFile(folder + QLatin1Char('/') + files.first()), png_);
            QCOMPARE(filesUnder(root.path()),
                     QStringList{QStringLiteral("covers/") + files.first()});
        }
        server.close();
        CoverCache cache(testConfig(folder)); // a new session: from disk
        Answers answers(cache);
        cache.request(7, url);
        QVERIFY(answers.waitFor(1));
        QCOMPARE(answers.imageFor(7).pixelColor(5, 5), QColor(40, 90, 160));
        QCOMPARE(server.requests(), 1);
        QCOMPARE(cache.transfersStarted(), 0);
        QVERIFY(QDir(folder).removeRecursively()); // now only memory has it
        cache.request(8, url);
        QCOMPARE(answers.count(), 1);
        QVERIFY(answers.waitFor(2));
        QCOMPARE(answers.imageFor(8).size(), QSize(60, 90));
        QCOMPARE(cache.transfersStarted(), 0);
    }

    void fetchesJpegAndNamesItByItsContent() {
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        Answers answers(cache);
        cache.request(1, server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.jpg"));
        QVERIFY(answers.waitFor(1));
        QCOMPARE(answers.imageFor(1).size(), QSize(80, 120));
        const QStringList files = filesUnder(root.path());
        QCOMPARE(files.size(), 1);
        QVERIFY(files.first().endsWith(QStringLiteral(".jpg")));
    }

    void urlsCannotWriteOutsideTheFolder_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("dot-dot") << "/../../../outside.png";
        QTest::newRow("encoded dot-dot") << "/covers/..%2F..%2F..%2Foutside.png";
        QTest::newRow("query and fragment") << "/x.png?name=../../outside.png#../../y.png";
        QTest::newRow("encoded nul") << "/a%00.png";
        QTest::newRow("backslashes") << "/..%5C..%5Coutside.png";
        QTest::newRow("non-ASCII") << "/%C3%A9t%C3%A9/caf%C3%A9.png";
        QTest::newRow("300 characters") << "/" + QString(300, QLatin1Char('a')) + ".png";
        QTest::newRow("no extension") << "/cover";
        QTest::newRow("wrong extension") << "/cover.exe";
    }

    void urlsCannotWriteOutsideTheFolder() {
        QFETCH(QString, path);
        server_.setFallback(imageRoute(png_));
        QTemporaryDir root;
        const QString folder = root.filePath(QStringLiteral("a/b/covers"));
        CoverCache cache(testConfig(folder));
        Answers answers(cache);
        cache.request(1, QStringLiteral("http://127.0.0.1:%1").arg(server_.port()) + path);
        QVERIFY(answers.waitFor(1));
        server_.setFallback({404, "no such file\n"});
        QCOMPARE(answers.imageFor(1).size(), QSize(60, 90));
        const QStringList files = filesUnder(root.path());
        QCOMPARE(files.size(), 1);
        QVERIFY2(files.first().startsWith(QStringLiteral("a/b/covers/")),
                 qPrintable(files.first()));
        QVERIFY2(kCachedName.match(files.first().mid(11)).hasMatch(), qPrintable(files.first()));
    }

    void aBrokenCachedFileIsFetchedAgain() {
        QTemporaryDir root;
        const QString url = server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.png");
        const QString cached = root.filePath(coverFileStem(QUrl(url)) + QStringLiteral(".png"));
        QVERIFY(writeFile(cached, png_.left(100)));
        CoverCache cache(testConfig(root.path()));
        Answers answers(cache);
        cache.request(1, url);
        QVERIFY(answers.waitFor(1));
        QCOMPARE(answers.imageFor(1).size(), QSize(60, 90));
        QCOMPARE(cache.transfersStarted(), 1);
        QCOMPARE(readFile(cached), png_);
    }

    void offlineMakesNoRequest() {
        QTemporaryDir root;
        const QString cachedUrl =
            server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.png");
        {
            CoverCache online(testConfig(root.path()));
            Answers answers(online);
            online.request(1, cachedUrl);
            QVERIFY(answers.waitFor(1));
        }
        CoverCacheConfig config = testConfig(root.path());
        config.offline = true;
        CoverCache cache(config);
        Answers answers(cache);
        const int before = server_.requests();
        cache.request(2, server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.jpg"));
        cache.request(3, cachedUrl); // on disk: still shown
        QVERIFY(answers.waitFor(2));
        QVERIFY2(answers.reasonFor(2).contains(QStringLiteral("offline")),
                 qPrintable(answers.reasonFor(2)));
        QCOMPARE(answers.imageFor(3).size(), QSize(60, 90));
        QCOMPARE(server_.requests(), before);
        QCOMPARE(cache.transfersStarted(), 0);
    }

    void goingOfflineEndsTransfers() {
        LoopbackHttpServer::Route stall = imageRoute(png_);
        stall.stall = true;
        server_.route("/offline/stall.png", stall);
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.maxInFlight = 1;
        CoverCache cache(config);
        Answers answers(cache);
        cache.request(1, server_.baseUrl(QStringLiteral("offline")) + QStringLiteral("stall.png"));
        cache.request(2, server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.png"));
        QTRY_COMPARE(cache.transfersStarted(), 1);
        cache.setOffline(true);
        QVERIFY(answers.waitFor(2));
        QVERIFY(answers.reasonFor(1).contains(QStringLiteral("offline")));
        QVERIFY(answers.reasonFor(2).contains(QStringLiteral("offline")));
        QCOMPARE(cache.transfersStarted(), 1);
    }

    void offlineSettingIsRemembered() {
        const QByteArray variable = qgetenv(kCoversOfflineVariable);
        qunsetenv(kCoversOfflineVariable);
        const bool before = coversOfflineSetting();
        saveCoversOfflineSetting(!before);
        QCOMPARE(coversOfflineSetting(), !before);
        QCOMPARE(coverCacheConfigFromSettings().offline, !before);
        saveCoversOfflineSetting(false);
        QCOMPARE(coverCacheConfigFromSettings().offline, false);
        qputenv(kCoversOfflineVariable, "0");
        QCOMPARE(coverCacheConfigFromSettings().offline, false);
        qputenv(kCoversOfflineVariable, "1"); // the variable wins over the setting
        QCOMPARE(coverCacheConfigFromSettings().offline, true);
        QVERIFY(CoverCache().isOffline());
        saveCoversOfflineSetting(before);
        if (variable.isNull())
            qunsetenv(kCoversOfflineVariable);
        else
            qputenv(kCoversOfflineVariable, variable);
    }

    void duplicatesShareOneTransfer() {
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        Answers answers(cache);
        // A path of its own: a request an earlier function's cache left in flight may still
        // reach the server meanwhile.
        server_.route("/covers/shared.png", imageRoute(png_));
        const QString url =
            server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("shared.png");
        cache.request(1, url);
        cache.request(2, url);
        cache.request(3, url);
        cache.request(1, url); // asked again: answered once
        QVERIFY(answers.waitFor(3));
        QTest::qWait(50);
        QCOMPARE(answers.ready.count(), 3);
        for (std::int32_t book : {1, 2, 3})
            QCOMPARE(answers.imageFor(book).size(), QSize(60, 90));
        QCOMPARE(server_.paths().count("/covers/shared.png"), 1);
        QCOMPARE(cache.transfersStarted(), 1);
    }

    void newestRequestsGoFirst() {
        const QList<QByteArray> names = {"a", "b", "c", "d"};
        for (const QByteArray& name : names)
            server_.route("/queue/" + name + ".png", imageRoute(pngBytes({10, 15})));
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.maxInFlight = 1;
        CoverCache cache(config);
        Answers answers(cache);
        const qsizetype first = server_.paths().size();
        for (int i = 0; i < names.size(); ++i)
            cache.request(i + 1, server_.baseUrl(QStringLiteral("queue")) +
                                     QString::fromLatin1(names[i]) + QStringLiteral(".png"));
        QVERIFY(answers.waitFor(4));
        QCOMPARE(answers.ready.count(), 4);
        QCOMPARE(server_.paths().mid(first), (QList<QByteArray>{"/queue/a.png", "/queue/d.png",
                                                                "/queue/c.png", "/queue/b.png"}));
    }

    void cancelDropsQueuedAndAbortsRunningTransfers() {
        LoopbackHttpServer::Route stall = imageRoute(png_);
        stall.stall = true;
        server_.route("/cancel/stall.png", stall);
        server_.route("/cancel/queued.png", imageRoute(png_));
        server_.route("/cancel/later.png", imageRoute(png_));
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.maxInFlight = 1;
        CoverCache cache(config);
        Answers answers(cache);
        const qsizetype first = server_.paths().size();
        const QString base = server_.baseUrl(QStringLiteral("cancel"));
        cache.request(1, base + QStringLiteral("stall.png"));
        cache.request(2, base + QStringLiteral("queued.png"));
        QTRY_COMPARE(server_.paths().size(), first + 1); // the stalled one is in flight
        cache.cancel(2);
        cache.cancel(1);
        cache.request(3, base + QStringLiteral("later.png"));
        QVERIFY(answers.waitFor(1));
        QTest::qWait(50);
        QCOMPARE(answers.count(), 1);
        QCOMPARE(answers.imageFor(3).size(), QSize(60, 90));
        QCOMPARE(server_.paths().mid(first),
                 (QList<QByteArray>{"/cancel/stall.png", "/cancel/later.png"}));
        QCOMPARE(cache.transfersStarted(), 2);
    }

    void destroyingTheCacheMidTransferIsClean() {
        LoopbackHttpServer::Route stall = imageRoute(png_);
        stall.stall = true;
        server_.route("/destroy/stall.png", stall);
        QTemporaryDir root;
        auto cache = std::make_unique<CoverCache>(testConfig(root.path()));
        cache->request(1, server_.baseUrl(QStringLiteral("destroy")) + QStringLiteral("stall.png"));
        cache->request(2, server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.png"));
        QTRY_VERIFY(cache->transfersStarted() == 2);
        cache.reset();
        QTest::qWait(50); // any late event for the dead cache would crash here
        QVERIFY(filesUnder(root.path()).size() <= 1);
    }

private:
    QByteArray png_;
    LoopbackHttpServer server_;
};

QTEST_MAIN(TestCoverCache)
#include "tst_covercache.moc"
