#include "BookText.h"

#include <QLocale>
#include <cmath>

namespace shelfscope::ui {

QString bookTitle(const BookCatalog& books, std::int32_t bookId) {
    return QString::fromStdString(books.displayTitle(bookId));
}

QString bookLine(const BookCatalog& books, std::int32_t bookId) {
    const Book* book = books.find(bookId);
    if (book == nullptr)
        return bookTitle(books, bookId);
    QString line = QString::fromStdString(book->title);
    if (!book->authors.empty())
        line += QStringLiteral(" \u2014 ") + QString::fromStdString(book->authors);
    if (book->year)
        line += QStringLiteral(" (%1)").arg(*book->year);
    return line;
}

QString booksText(long long count) {
    const QString number = QLocale(QLocale::English).toString(count);
    return count == 1 ? QStringLiteral("1 book") : QStringLiteral("%1 books").arg(number);
}

QString starsText(float rating, float scaleMax) {
    const int full =
        std::clamp(static_cast<int>(std::floor(rating)), 0, static_cast<int>(scaleMax));
    QString text(full, QChar(0x2605));
    text += QString(static_cast<int>(scaleMax) - full, QChar(0x2606));
    return text + QLatin1Char(' ') + QLocale(QLocale::English).toString(rating, 'g', 3);
}

} // namespace shelfscope::ui
