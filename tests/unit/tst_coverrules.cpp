#include "CoverCache.h"
#include "CoverFixtures.h"
#include "CoverUrl.h"
#include "LoopbackHttpServer.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace shelfscope::ui;
using namespace coverfixtures;

/// A books.csv is untrusted input: which URLs, answers and bodies CoverCache refuses, that it
/// makes no request when it should not, and that a refusal leaves nothing on disk.
class TestCoverRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        png_ = pngBytes();
        server_.route("/covers/a.png", imageRoute(png_));
    }

    void refusedUrlsMakeNoRequest_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reason");
        // Each would give an image if it were fetched: the refusal is what stops it.
        const QString server = QStringLiteral("127.0.0.1:%1").arg(server_.port());
        QTest::newRow("file") << QUrl::fromLocalFile(outsidePng()).toString() << "not file:";
        QTest::newRow("FILE upper case") << QStringLiteral("FILE://") + outsidePng() << "not file:";
        QTest::newRow("data") << QStringLiteral("data:image/png;base64,") +
                                     QString::fromLatin1(png_.toBase64())
                              << "not data:";
        QTest::newRow("qrc") << "qrc:/shelfscope/shelfscope.svg"
                             << "not qrc:";
        QTest::newRow("ftp") << QStringLiteral("ftp://%1/covers/a.png").arg(server) << "not ftp:";
        QTest::newRow("javascript") << "javascript:alert(1)"
                                    << "not javascript:";
        QTest::newRow("relative") << "covers/a.png"
                                  << "not absolute";
        QTest::newRow("scheme-relative")
            << QStringLiteral("//%1/covers/a.png").arg(server) << "not absolute";
        QTest::newRow("no host") << "http:///covers/a.png"
                                 << "no host";
        QTest::newRow("bad port") << "http://127.0.0.1:99999999/covers/a.png"
                                  << "malformed";
        QTest::newRow("space") << QStringLiteral("http://%1/covers/a b.png").arg(server)
                               << "malformed";
        QTest::newRow("empty") << ""
                               << "no image URL";
        QTest::newRow("blank") << " \t "
                               << "no image URL";
    }

    void refusedUrlsMakeNoRequest() {
        QFETCH(QString, url);
        QFETCH(QString, reason);
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        Answers answers(cache);
        const int before = server_.requests();
        cache.request(3, url);
        QVERIFY(answers.waitFor(1));
        QCOMPARE(answers.ready.count(), 0);
        const QString said = answers.reasonFor(3);
        QVERIFY2(said.contains(reason), qPrintable(said));
        QCOMPARE(server_.requests(), before);
        QCOMPARE(cache.transfersStarted(), 0);
        QCOMPARE(filesUnder(root.path()), QStringList());
    }

    void noPhotoUrlsMakeNoRequest_data() {
        QTest::addColumn<QString>("path");
        // The two forms in goodbooks-10k's books.csv (image_url and small_image_url), served
        // here by the loopback server so that a request would succeed.
        QTest::newRow("111x148")
            << "/assets/nophoto/book/111x148-bcc042a9c91a29c1d680899eff700a03.png";
        QTest::newRow("50x75") << "/assets/nophoto/book/50x75-a91bf249278a81aabab721ef782c4a74.png";
        QTest::newRow("upper case") << "/assets/NoPhoto/book/x.png";
    }

    void noPhotoUrlsMakeNoRequest() {
        QFETCH(QString, path);
        server_.route(path.toLatin1(), imageRoute(png_));
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        Answers answers(cache);
        const int before = server_.requests();
        cache.request(4, QStringLiteral("http://127.0.0.1:%1%2").arg(server_.port()).arg(path));
        QVERIFY(answers.waitFor(1));
        QVERIFY2(answers.reasonFor(4).contains(QStringLiteral("no photo")),
                 qPrintable(answers.reasonFor(4)));
        QCOMPARE(server_.requests(), before);
        QCOMPARE(cache.transfersStarted(), 0);
    }

    void failuresGiveNoCoverAndLeaveNothing_data() {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("reason");
        const QByteArray big(100 * 1024, 'x');
        const QByteArray svg = "<svg xmlns='http://www.w3.org/2000/svg' width='60' height='90'>"
                               "<rect width='60' height='90' fill='red'/></svg>";
        auto add = [&](const char* name, const LoopbackHttpServer::Route& route,
                       const char* reason) {
            const QByteArray path = "/fail/" + QByteArray(name).replace(' ', '-') + ".png";
            server_.route(path, route);
            QTest::newRow(name) << path << QString::fromUtf8(reason);
        };
        add("404", {404, "Not Found\n"}, "HTTP 404 (Not Found)");
        add("500", {500, "oops\n"}, "HTTP 500");
        // Both stall after half their body: only cutting off early answers before the timeout.
        LoopbackHttpServer::Route declared = imageRoute(big); // 50 kB sent of the 100 kB announced
        declared.stall = true;
        add("too large, declared", declared, "larger than 64 kB");
        LoopbackHttpServer::Route undeclared = imageRoute(big + big); // 100 kB sent, no length
        undeclared.sendLength = false;
        undeclared.stall = true;
        add("too large, undeclared", undeclared, "larger than 64 kB");
        add("html page", imageRoute("<html><body>Moved</body></html>", "text/html; charset=utf-8"),
            "text/html, not an image");
        add("svg", imageRoute(svg, "image/svg+xml"), "image/svg+xml, not an image");
        add("svg as octet-stream", imageRoute(svg, "application/octet-stream"),
            "svg is not accepted");
        add("svg as png", imageRoute(svg), "svg is not accepted");
        add("garbage as png", imageRoute(QByteArray(5000, '\x17')), "not an image");
        add("empty body", imageRoute({}), "empty body");
        LoopbackHttpServer::Route deflated = imageRoute(deflate(QByteArray(4 << 20, '\0')));
        deflated.headers = {{"Content-Encoding", "deflate"}}; // 4 MB in a few kB: never inflated
        add("deflate-encoded body", deflated, "not an image");
        add("truncated png", imageRoute(png_.left(png_.size() / 2)), "cannot be decoded");
        add("header claims 30000 x 30000", imageRoute(lyingPng(30000, 30000)),
            "too large to show (30000 x 30000");
        add("5000 x 5000 one-bit", imageRoute(largeMonoPng(5000, 5000)),
            "too large to show (5000 x 5000");
        add("4000 x 4000 one-bit", imageRoute(largeMonoPng(4000, 4000)),
            "too large to show (4000 x 4000");
        const QByteArray outside = QUrl::fromLocalFile(outsidePng()).toEncoded();
        add("redirect to file", redirectRoute(outside), "refused a redirect");
        add("redirect to data", redirectRoute("data:image/png;base64," + png_.toBase64()),
            "refused a redirect");
        add("redirect to ftp", redirectRoute("ftp://127.0.0.1/covers/a.png"), "refused a redirect");
        add("redirect to no host", redirectRoute("http:///covers/a.png"), "refused a redirect");
        add("redirect loop", redirectRoute("/fail/redirect-loop.png"), "more than 3 redirects");
        QTest::newRow("refused connection") << QByteArray() << "refused";
    }

    void failuresGiveNoCoverAndLeaveNothing() {
        QFETCH(QByteArray, path);
        QFETCH(QString, reason);
        QTemporaryDir root;
        const QString folder = root.filePath(QStringLiteral("covers"));
        CoverCache cache(testConfig(folder));
        Answers answers(cache);
        const QString url = path.isEmpty()
                                ? QStringLiteral("http://127.0.0.1:1/a.png")
                                : QStringLiteral("http://127.0.0.1:%1").arg(server_.port()) +
                                      QString::fromLatin1(path);
        cache.request(5, url);
        QVERIFY(answers.waitFor(1));
        QCOMPARE(answers.ready.count(), 0);
        const QString said = answers.reasonFor(5);
        qInfo("%s", qPrintable(said));
        QVERIFY(!said.isEmpty());
        QVERIFY2(said.contains(reason, Qt::CaseInsensitive), qPrintable(said));
        QCOMPARE(filesUnder(root.path()), QStringList()); // no partial file, no folder
        QVERIFY(QFile::exists(outsidePng()));
        QCOMPARE(readFile(outsidePng()), png_);
        // The cache still works afterwards.
        cache.request(6, server_.baseUrl(QStringLiteral("covers")) + QStringLiteral("a.png"));
        QVERIFY(answers.waitFor(2));
        QCOMPARE(answers.imageFor(6).size(), QSize(60, 90));
    }

    void redirectsToHttpAreFollowed_data() {
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("connection closed") << false;
        QTest::newRow("connection kept") << true;
    }

    void redirectsToHttpAreFollowed() {
        QFETCH(bool, keepAlive);
        LoopbackHttpServer::Route relative = redirectRoute("/covers/a.png");
        LoopbackHttpServer::Route absolute =
            redirectRoute(server_.baseUrl(QStringLiteral("moved")).toLatin1() + "relative.png");
        relative.keepAlive = absolute.keepAlive = keepAlive;
        server_.route("/moved/relative.png", relative);
        server_.route("/moved/absolute.png", absolute);
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        Answers answers(cache);
        const qsizetype first = server_.paths().size();
        const QString url =
            server_.baseUrl(QStringLiteral("moved")) + QStringLiteral("absolute.png");
        cache.request(1, url);
        QVERIFY(answers.waitFor(1));
        QVERIFY2(answers.ready.count() == 1, qPrintable(answers.reasonFor(1)));
        QCOMPARE(answers.imageFor(1).size(), QSize(60, 90));
        QCOMPARE(
            server_.paths().mid(first),
            (QList<QByteArray>{"/moved/absolute.png", "/moved/relative.png", "/covers/a.png"}));
        QCOMPARE(cache.transfersStarted(), 1); // one transfer, three hops
        // Cached under the URL books.csv gives, not where it led.
        QCOMPARE(filesUnder(root.path()),
                 QStringList{coverFileStem(QUrl(url)) + QStringLiteral(".png")});
    }

    void redirectRules_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("http to https") << "http://a/x"
                                       << "https://b/y" << true;
        QTest::newRow("https to https") << "https://a/x"
                                        << "https://b/y" << true;
        QTest::newRow("https to http") << "https://a/x"
                                       << "http://b/y" << false;
        QTest::newRow("to file") << "http://a/x"
                                 << "file:///etc/passwd" << false;
        QTest::newRow("to data") << "http://a/x"
                                 << "data:image/png;base64,AA==" << false;
        QTest::newRow("to relative") << "http://a/x"
                                     << "/y" << false;
        QTest::newRow("no host") << "http://a/x"
                                 << "http:///y" << false;
    }

    void redirectRules() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        QCOMPARE(isAllowedRedirect(QUrl(from), QUrl(to)), allowed);
    }

    void slowServersTimeOut_data() {
        QTest::addColumn<QByteArray>("path");
        LoopbackHttpServer::Route stall = imageRoute(png_);
        stall.stall = true;
        server_.route("/slow/stall.png", stall);
        LoopbackHttpServer::Route silent = imageRoute(png_);
        silent.silent = true;
        server_.route("/slow/silent.png", silent);
        QTest::newRow("stalls mid-body") << QByteArray("/slow/stall.png");
        QTest::newRow("never answers") << QByteArray("/slow/silent.png");
    }

    void slowServersTimeOut() {
        QFETCH(QByteArray, path);
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.timeoutMs = 300;
        CoverCache cache(config);
        Answers answers(cache);
        QElapsedTimer clock;
        clock.start();
        cache.request(1, QStringLiteral("http://127.0.0.1:%1").arg(server_.port()) +
                             QString::fromLatin1(path));
        QVERIFY(answers.waitFor(1));
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(elapsed >= 250 && elapsed < 5000, qPrintable(QString::number(elapsed)));
        QVERIFY2(answers.reasonFor(1).contains(QStringLiteral("did not answer within 0.3 s")),
                 qPrintable(answers.reasonFor(1)));
        QCOMPARE(filesUnder(root.path()), QStringList());
    }

    void aTrickleEndsAtTheDeadline() {
        // A byte every 40 ms is progress, so the transfer timeout never fires; the whole
        // fetch's deadline must, or four such books would hold every slot for good.
        LoopbackHttpServer::Route trickle = imageRoute(png_ + QByteArray(20000, '\0'));
        trickle.trickleMs = 40;
        server_.route("/slow/trickle.png", trickle);
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.timeoutMs = 1500; // 37 trickled bytes: a stalled event loop does not reach it
        config.totalTimeoutMs = 3000;
        CoverCache cache(config);
        Answers answers(cache);
        QElapsedTimer clock;
        clock.start();
        cache.request(1,
                      QStringLiteral("http://127.0.0.1:%1/slow/trickle.png").arg(server_.port()));
        QVERIFY(answers.waitFor(1));
        const qint64 elapsed = clock.elapsed();
        // A coarse timer may fire up to 5% early (Qt::CoarseTimer, QTimer::singleShot's own).
        QVERIFY2(elapsed >= 2800 && elapsed < 20000, qPrintable(QString::number(elapsed)));
        QVERIFY2(answers.reasonFor(1).contains(QStringLiteral("took longer than 3 s")),
                 qPrintable(answers.reasonFor(1)));
        QCOMPARE(filesUnder(root.path()), QStringList());
    }

private:
    /// A real PNG outside every cache folder: what file: URLs point at.
    QString outsidePng() {
        const QString path = outside_.filePath(QStringLiteral("outside.png"));
        if (!QFile::exists(path))
            writeFile(path, png_);
        return path;
    }

    QTemporaryDir outside_;
    QByteArray png_;
    LoopbackHttpServer server_;
};

QTEST_MAIN(TestCoverRules)
#include "tst_coverrules.moc"
