#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "data/BookShelves.h"
#include "data/Dataset.h"
#include "data/DatasetStats.h"
#include "io/JsonWriter.h"

#include <chrono>
#include <iostream>

namespace shelfscope::cli {

namespace {

const char* describeRatingsHeader(RatingsHeader header) {
    return header == RatingsHeader::BookUserRating ? "book_id,user_id,rating (Kaggle release)"
                                                   : "user_id,book_id,rating (GitHub release)";
}

const char* describeBooksHeader(BooksHeader header) {
    return header == BooksHeader::Kaggle ? "Kaggle release: ratings' book_id is books' id"
                                         : "GitHub release: ratings' book_id is books' book_id";
}

void writeCounts(JsonWriter& json, const CountSummary& counts) {
    json.beginObject()
        .field("min", counts.min)
        .field("median", counts.median)
        .field("max", counts.max)
        .field("mean", counts.mean)
        .endObject();
}

void writeHistogram(JsonWriter& json, const RatingHistogram& histogram) {
    json.beginArray();
    for (const auto& [rating, count] : histogram.counts)
        json.beginObject()
            .field("rating", static_cast<double>(rating))
            .field("count", count)
            .endObject();
    json.endArray();
}

void writeShelves(JsonWriter& json, const DatasetLoadResult& loaded) {
    const LoadSummary& s = loaded.summary;
    const BookTagsReport& t = s.bookTags;
    json.field("tags_file", s.tagsFile)
        .field("book_tags_file", s.bookTagsFile)
        .field("tags", s.tags)
        .field("book_tags_rows", t.rowsRead)
        .field("book_tags_unknown_counts", t.unknownCountRows)
        .field("book_tags_repeated_pairs", t.repeatedPairs)
        .field("book_tags_unmatched_rows", t.unmatchedRows)
        .field("books_with_shelves", t.booksWithShelves)
        .field("books_with_genre", t.booksWithGenre)
        .field("tags_seconds", s.tagsSeconds)
        .field("book_tags_seconds", t.seconds);
    json.key("genres").beginArray();
    for (const auto& [genre, count] : countGenres(loaded.dataset.books))
        json.beginObject().field("genre", genre).field("books", count).endObject();
    json.endArray();
}

void printJson(const DatasetLoadResult& loaded, const RatingSpread& spread, double seconds) {
    const LoadSummary& s = loaded.summary;
    JsonWriter json;
    json.beginObject()
        .field("name", loaded.dataset.name)
        .field("folder", loaded.dataset.folder)
        .field("ratings_file", s.ratingsFile)
        .field("books_file", s.booksFile)
        .field("to_read_file", s.toReadFile)
        .field("rows_read", s.rowsRead)
        .field("duplicates_dropped", s.duplicates.rowsDropped)
        .field("duplicate_pairs", s.duplicates.pairs)
        .field("conflicting_pairs", s.duplicates.conflictingPairs)
        .field("ratings_kept", s.ratingsKept)
        .field("users", s.users)
        .field("books", s.books)
        .field("books_in_catalog", static_cast<std::int64_t>(loaded.dataset.books.size()))
        .field("books_without_metadata", s.booksWithoutMetadata)
        .field("to_read_entries", s.toReadEntries)
        .field("to_read_unmatched", s.toReadUnmatched)
        .field("mean_rating", spread.meanRating);
    writeShelves(json, loaded);
    json.key("histogram_before_dedup");
    writeHistogram(json, s.histogramBeforeDedup);
    json.key("histogram");
    writeHistogram(json, spread.histogram);
    json.key("ratings_per_user");
    writeCounts(json, spread.perUser);
    json.key("ratings_per_book");
    writeCounts(json, spread.perBook);
    json.field("load_seconds", seconds);
    json.key("warnings").beginArray();
    for (const std::string& warning : loaded.warnings)
        json.value(warning);
    json.endArray().endObject();
    std::cout << json.text() << '\n';
}

void printRow(const std::string& label, std::int64_t value, const std::string& note = {}) {
    std::string line = "  " + label;
    line.resize(28, ' ');
    const std::string number = groupDigits(value);
    line += std::string(number.size() < 11 ? 11 - number.size() : 0, ' ') + number;
    std::cout << line << (note.empty() ? "" : "  " + note) << '\n';
}

void printHistogram(const RatingHistogram& histogram) {
    const std::int64_t total = histogram.total();
    std::int64_t largest = 1;
    for (const auto& [rating, count] : histogram.counts)
        largest = std::max(largest, count);
    for (const auto& [rating, count] : histogram.counts) {
        const auto bar = static_cast<std::size_t>(40.0 * static_cast<double>(count) /
                                                  static_cast<double>(largest));
        std::string label =
            "  " + fixed(rating, rating == static_cast<float>(static_cast<int>(rating)) ? 0 : 1);
        label.resize(8, ' ');
        const std::string number = groupDigits(count);
        std::cout << label << std::string(number.size() < 10 ? 10 - number.size() : 0, ' ')
                  << number << "  "
                  << fixed(100.0 * static_cast<double>(count) / static_cast<double>(total), 1)
                  << "%  " << std::string(bar, '#') << '\n';
    }
}

void printCounts(const std::string& label, const CountSummary& c) {
    std::cout << "  " << label << "min " << c.min << " / median "
              << fixed(c.median,
                       c.median == static_cast<double>(static_cast<std::int64_t>(c.median)) ? 0 : 1)
              << " / max " << c.max << " (mean " << fixed(c.mean, 1) << ")\n";
}

std::string percentOf(std::int64_t part, std::int64_t whole, int decimals = 1) {
    if (whole <= 0)
        return "-";
    return fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), decimals) + "%";
}

void printShelfCounts(const DatasetLoadResult& loaded) {
    const LoadSummary& s = loaded.summary;
    const BookTagsReport& t = s.bookTags;
    if (s.bookTagsFile.empty())
        return;
    std::string note;
    const auto addNote = [&](std::int64_t count, const std::string& what) {
        if (count > 0)
            note += (note.empty() ? "(" : "; ") + groupDigits(count) + " " + what;
    };
    addNote(t.unknownCountRows, "with count -1, ignored");
    addNote(t.repeatedPairs, "repeated pairs, larger count kept");
    addNote(t.unmatchedRows, "naming books not in books.csv, ignored");
    printRow("book_tags rows", t.rowsRead, note.empty() ? note : note + ")");
    const auto books = static_cast<std::int64_t>(loaded.dataset.books.size());
    printRow("books with shelves", t.booksWithShelves, percentOf(t.booksWithShelves, books, 2));
    printRow("books with a genre", t.booksWithGenre, percentOf(t.booksWithGenre, books, 2));
}

void printGenres(const DatasetLoadResult& loaded) {
    const auto genres = countGenres(loaded.dataset.books);
    if (genres.empty())
        return;
    const auto books = static_cast<std::int64_t>(loaded.dataset.books.size());
    std::cout << "Genres ("
              << (loaded.summary.bookTagsFile.empty() ? "books.csv's genre column"
                                                      : "each book's most-used genre shelf")
              << ")\n";
    for (const auto& [genre, count] : genres)
        printRow(genre, count, percentOf(count, books));
}

void printText(const DatasetLoadResult& loaded, const RatingSpread& spread, double seconds) {
    const LoadSummary& s = loaded.summary;
    std::cout << "Data set: " << loaded.dataset.name << " (" << loaded.dataset.folder << ")\n"
              << "Files\n"
              << "  ratings  " << s.ratingsFile << "  [" << describeRatingsHeader(s.ratingsHeader)
              << "]  " << fixed(s.ratingsSeconds, 3) << " s\n";
    if (!s.booksFile.empty())
        std::cout << "  books    " << s.booksFile << "  [" << describeBooksHeader(s.booksHeader)
                  << "]  " << fixed(s.booksSeconds, 3) << " s\n";
    if (!s.toReadFile.empty())
        std::cout << "  to-read  " << s.toReadFile << "  " << fixed(s.toReadSeconds, 3) << " s\n";
    if (!s.tagsFile.empty())
        std::cout << "  tags     " << s.tagsFile << "  [" << groupDigits(s.tags)
                  << " shelf names]  " << fixed(s.tagsSeconds, 3) << " s\n"
                  << "  shelves  " << s.bookTagsFile << "  " << fixed(s.bookTags.seconds, 3)
                  << " s\n";
    std::cout << "Counts\n";
    printRow("rows read", s.rowsRead);
    printRow("duplicates dropped", s.duplicates.rowsDropped,
             s.duplicates.rowsDropped > 0
                 ? std::string("(").append(groupDigits(s.duplicates.pairs)) + " repeated pairs, " +
                       groupDigits(s.duplicates.conflictingPairs) +
                       " with conflicting ratings; last kept)"
                 : std::string{});
    printRow("ratings kept", s.ratingsKept);
    printRow("users", s.users);
    printRow("books", s.books);
    printRow("books without metadata", s.booksWithoutMetadata);
    printRow("to-read entries", s.toReadEntries,
             s.toReadUnmatched > 0
                 ? std::string("(").append(groupDigits(s.toReadUnmatched)) + " unmatched)"
                 : std::string{});
    printShelfCounts(loaded);
    std::cout << "Rating histogram (all rows read, before removing duplicates)\n";
    printHistogram(s.histogramBeforeDedup);
    std::cout << "Ratings kept: mean " << fixed(spread.meanRating, 3) << '\n';
    printCounts("ratings per user  ", spread.perUser);
    printCounts("ratings per book  ", spread.perBook);
    printGenres(loaded);
    std::cout << "Load time " << fixed(seconds, 3) << " s\n";
    // Messages go to standard error, as the errors do (docs/BAD_INPUT.md): the report on
    // standard output stays the report.
    std::cout.flush();
    for (const std::string& warning : loaded.warnings)
        std::cerr << "shelfscope-cli: warning: " << warning << '\n';
}

} // namespace

int runInfo(const CommandLine& options) {
    DatasetLoadConfig config;
    config.folder = options.text("data");
    config.scale.min = static_cast<float>(options.number("scale-min"));
    config.scale.max = static_cast<float>(options.number("scale-max"));
    if (config.scale.min > config.scale.max)
        throw UsageError("--scale-min must not be above --scale-max");
    config.keepDuplicates = options.has("keep-duplicates");

    const auto started = std::chrono::steady_clock::now();
    const DatasetLoadResult loaded = loadDataset(config);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const RatingSpread spread = describeRatings(loaded.dataset.ratings);
    if (options.has("json"))
        printJson(loaded, spread, seconds);
    else
        printText(loaded, spread, seconds);
    return ExitSuccess;
}

} // namespace shelfscope::cli
