#pragma once

#include "MapColouring.h"
#include "MapMarkers.h"

#include <QStringList>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace shelfscope {
struct Dataset;
}

namespace shelfscope::ui {

/// What the map's points are coloured by.
enum class BookColourBy {
    Genre,
    AverageRating,
    Popularity,
    Year,
    Language,
    ReaderStars, ///< the selected reader's stars (their rated books; the rest grey)
};

/// The choices in the order a menu lists them, and their names.
const std::vector<BookColourBy>& bookColourChoices();
QString bookColourName(BookColourBy by);

/// What the map shows of the selected reader, by book id.
struct ReaderOnMap {
    std::unordered_map<std::int32_t, float> stars; ///< the books they rated
    std::vector<std::int32_t> toRead;
    std::vector<std::int32_t> recommended; ///< the model's top books for them, best first
    QString name;                          ///< "reader 314", "the new reader"
    bool empty() const { return stars.empty() && toRead.empty() && recommended.empty(); }
};

/// The colouring of the books `bookIds` (point i is bookIds[i]); a missing genre, value or
/// rating is drawn grey and counted under its own legend entry.
MapColouring colourBooks(const Dataset& dataset, const std::vector<std::int32_t>& bookIds,
                         BookColourBy by, const ReaderOnMap& reader);

/// Marker layers that light up a reader's books: rated (coloured by stars), to-read and
/// recommended, each with its own shape; books not on this map are left out.
std::vector<MapHighlightLayer>
readerLayers(const ReaderOnMap& reader, const std::unordered_map<std::int32_t, int>& pointOfBook);

} // namespace shelfscope::ui
