#pragma once

#include "data/IdIndex.h"
#include "data/RatingTable.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace shelfscope {

/// A new reader's shelf as the app keeps it: (book id, stars) in the order the books were added.
using RatedBooks = std::vector<std::pair<std::int32_t, float>>;

struct ShelfFileReadConfig {
    std::string path;
    /// Ratings must be whole stars within this scale.
    RatingScale scale;
    /// The data set's rated books; a book id outside them is an error (nullptr: not checked).
    const IdIndex* books = nullptr;
    std::string datasetName; ///< named in the unknown-book message
};

struct ShelfFileContents {
    RatedBooks ratings; ///< in file order
};

/// Reads a shelf file (CSV with the header `book_id,rating`, one rated book a line) strictly:
/// a missing or different header, a wrong field count, an id that is no positive integer, a
/// rating that is no whole number within the scale, a book the data set does not have, a book
/// listed twice, or no books at all throw DataError naming the file, line, column and text.
ShelfFileContents readShelfFile(const ShelfFileReadConfig& config);

/// Writes a shelf file atomically (a temporary file renamed into place), in the order given.
/// Throws std::runtime_error naming the path when it cannot be written.
void writeShelfFile(const std::string& path, const RatedBooks& ratings);

} // namespace shelfscope
