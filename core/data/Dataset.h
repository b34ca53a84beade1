#pragma once

#include "data/BookCatalog.h"
#include "data/BookTagsLoader.h"
#include "data/BooksLoader.h"
#include "data/RatingTable.h"
#include "data/RatingsLoader.h"
#include "data/ToReadLoader.h"
#include "util/Progress.h"

#include <atomic>
#include <string>
#include <vector>

namespace shelfscope {

/// Everything Shelfscope knows about one data set.
struct Dataset {
    std::string name;   ///< shown to the user: the folder name, or the demo library's label
    std::string folder; ///< empty for a data set made in memory
    RatingTable ratings;
    /// Whether `ratings` is the ratings file row for row (loaded with repeated pairs kept, or the
    /// file had none to drop), so a run that wants the file as it is needs not read it again.
    bool ratingsHoldEveryFileRow = false;
    BookCatalog books;
    ToReadList toRead;
};

struct DatasetLoadConfig {
    std::string folder;
    RatingScale scale;
    bool keepDuplicates = false;
    bool loadToRead = true;
    /// Read tags.csv and book_tags.csv (genres and top shelves) when the folder has them.
    bool loadShelves = true;
};

/// What loading found, for the `info` command and the data panel.
struct LoadSummary {
    std::string ratingsFile;
    std::string booksFile;    ///< empty when the folder has none
    std::string toReadFile;   ///< empty when the folder has none
    std::string tagsFile;     ///< empty when not read (absent, or its companion file is)
    std::string bookTagsFile; ///< empty when not read
    RatingsHeader ratingsHeader = RatingsHeader::BookUserRating;
    BooksHeader booksHeader = BooksHeader::Kaggle;
    std::int64_t rowsRead = 0;
    DuplicateReport duplicates;
    std::int64_t ratingsKept = 0;
    std::int32_t users = 0;
    std::int32_t books = 0;
    std::int64_t booksWithoutMetadata = 0;
    std::int64_t toReadEntries = 0;
    std::int64_t toReadUnmatched = 0;
    std::int64_t tags = 0; ///< rows of tags.csv
    BookTagsReport bookTags;
    RatingHistogram histogramBeforeDedup;
    double ratingsSeconds = 0.0;
    double booksSeconds = 0.0;
    double toReadSeconds = 0.0;
    double tagsSeconds = 0.0; ///< tags.csv; book_tags.csv's time is bookTags.seconds
    double totalSeconds = 0.0;
};

struct DatasetLoadResult {
    Dataset dataset;
    LoadSummary summary;
    std::vector<std::string> warnings;
};

/// Loads ratings.csv[.gz] (required), books.csv[.gz], to_read.csv[.gz], tags.csv[.gz] and
/// book_tags.csv[.gz] (optional) from a folder. Malformed files throw DataError; missing optional
/// files, rated books without metadata and the tolerated quirks of book_tags.csv become warnings.
/// With both tag files every book's genre and top shelves come from its shelves; with neither
/// there is no warning; with one of them alone, or without books.csv to join on, a warning says
/// the shelves are not used.
DatasetLoadResult loadDataset(const DatasetLoadConfig& config,
                              const ProgressCallback& progress = {},
                              const std::atomic<bool>& cancel = neverCancelled());

/// Counts the rated books that books.csv does not describe, and names up to `sampleSize` of them.
std::int64_t countBooksWithoutMetadata(const Dataset& dataset, std::vector<std::int32_t>* sample,
                                       std::size_t sampleSize = 5);

} // namespace shelfscope
