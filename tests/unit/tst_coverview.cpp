#include "CoverCache.h"
#include "CoverFixtures.h"
#include "CoverPlaceholder.h"
#include "CoverView.h"
#include "LoopbackHttpServer.h"

#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace shelfscope::ui;
using namespace coverfixtures;

namespace {

const QColor kCoverColour(200, 40, 30);

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

bool waitForState(CoverView& view, CoverView::State state) {
    return QTest::qWaitFor([&] { return view.state() == state; }, 10000);
}

} // namespace

class TestCoverView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        server_.route("/view/tall.png",
                      imageRoute(encode(drawCover({100, 200}, kCoverColour), "PNG")));
        server_.route("/view/wide.png",
                      imageRoute(encode(drawCover({200, 100}, kCoverColour), "PNG")));
        LoopbackHttpServer::Route stall = imageRoute(pngBytes());
        stall.stall = true;
        server_.route("/view/stall.png", stall);
    }

    void showsTheCoverScaledToFit_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("tall");
        QTest::newRow("taller than the view") << "tall.png" << true;
        QTest::newRow("wider than the view") << "wide.png" << false;
    }

    void showsTheCoverScaledToFit() {
        QFETCH(QString, name);
        QFETCH(bool, tall);
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        CoverView view(&cache);
        view.resize(160, 240);
        view.show();
        view.showCover(9, server_.baseUrl(QStringLiteral("view")) + name, QStringLiteral("Emma"));
        QCOMPARE(view.state(), CoverView::State::Loading);
        QVERIFY(waitForState(view, CoverView::State::Cover));
        QCOMPARE(view.bookId(), 9);
        QCOMPARE(view.cover().size(), tall ? QSize(100, 200) : QSize(200, 100));
        QVERIFY(view.toolTip().contains(QStringLiteral("Emma")));
        const QImage shot = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QColor background = shot.pixelColor(1, 1); // a corner is never covered
        QVERIFY(background != kCoverColour);
        // The cover fills the view one way and keeps its aspect the other way.
        const QPoint centre(shot.width() / 2, shot.height() / 2);
        QCOMPARE(shot.pixelColor(centre.x(), 8), tall ? kCoverColour : background);
        QCOMPARE(shot.pixelColor(8, centre.y() + 20), tall ? background : kCoverColour);
        // The white band a third of the way down the cover is there, scaled with it.
        const int bandY = tall ? shot.height() * 3 / 7 : centre.y() - 12;
        QCOMPARE(shot.pixelColor(centre.x(), bandY), QColor(Qt::white));
    }

    void showsAPlaceholderAndTheReasonWithoutACover() {
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        CoverView view(&cache);
        view.resize(160, 240);
        view.show();
        const QColor background = view.grab().toImage().pixelColor(80, 120);
        // Goodreads' stand-in, on the loopback server: a request would get a PNG.
        server_.route("/assets/nophoto/book/111x148-bcc042a9c91a29c1d680899eff700a03.png",
                      imageRoute(pngBytes()));
        view.showCover(3,
                       QStringLiteral("http://127.0.0.1:%1/assets/nophoto/book/"
                                      "111x148-bcc042a9c91a29c1d680899eff700a03.png")
                           .arg(server_.port()),
                       QStringLiteral("Persuasion"));
        QVERIFY(waitForState(view, CoverView::State::Unavailable));
        QCOMPARE(cache.transfersStarted(), 0);
        QVERIFY(view.cover().isNull());
        QVERIFY2(view.reason().contains(QStringLiteral("no photo")), qPrintable(view.reason()));
        QVERIFY(view.toolTip().contains(QStringLiteral("Persuasion")));
        QVERIFY(view.toolTip().contains(view.reason()));
        const QImage shot = view.grab().toImage();
        QVERIFY(shot.pixelColor(80, 120) != background); // a book is drawn
        QVERIFY(distinctColours(shot) > 20);             // with shading and lettering
    }

    void anotherBookCancelsTheLoadingOne() {
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.maxInFlight = 1;
        CoverCache cache(config);
        Answers answers(cache);
        CoverView view(&cache);
        view.showCover(1, server_.baseUrl(QStringLiteral("view")) + QStringLiteral("stall.png"),
                       QStringLiteral("Stalled"));
        QTRY_COMPARE(cache.transfersStarted(), 1);
        view.showCover(2, server_.baseUrl(QStringLiteral("view")) + QStringLiteral("tall.png"),
                       QStringLiteral("Tall"));
        QVERIFY(waitForState(view, CoverView::State::Cover));
        QCOMPARE(view.bookId(), 2);
        QCOMPARE(answers.unavailable.count(), 0); // book 1 was cancelled, not answered
        QCOMPARE(cache.transfersStarted(), 2);
    }

    void destroyingAViewCancelsItsRequest() {
        QTemporaryDir root;
        CoverCacheConfig config = testConfig(root.path());
        config.maxInFlight = 1;
        CoverCache cache(config);
        Answers answers(cache);
        auto view = std::make_unique<CoverView>(&cache);
        view->showCover(1, server_.baseUrl(QStringLiteral("view")) + QStringLiteral("stall.png"),
                        QStringLiteral("Stalled"));
        QTRY_COMPARE(cache.transfersStarted(), 1);
        view.reset();
        // The only slot is free again: the next cover comes at once, not after the timeout.
        cache.request(2, server_.baseUrl(QStringLiteral("view")) + QStringLiteral("wide.png"));
        QVERIFY(answers.waitFor(1));
        QCOMPARE(answers.imageFor(2).size(), QSize(200, 100));
        QCOMPARE(answers.unavailable.count(), 0);
    }

    void clearShowsNothing() {
        QTemporaryDir root;
        CoverCache cache(testConfig(root.path()));
        CoverView view(&cache);
        view.resize(120, 180);
        view.show();
        view.showCover(1, QString(), QStringLiteral("No URL"));
        QVERIFY(waitForState(view, CoverView::State::Unavailable));
        view.clear();
        QCOMPARE(view.state(), CoverView::State::Empty);
        QVERIFY(view.toolTip().isEmpty());
        QCOMPARE(distinctColours(view.grab().toImage()), 1);
    }

    void coverInitial_data() {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("initial");
        QTest::newRow("plain") << "The Hunger Games"
                               << "T";
        QTest::newRow("lower case") << "emma"
                                    << "E";
        QTest::newRow("quote first") << "'Salem's Lot"
                                     << "S";
        QTest::newRow("digits") << "1984"
                                << "1";
        QTest::newRow("accented") << "\u00e9tranger"
                                  << "\u00c9";
        QTest::newRow("no letters") << "\u2026 !"
                                    << "?";
        QTest::newRow("empty") << ""
                               << "?";
    }

    void coverInitial() {
        QFETCH(QString, title);
        QFETCH(QString, initial);
        QCOMPARE(shelfscope::ui::coverInitial(title), initial);
    }

    void placeholdersFollowTheTitle() {
        const QImage emma = drawCoverPlaceholder(QStringLiteral("Emma"), {100, 150});
        QCOMPARE(emma.size(), QSize(100, 150));
        QCOMPARE(drawCoverPlaceholder(QStringLiteral("Emma"), {100, 150}), emma);
        QVERIFY(drawCoverPlaceholder(QStringLiteral("Persuasion"), {100, 150}) != emma);
        const QImage sharp = drawCoverPlaceholder(QStringLiteral("Emma"), {100, 150}, 2.0);
        QCOMPARE(sharp.size(), QSize(200, 300));
        QCOMPARE(sharp.devicePixelRatio(), 2.0);
        QCOMPARE(drawCoverPlaceholder(QString(), {1, 1}).size(), QSize(24, 36)); // never empty
    }

private:
    LoopbackHttpServer server_;
};

QTEST_MAIN(TestCoverView)
#include "tst_coverview.moc"
