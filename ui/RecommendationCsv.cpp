#include "RecommendationCsv.h"

#include "BookText.h"
#include "CsvText.h"

namespace shelfscope::ui {

namespace {

QString number(double value) {
    return QString::number(value, 'g', 6);
}

} // namespace

QString recommendationsCsv(const std::vector<ExportedList>& lists, const Dataset& dataset) {
    const bool comparing = lists.size() == 2;
    std::set<std::int32_t> shared;
    if (comparing) {
        std::set<std::int32_t> first;
        for (const Recommendation& r : lists[0].result->items)
            first.insert(r.book.id);
        for (const Recommendation& r : lists[1].result->items)
            if (first.count(r.book.id) != 0)
                shared.insert(r.book.id);
    }
    QStringList header{QStringLiteral("reader"),
                       QStringLiteral("run"),
                       QStringLiteral("rank"),
                       QStringLiteral("book_id"),
                       QStringLiteral("title"),
                       QStringLiteral("authors"),
                       QStringLiteral("year"),
                       QStringLiteral("genre"),
                       QStringLiteral("score"),
                       QStringLiteral("average_rating"),
                       QStringLiteral("on_to_read"),
                       QStringLiteral("rated_stars"),
                       QStringLiteral("because_book_id"),
                       QStringLiteral("because_title"),
                       QStringLiteral("because_similarity")};
    if (comparing)
        header << QStringLiteral("in_both");
    QString text = csvLine(header);
    for (const ExportedList& list : lists) {
        int rank = 0;
        for (const Recommendation& r : list.result->items) {
            const Book* book = dataset.books.find(r.book.id);
            const auto rated = list.rated.find(r.book.id);
            QStringList fields{
                list.reader,
                list.run,
                QString::number(++rank),
                QString::number(r.book.id),
                bookTitle(dataset.books, r.book.id),
                book ? QString::fromStdString(book->authors) : QString(),
                book && book->year ? QString::number(*book->year) : QString(),
                book ? QString::fromStdString(book->genre) : QString(),
                number(static_cast<double>(r.predictedRating)),
                r.book.averageRating ? number(static_cast<double>(*r.book.averageRating))
                                     : QString(),
                r.onToReadList ? QStringLiteral("1") : QStringLiteral("0"),
                rated != list.rated.end() ? number(static_cast<double>(rated->second)) : QString(),
                r.because ? QString::number(r.because->id) : QString(),
                r.because ? bookTitle(dataset.books, r.because->id) : QString(),
                r.because ? number(static_cast<double>(r.becauseSimilarity)) : QString()};
            if (comparing)
                fields << (shared.count(r.book.id) != 0 ? QStringLiteral("1")
                                                        : QStringLiteral("0"));
            text += csvLine(fields);
        }
    }
    return text;
}

} // namespace shelfscope::ui
