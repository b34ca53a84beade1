#pragma once

#include "data/Dataset.h"

#include <string>

namespace shelfscope {

/// Writes a data set as ratings.csv (user_id,book_id,rating), books.csv (the later release's
/// header plus a genre column) and to_read.csv into a folder, which is created if needed; when
/// books have shelves, also tags.csv and book_tags.csv in goodbooks-10k's form, holding each
/// book's top shelves and genre shelf (enough to give the same genres and top shelves back);
/// without shelves, a tags.csv and book_tags.csv already in the folder are removed.
/// Each file is written atomically; loading the folder back gives the same data set.
/// Throws std::runtime_error naming the file on any failure.
void writeDataset(const Dataset& dataset, const std::string& folder);

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
std::string csvField(std::string_view text);

} // namespace shelfscope
