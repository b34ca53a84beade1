#include "data/Dataset.h"

#include "data/TagsLoader.h"
#include "io/DataError.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace shelfscope {

namespace {

namespace fs = std::filesystem;

/// The plain file wins over the .gz when both exist: it is the faster read.
std::string findDataFile(const fs::path& folder, const std::string& stem,
                         std::vector<std::string>& warnings) {
    const fs::path plain = folder / (stem + ".csv");
    const fs::path gz = folder / (stem + ".csv.gz");
    // fs::exists reports false for a file in a folder that may not be searched: that error
    // must not read as "no such file".
    const auto exists = [](const fs::path& path) {
        std::error_code ec;
        const bool found = fs::exists(path, ec);
        if (ec)
            throw DataError({path.string()}, "cannot open file: " + ec.message());
        return found;
    };
    const bool hasPlain = exists(plain);
    const bool hasGz = exists(gz);
    if (hasPlain && hasGz)
        warnings.push_back("both " + plain.filename().string() + " and " + gz.filename().string() +
                           " exist; reading " + plain.filename().string());
    if (hasPlain)
        return plain.string();
    if (hasGz)
        return gz.string();
    return {};
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Genres and top shelves from tags.csv and book_tags.csv, when both are there to read.
void readShelves(const fs::path& folder, DatasetLoadResult& result,
                 const ProgressCallback& progress, const std::atomic<bool>& cancel) {
    LoadSummary& summary = result.summary;
    std::vector<std::string>& warnings = result.warnings;
    const std::string tagsFile = findDataFile(folder, "tags", warnings);
    const std::string bookTagsFile = findDataFile(folder, "book_tags", warnings);
    if (tagsFile.empty() && bookTagsFile.empty())
        return;
    if (tagsFile.empty() || bookTagsFile.empty()) {
        warnings.push_back(tagsFile.empty()
                               ? "book_tags.csv without tags.csv (the shelf names): no genres "
                                 "or shelves"
                               : "tags.csv without book_tags.csv (the books' shelves): no genres "
                                 "or shelves");
        return;
    }
    if (summary.booksFile.empty()) {
        warnings.push_back("tags.csv and book_tags.csv join on books.csv's Goodreads ids; "
                           "without books.csv there are no genres or shelves");
        return;
    }
    if (progress)
        progress({"Reading shelves", 0.0});
    const auto tagsStarted = std::chrono::steady_clock::now();
    const TagTable tags = loadTags({tagsFile});
    summary.tagsFile = tagsFile;
    summary.tags = tags.size();
    summary.tagsSeconds = secondsSince(tagsStarted);
    summary.bookTags = loadBookTags({bookTagsFile}, tags, result.dataset.books, progress, cancel);
    summary.bookTagsFile = bookTagsFile;
    for (std::string& warning : describeBookTagsQuirks(summary.bookTags, bookTagsFile))
        warnings.push_back(std::move(warning));
}

} // namespace

std::int64_t countBooksWithoutMetadata(const Dataset& dataset, std::vector<std::int32_t>* sample,
                                       std::size_t sampleSize) {
    std::int64_t missing = 0;
    for (std::int32_t rawId : dataset.ratings.books.rawIds()) {
        if (dataset.books.find(rawId) != nullptr)
            continue;
        ++missing;
        if (sample != nullptr && sample->size() < sampleSize)
            sample->push_back(rawId);
    }
    return missing;
}

DatasetLoadResult loadDataset(const DatasetLoadConfig& config, const ProgressCallback& progress,
                              const std::atomic<bool>& cancel) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path folder(config.folder);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw DataError({config.folder}, fs::exists(folder, ec)
                                             ? "not a folder: expected a data set folder"
                                             : "cannot open data folder: no such folder");
    // A folder that may not be listed or searched (its permissions) says so, not "no ratings".
    if (::access(folder.c_str(), R_OK | X_OK) != 0)
        throw DataError({config.folder},
                        std::string("cannot open data folder: ") + std::strerror(errno));

    DatasetLoadResult result;
    LoadSummary& summary = result.summary;
    Dataset& dataset = result.dataset;
    dataset.folder = config.folder;
    dataset.name = fs::absolute(folder, ec).lexically_normal().filename().string();
    if (dataset.name.empty())
        dataset.name =
            fs::absolute(folder, ec).lexically_normal().parent_path().filename().string();

    summary.ratingsFile = findDataFile(folder, "ratings", result.warnings);
    if (summary.ratingsFile.empty())
        throw DataError({config.folder},
                        "no ratings file: expected ratings.csv or ratings.csv.gz in this folder");
    RatingsLoadResult ratings =
        loadRatings({summary.ratingsFile, config.scale, config.keepDuplicates}, progress, cancel);
    dataset.ratings = std::move(ratings.table);
    dataset.ratingsHoldEveryFileRow = config.keepDuplicates || ratings.duplicates.rowsDropped == 0;
    summary.ratingsHeader = ratings.header;
    summary.rowsRead = ratings.rowsRead;
    summary.duplicates = ratings.duplicates;
    summary.ratingsKept = static_cast<std::int64_t>(dataset.ratings.size());
    summary.users = dataset.ratings.userCount();
    summary.books = dataset.ratings.bookCount();
    summary.histogramBeforeDedup = std::move(ratings.histogramBeforeDedup);
    summary.ratingsSeconds = ratings.seconds;

    if (cancel.load())
        throw OperationCancelled();
    if (progress)
        progress({"Reading books", 1.0});
    summary.booksFile = findDataFile(folder, "books", result.warnings);
    if (summary.booksFile.empty()) {
        result.warnings.push_back("no books.csv in the folder: books are shown by id");
    } else {
        BooksLoadResult books = loadBooks({summary.booksFile});
        dataset.books = std::move(books.catalog);
        summary.booksHeader = books.header;
        summary.booksSeconds = books.seconds;
        if (books.invalidUtf8Fields > 0)
            result.warnings.push_back(books.firstInvalidUtf8 +
                                      ": not valid UTF-8; its bad bytes are shown as "
                                      "\xEF\xBF\xBD (" +
                                      std::to_string(books.invalidUtf8Fields) +
                                      (books.invalidUtf8Fields == 1 ? " field" : " fields in all") +
                                      "; is the file saved in another encoding, such as Latin-1?)");
    }
    std::vector<std::int32_t> sample;
    summary.booksWithoutMetadata = countBooksWithoutMetadata(dataset, &sample);
    if (summary.booksWithoutMetadata > 0 && !summary.booksFile.empty()) {
        std::string ids;
        for (std::int32_t id : sample)
            ids += (ids.empty() ? "" : ", ") + std::to_string(id);
        result.warnings.push_back(std::to_string(summary.booksWithoutMetadata) +
                                  " rated books are not in books.csv (e.g. " + ids +
                                  "); they are shown as \"Book #<id>\"");
    }

    if (cancel.load())
        throw OperationCancelled();
    if (config.loadShelves)
        readShelves(folder, result, progress, cancel);

    if (cancel.load())
        throw OperationCancelled();
    summary.toReadFile =
        config.loadToRead ? findDataFile(folder, "to_read", result.warnings) : std::string{};
    if (!summary.toReadFile.empty()) {
        if (progress)
            progress({"Reading to-read lists", 1.0});
        const auto toReadStarted = std::chrono::steady_clock::now();
        dataset.toRead =
            loadToRead({summary.toReadFile}, dataset.ratings.users, dataset.ratings.books);
        summary.toReadEntries = dataset.toRead.rowsRead;
        summary.toReadUnmatched = dataset.toRead.unmatched;
        summary.toReadSeconds = secondsSince(toReadStarted);
        if (dataset.toRead.unmatched > 0)
            result.warnings.push_back(std::to_string(dataset.toRead.unmatched) +
                                      " to-read entries name a user or book without ratings; "
                                      "they are ignored");
    }
    summary.totalSeconds = secondsSince(started);
    return result;
}

} // namespace shelfscope
