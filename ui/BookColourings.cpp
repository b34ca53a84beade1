#include "BookColourings.h"

#include "MapPalette.h"
#include "data/Dataset.h"
#include "maps/BookAttributes.h"

#include <cmath>

namespace shelfscope::ui {

const std::vector<BookColourBy>& bookColourChoices() {
    static const std::vector<BookColourBy> choices{
        BookColourBy::Genre, BookColourBy::AverageRating, BookColourBy::Popularity,
        BookColourBy::Year,  BookColourBy::Language,      BookColourBy::ReaderStars};
    return choices;
}

QString bookColourName(BookColourBy by) {
    switch (by) {
    case BookColourBy::Genre:
        return QObject::tr("genre");
    case BookColourBy::AverageRating:
        return QObject::tr("average rating");
    case BookColourBy::Popularity:
        return QObject::tr("popularity (ratings, log scale)");
    case BookColourBy::Year:
        return QObject::tr("publication year");
    case BookColourBy::Language:
        return QObject::tr("language");
    case BookColourBy::ReaderStars:
        return QObject::tr("the reader's stars");
    }
    return {};
}

namespace {

BookAttribute attributeOf(BookColourBy by) {
    switch (by) {
    case BookColourBy::Genre:
        return BookAttribute::Genre;
    case BookColourBy::AverageRating:
        return BookAttribute::AverageRating;
    case BookColourBy::Popularity:
        return BookAttribute::Popularity;
    case BookColourBy::Year:
        return BookAttribute::Year;
    case BookColourBy::Language:
        return BookAttribute::Language;
    case BookColourBy::ReaderStars:
        break;
    }
    return BookAttribute::Genre;
}

} // namespace

MapColouring colourBooks(const Dataset& dataset, const std::vector<std::int32_t>& bookIds,
                         BookColourBy by, const ReaderOnMap& reader) {
    const QString title = bookColourName(by);
    if (by == BookColourBy::ReaderStars) {
        std::vector<int> stars(bookIds.size(), 0);
        for (std::size_t i = 0; i < bookIds.size(); ++i)
            if (const auto found = reader.stars.find(bookIds[i]); found != reader.stars.end())
                stars[i] = std::clamp(static_cast<int>(std::lround(found->second)), 1, 5);
        return MapColouring::stars(
            stars, reader.name.isEmpty() ? title : reader.name + QStringLiteral("'s stars"));
    }
    const BookAttribute attribute = attributeOf(by);
    if (isCategorical(attribute)) {
        const CategoricalValues values = categoricalAttribute(dataset.books, bookIds, attribute);
        QStringList names;
        for (const std::string& label : values.labels)
            names << QString::fromStdString(label);
        return MapColouring::categorical(
            std::vector<int>(values.codes.begin(), values.codes.end()), names, title, {},
            attribute == BookAttribute::Genre ? QObject::tr("no genre") : QObject::tr("unknown"));
    }
    const NumericValues values = numericAttribute(dataset.books, bookIds, attribute);
    MapColouring colouring = MapColouring::continuous(values.values, title, values.low, values.high,
                                                      QObject::tr("unknown"));
    if (attribute == BookAttribute::Popularity)
        colouring.setValueFormatter([](double v) {
            const double ratings = std::pow(10.0, v) - 1.0;
            return ratings >= 1e6   ? QStringLiteral("%1M").arg(ratings / 1e6, 0, 'f', 1)
                   : ratings >= 1e3 ? QStringLiteral("%1k").arg(ratings / 1e3, 0, 'f', 0)
                                    : QString::number(ratings, 'f', 0);
        });
    if (attribute == BookAttribute::Year)
        colouring.setValueFormatter([](double v) { return QString::number(std::lround(v)); });
    return colouring;
}

std::vector<MapHighlightLayer>
readerLayers(const ReaderOnMap& reader, const std::unordered_map<std::int32_t, int>& pointOfBook) {
    const auto point = [&](std::int32_t id) {
        const auto found = pointOfBook.find(id);
        return found == pointOfBook.end() ? -1 : found->second;
    };
    std::vector<MapHighlightLayer> layers;
    MapHighlightLayer rated;
    rated.name =
        reader.name.isEmpty() ? QObject::tr("rated") : QObject::tr("rated by %1").arg(reader.name);
    rated.shape = MarkerShape::Circle;
    rated.size = 8.0;
    for (const auto& [id, stars] : reader.stars)
        if (const int p = point(id); p >= 0) {
            rated.points.push_back(p);
            rated.colours.push_back(palette::stars(static_cast<int>(std::lround(stars))));
        }
    for (int s = 5; s >= 1; --s)
        rated.key.emplace_back(s == 1 ? QObject::tr("1 star") : QObject::tr("%1 stars").arg(s),
                               palette::stars(s));
    MapHighlightLayer toRead;
    toRead.name = QObject::tr("to read");
    toRead.shape = MarkerShape::Square;
    toRead.colour = QColor(0x8c, 0x56, 0x4b);
    toRead.size = 8.0;
    for (std::int32_t id : reader.toRead)
        if (const int p = point(id); p >= 0)
            toRead.points.push_back(p);
    MapHighlightLayer recommended;
    recommended.name = QObject::tr("recommended");
    recommended.shape = MarkerShape::Triangle;
    recommended.colour = QColor(0x1a, 0x1a, 0x1a);
    recommended.size = 11.0;
    for (std::int32_t id : reader.recommended)
        if (const int p = point(id); p >= 0)
            recommended.points.push_back(p);
    for (MapHighlightLayer* layer : {&rated, &toRead, &recommended})
        if (!layer->points.empty())
            layers.push_back(std::move(*layer));
    return layers;
}

} // namespace shelfscope::ui
