// The app under a decimal-comma locale (de_DE.UTF-8 from the environment, as a German user's
// desktop sets it): QApplication adopts it for the C library, so the numbers the app writes must
// not depend on it. The list's CSV (QString::number) keeps the dot with the C library and
// QLocale both German; keepCNumericLocale(), what the app's main calls next, gives the C and C++
// libraries their dot back while the user's other settings stay. Core's files under the same
// locale are tst_locale's.
#include "NumericLocale.h"
#include "RecommendationCsv.h"
#include "data/Dataset.h"

#include <QApplication>
#include <QLocale>
#include <QTest>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <locale.h>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

constexpr const char* kCommaLocale = "de_DE.UTF-8";

/// True when the locale is installed, asked without touching the process's own locale.
bool localeInstalled(const char* name) {
    const locale_t probe = newlocale(LC_ALL_MASK, name, static_cast<locale_t>(nullptr));
    if (probe == static_cast<locale_t>(nullptr))
        return false;
    freelocale(probe);
    return true;
}

QByteArray printed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return QByteArray(text);
}

QByteArray category(int which) {
    const char* name = std::setlocale(which, nullptr);
    return name != nullptr ? QByteArray(name) : QByteArray();
}

bool installed = false;

} // namespace

class TestGuiLocale : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // Without the locale this test proves nothing: say so (packaging/install-deps.sh makes
        // it with localedef).
        if (!installed)
            QSKIP("the de_DE.UTF-8 locale is not installed (run packaging/install-deps.sh)");
        // QApplication took the environment's locale for the C library and for QLocale.
        QVERIFY2(category(LC_NUMERIC).startsWith("de_DE"), category(LC_NUMERIC).constData());
        QCOMPARE(printed(1.5), QByteArray("1,50"));
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
    }

    void listCsvUsesDotsUnderADecimalComma() {
        Dataset dataset;
        for (int id = 1; id <= 2; ++id) {
            Book book;
            book.id = id;
            book.title = "Title " + std::to_string(id);
            book.authors = "Author";
            book.averageRating = 3.75f;
            dataset.books.add(book);
        }
        RecommendResult result;
        Recommendation item;
        item.book.id = 1;
        item.book.title = "Title 1";
        item.book.averageRating = 3.75f;
        item.predictedRating = 4.25f;
        item.because = BookInfo{};
        item.because->id = 2;
        item.becauseSimilarity = 0.5f;
        result.items.push_back(item);
        ExportedList list;
        list.run = QStringLiteral("#1 tuned-dot (dot)");
        list.reader = QStringLiteral("314");
        list.result = &result;
        list.rated[1] = 4.5f;
        const QString csv = recommendationsCsv({list}, dataset);
        const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QString row = lines.at(1).trimmed();
        QVERIFY2(row.endsWith(QStringLiteral(",4.25,3.75,0,4.5,2,Title 2,0.5")), qPrintable(row));
        QVERIFY2(!row.contains(QStringLiteral("4,25")), qPrintable(row));
    }

    void theAppKeepsCNumbersAndTheUsersOtherSettings() {
        keepCNumericLocale();
        QCOMPARE(category(LC_NUMERIC), QByteArray("C"));
        QCOMPARE(printed(1.5), QByteArray("1.50"));
        QCOMPARE(std::strtod("2.5", nullptr), 2.5);
        // Only numbers went back: text, collation and what QLocale shows the user stay German.
        QVERIFY2(category(LC_CTYPE).startsWith("de_DE"), category(LC_CTYPE).constData());
        QVERIFY2(category(LC_COLLATE).startsWith("de_DE"), category(LC_COLLATE).constData());
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
    }
};

int main(int argc, char** argv) {
    // Set before QApplication exists, as the user's session sets it.
    installed = localeInstalled(kCommaLocale);
    if (installed) {
        qputenv("LC_ALL", kCommaLocale);
        qputenv("LANG", kCommaLocale);
    }
    QApplication app(argc, argv);
    TestGuiLocale test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_guilocale.moc"
