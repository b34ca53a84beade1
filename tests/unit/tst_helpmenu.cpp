// Help menu: About Shelfscope (version, licence, the data set's attribution), About Qt, and
// Documentation, which opens the installed README or the project's page.
#include "AboutDialog.h"
#include "HelpMenu.h"
#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace shelfscope::ui;

namespace {

QAction* helpAction(const MainWindow& window, const char* name) {
    return window.helpMenu()->findChild<QAction*>(QString::fromLatin1(name));
}

} // namespace

class TestHelpMenu : public QObject {
    Q_OBJECT

public:
    /// QDesktopServices hands the URLs it would open here instead.
    Q_INVOKABLE void openUrl(const QUrl& url) { opened_.append(url); }

private:
    QList<QUrl> opened_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void aboutTextSaysWhatItIs_data() {
        QTest::addColumn<QString>("part");
        QTest::newRow("version") << QStringLiteral("Shelfscope " SHELFSCOPE_VERSION);
        QTest::newRow("licence") << QStringLiteral("MIT licence");
        QTest::newRow("data set") << QStringLiteral("goodbooks-10k by Zygmunt Zając");
        QTest::newRow("its source") << QStringLiteral("https://github.com/zygmuntz/goodbooks-10k");
        QTest::newRow("its licence") << QStringLiteral("CC BY-SA 4.0");
        QTest::newRow("Qt version") << QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()));
    }

    void aboutTextSaysWhatItIs() {
        QFETCH(QString, part);
        QVERIFY2(aboutText().contains(part), qPrintable(part));
    }

    void theMenuBarEndsWithHelp() {
        MainWindow window;
        QVERIFY(window.helpMenu() != nullptr);
        const QList<QAction*> menus = window.menuBar()->actions();
        QCOMPARE(menus.last()->menu(), window.helpMenu());
        QCOMPARE(window.helpMenu()->title(), QStringLiteral("&Help"));
        for (const char* name : {"documentationAction", "aboutAction", "aboutQtAction"})
            QVERIFY2(helpAction(window, name) != nullptr, name);
    }

    void aboutOpensTheDialog() {
        MainWindow window;
        window.show();
        helpAction(window, "aboutAction")->trigger();
        auto* dialog = window.findChild<AboutDialog*>();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->isModal()); // window-modal through open(), no nested event loop
        const auto* text = dialog->findChild<QLabel*>(QStringLiteral("aboutText"));
        QVERIFY(text != nullptr);
        QCOMPARE(text->text(), aboutText());
        QVERIFY(text->openExternalLinks());
        QPointer<AboutDialog> closing(dialog);
        dialog->reject();
        QTRY_VERIFY(closing.isNull()); // deleted on close
    }

    void aboutQtShowsQtsBox() {
        MainWindow window;
        window.show();
        QString seenTitle;
        // QApplication::aboutQt runs its own loop: look at the box, then close it.
        QTimer::singleShot(0, this, [&seenTitle] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                seenTitle = box->windowTitle();
                box->close();
            }
        });
        helpAction(window, "aboutQtAction")->trigger();
        QCOMPARE(seenTitle, QStringLiteral("About Qt"));
    }

    void documentationOpensTheReadme_data() {
        QTest::addColumn<bool>("installed");
        QTest::newRow("run from the build tree: the project's page") << false;
        QTest::newRow("installed: the README beside the program") << true;
    }

    void documentationOpensTheReadme() {
        // Installed, the program is /usr/bin/shelfscope and the README
        // /usr/share/doc/shelfscope/README.md (docs/PACKAGING.md); the installed row makes that
        // layout beside this test's program and takes it away again.
        QFETCH(bool, installed);
        const QString docFolder =
            QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/shelfscope");
        const QString readme = docFolder + QStringLiteral("/README.md");
        QVERIFY2(!QFileInfo::exists(readme), qPrintable(readme + QStringLiteral(" is in the way")));
        const auto cleanUp = qScopeGuard([&] {
            QFile::remove(readme);
            QDir().rmpath(docFolder);
        });
        if (installed) {
            QVERIFY(QDir().mkpath(docFolder));
            QFile file(readme);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write("# Shelfscope\n") > 0);
        }
        const QUrl url = documentationUrl();
        if (installed)
            QCOMPARE(url, QUrl::fromLocalFile(QFileInfo(readme).canonicalFilePath()));
        else
            QCOMPARE(url, QUrl(QString::fromLatin1(kDocumentationWebUrl)));
        opened_.clear();
        QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openUrl");
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
        MainWindow window;
        helpAction(window, "documentationAction")->trigger();
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(opened_, QList<QUrl>{url});
        QCOMPARE(helpAction(window, "documentationAction")->shortcut(),
                 QKeySequence(QKeySequence::HelpContents));
    }
};

QTEST_MAIN(TestHelpMenu)
#include "tst_helpmenu.moc"
